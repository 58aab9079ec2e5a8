import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubeClient } from "../../src/kube/client.js";
import { kubeConfigFromString } from "../../src/kube/config.js";
import {
  KubeAlreadyExistsError,
  KubeConflictError,
  KubeForbiddenError,
  KubeInvalidError,
  KubeNotFoundError,
  KubeTimeoutError,
  KubeUnreachableError,
} from "../../src/kube/errors.js";
import { closedPort, kubeconfigYaml } from "../support/fakeApiServer.js";
import { againstRealCluster, startTestCluster } from "./cluster.js";
import type { TestCluster } from "./cluster.js";
import { coreResources } from "../../src/kube/coreResources.js";

let cluster: TestCluster;
let client: KubeClient;
const secrets = () => coreResources(client, "secrets");
const configMaps = () => coreResources(client, "configmaps");

beforeAll(async () => {
  cluster = await startTestCluster();
  client = cluster.client({ retries: 0 });
}, 60_000);
afterAll(async () => {
  await cluster?.close();
});

describe("errors from a real API server's answers", () => {
  it("reports a missing object with the server's wording", async () => {
    const err = await secrets()
      .get(cluster.namespace, "nope")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeNotFoundError);
    expect((err as Error).message).toBe('secrets "nope" not found');
  });

  it("reports AlreadyExists on a second create and Conflict on a stale resourceVersion", async () => {
    const cm = await configMaps().create({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c1", namespace: cluster.namespace },
      data: { v: "1" },
    });
    await expect(
      configMaps().create({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "c1", namespace: cluster.namespace },
      }),
    ).rejects.toBeInstanceOf(KubeAlreadyExistsError);
    const fresh = await configMaps().update({ ...cm, data: { v: "2" } });
    expect(fresh.metadata.resourceVersion).not.toBe(cm.metadata.resourceVersion);
    const stale = await configMaps()
      .update({ ...cm, data: { v: "3" } })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(KubeConflictError);
    expect((stale as Error).message).toContain("the object has been modified");
    expect(
      await configMaps()
        .delete(cluster.namespace, "c1", { resourceVersion: cm.metadata.resourceVersion })
        .catch((e: unknown) => e),
    ).toBeInstanceOf(KubeConflictError);
    expect(await configMaps().delete(cluster.namespace, "c1")).toBe(true);
  });

  it("carries the field causes of an invalid object", async () => {
    const err = (await secrets()
      .create({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "Not_Valid", namespace: cluster.namespace },
      })
      .catch((e: unknown) => e)) as KubeInvalidError;
    expect(err).toBeInstanceOf(KubeInvalidError);
    expect(err.causes.map((c) => c.field)).toContain("metadata.name");
    expect(err.details).toContain("metadata.name: Invalid value");
  });
});

describe.skipIf(againstRealCluster)("errors the sandbox injects", () => {
  it("names verb, resource and namespace when forbidden, and namespaces() falls back", async () => {
    cluster.sandbox!.setFaults({
      failRequests: [
        { method: "GET", pathIncludes: `/namespaces/${cluster.namespace}/secrets`, status: 403 },
      ],
    });
    try {
      const err = await secrets()
        .listMetadata(cluster.namespace, "owner=helm")
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KubeForbiddenError);
      expect((err as Error).message).toBe(
        `forbidden: you may not list secrets in namespace "${cluster.namespace}"`,
      );
    } finally {
      cluster.sandbox!.setFaults({});
    }
    expect((await client.namespaces()).names).toContain("kube-system");
    cluster.sandbox!.setFaults({
      failRequests: [{ method: "GET", pathIncludes: "/api/v1/namespaces", status: 403 }],
    });
    try {
      const listing = await client.namespaces();
      expect(listing).toMatchObject({ names: [cluster.namespace], fallback: true });
    } finally {
      cluster.sandbox!.setFaults({});
    }
  });

  it("times out a slow server and retries reads through transient 500s", async () => {
    cluster.sandbox!.setFaults({ latencyMs: 400 });
    try {
      const impatient = cluster.client({ timeoutMs: 100, retries: 0 });
      await expect(impatient.serverVersion()).rejects.toBeInstanceOf(KubeTimeoutError);
    } finally {
      cluster.sandbox!.setFaults({});
    }
    cluster.sandbox!.setFaults({
      failRequests: [{ method: "GET", pathIncludes: "/version", status: 500, times: 2 }],
    });
    try {
      const patient = cluster.client({ retries: 3, retryBaseMs: 5 });
      expect((await patient.serverVersion()).gitVersion).toMatch(/^v1\./);
    } finally {
      cluster.sandbox!.setFaults({});
    }
  });
});

describe("an unreachable server", () => {
  it("is reported with its URL", async () => {
    const port = await closedPort();
    const dead = new KubeClient(kubeConfigFromString(kubeconfigYaml(`http://127.0.0.1:${port}`)), {
      retries: 1,
      retryBaseMs: 1,
    });
    const err = await dead.namespaces().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeUnreachableError);
    expect((err as Error).message).toContain(`http://127.0.0.1:${port}`);
    expect((err as Error).message).toContain("connection refused");
  });
});
