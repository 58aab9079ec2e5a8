/** Plants release records as given — corrupt payloads, broken labels — straight through the API. */
import { gzipSync } from "node:zlib";
import { resolve } from "node:path";
import { MAX_UNPACKED_RELEASE_BYTES, encodeRelease } from "../../src/engine/release/codec.js";
import { configMapRecords } from "../../src/engine/storage/configmaps.js";
import { secretRecords } from "../../src/engine/storage/secrets.js";
import { KubeClient } from "../../src/kube/client.js";
import { loadKubeConfig } from "../../src/kube/config.js";
import { coreResources } from "../../src/kube/coreResources.js";
import type { KubeResource } from "../../src/kube/types.js";
import { makeRelease } from "./releases.js";

export type RecordDriver = "secret" | "configmap";

/** A small chart both helm and wheelhouse render. */
export const helloChart = resolve("demo/charts/hello-go");

/**
 * Payloads that cannot be read, each with the reason wheelhouse gives. `release` is the name
 * of the release whose revision 2 the payload is planted as.
 */
export const CORRUPT_PAYLOADS: Array<{
  kind: string;
  payload: (release: string) => string;
  reason: RegExp;
}> = [
  { kind: "not base64", payload: () => "not base64!!", reason: /its payload is not base64/ },
  {
    kind: "base64 but not gzip",
    payload: () =>
      Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 9, 9, 9]).toString("base64"),
    reason: /its payload is base64 but not valid gzip/,
  },
  {
    kind: "gzip but not JSON",
    payload: () => gzipSync('{"name": ').toString("base64"),
    reason: /its payload is gzip but not JSON/,
  },
  {
    kind: "JSON but not a release",
    payload: (name) =>
      gzipSync(JSON.stringify({ name, info: { status: "pending-upgrade" } })).toString("base64"),
    reason: /its payload is JSON but not a release \(no valid version\)/,
  },
  {
    kind: "a gzip bomb",
    payload: () => gzipSync(Buffer.alloc(MAX_UNPACKED_RELEASE_BYTES + 1)).toString("base64"),
    reason: /unpacks to more than 64 MiB/,
  },
  {
    kind: "another revision's payload",
    payload: (name) => encodeRelease(makeRelease({ name, version: 7, status: "pending-upgrade" })),
    reason: /its payload is revision 7 of release/,
  },
  { kind: "no payload", payload: () => "", reason: /it has no data\.release/ },
];

/** Raw access to the record objects of a sandbox or cluster, as helm's drivers store them. */
export function recordStore(kubeconfig: string, driver: RecordDriver) {
  const client = new KubeClient(loadKubeConfig({ kubeconfig, env: {} }));
  const format = driver === "secret" ? secretRecords : configMapRecords;
  const objects = coreResources(client, driver === "secret" ? "secrets" : "configmaps");
  return {
    kind: driver === "secret" ? "Secret" : "ConfigMap",
    /** Writes an object holding `payload` (the inner string helm's codec makes) under `labels`. */
    async plant(namespace: string, key: string, labels: Record<string, string>, payload: string) {
      const object: KubeResource =
        driver === "secret"
          ? secretRecords.build(namespace, key, labels, payload)
          : configMapRecords.build(namespace, key, labels, payload);
      if (payload === "") object.data = {};
      await objects.create(object as never);
    },
    /** Labels, annotations and the stored data of an object. */
    async raw(namespace: string, key: string) {
      const object = await objects.get(namespace, key);
      return {
        labels: object.metadata.labels ?? {},
        annotations: object.metadata.annotations ?? {},
        data: JSON.stringify(object.data ?? {}),
        payload: () => format.payloadOf(object as never),
      };
    },
    /** Replaces an object's labels, leaving the rest as it is. */
    async setLabels(
      namespace: string,
      key: string,
      labels: (old: Record<string, string>) => Record<string, string>,
    ) {
      const object = await objects.get(namespace, key);
      object.metadata.labels = labels(object.metadata.labels ?? {});
      await objects.update(object);
    },
    close: () => client.close(),
  };
}

/** Labels of a pending revision `version` of `name`, written some minutes ago. */
export function pendingLabels(name: string, version: number): Record<string, string> {
  return {
    name,
    owner: "helm",
    status: "pending-upgrade",
    version: String(version),
    createdAt: String(Math.floor(Date.now() / 1000) - 600),
  };
}
