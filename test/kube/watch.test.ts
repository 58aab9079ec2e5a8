import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../src/kube/client.js";
import type { Secret, WatchEvent } from "../../src/kube/types.js";
import { againstRealCluster, startTestCluster } from "./cluster.js";
import type { TestCluster } from "./cluster.js";
import { coreResources } from "../../src/kube/coreResources.js";

let cluster: TestCluster;
let client: KubeClient;
const secrets = () => coreResources(client, "secrets");

beforeAll(async () => {
  cluster = await startTestCluster();
  client = cluster.client();
}, 60_000);
afterAll(async () => {
  await cluster?.close();
});

function releaseSecret(name: string, status = "deployed"): Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name,
      namespace: cluster.namespace,
      labels: { owner: "helm", name: "w", status, version: "1" },
    },
    type: "helm.sh/release.v1",
    data: { release: "eA==" },
  };
}

describe("watchSecrets", () => {
  it("delivers events across server-side ends of the stream without losing or repeating any", async () => {
    const events: WatchEvent<Secret>[] = [];
    let connects = 0;
    const stop = secrets().watch(cluster.namespace, "owner=helm", (e) => events.push(e), {
      timeoutSeconds: 1,
      minDelayMs: 50,
      onConnect: () => connects++,
    });
    try {
      await waitFor(() => connects >= 1);
      await secrets().create(releaseSecret("a"));
      await waitFor(() => events.length >= 1);
      await waitFor(() => connects >= 2, 10_000); // the server ended the first connection
      const a = await secrets().get(cluster.namespace, "a");
      await secrets().update({
        ...a,
        metadata: { ...a.metadata, labels: { ...a.metadata.labels, status: "superseded" } },
      });
      await secrets().create({
        ...releaseSecret("ignored"),
        metadata: { name: "ignored", namespace: cluster.namespace },
      });
      await secrets().delete(cluster.namespace, "a");
      await waitFor(() => events.length >= 3);
      await new Promise((r) => setTimeout(r, 200));
      expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
        "ADDED a",
        "MODIFIED a",
        "DELETED a",
      ]);
    } finally {
      stop();
    }
  }, 20_000);

  it.skipIf(againstRealCluster)(
    "reconnects with backoff while the server refuses, and stops when told",
    async () => {
      cluster.sandbox!.setFaults({
        failRequests: [{ method: "GET", pathIncludes: "watch=true", status: 503, times: 2 }],
      });
      const errors: string[] = [];
      const events: WatchEvent<Secret>[] = [];
      let connects = 0;
      const stop = secrets().watch(undefined, "owner=helm,name=w2", (e) => events.push(e), {
        minDelayMs: 20,
        onError: (e) => errors.push(e.reason),
        onConnect: () => connects++,
      });
      try {
        await waitFor(() => connects >= 1 && errors.length >= 2, 5_000);
        expect(errors).toEqual(["ServerError", "ServerError"]);
        await secrets().create({
          ...releaseSecret("b"),
          metadata: { ...releaseSecret("b").metadata, labels: { owner: "helm", name: "w2" } },
        });
        await waitFor(() => events.length >= 1);
        expect(events[0]).toMatchObject({ type: "ADDED", object: { metadata: { name: "b" } } });
      } finally {
        stop();
        cluster.sandbox!.setFaults({});
      }
      const before = cluster.sandbox!.requestCount();
      await new Promise((r) => setTimeout(r, 150));
      expect(cluster.sandbox!.requestCount()).toBe(before);
    },
  );
});

async function waitFor(cond: () => boolean, ms = 5_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}
