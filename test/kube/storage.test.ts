import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SecretDriver } from "../../src/engine/storage/secrets.js";
import type { KubeClient } from "../../src/kube/client.js";
import { coreResources } from "../../src/kube/coreResources.js";
import { makeRelease } from "../support/releases.js";
import { startTestCluster } from "./cluster.js";
import type { TestCluster } from "./cluster.js";

// The drivers' behaviour as storage is the contract suite's (storageContract.ts);
// this file checks what an API server holds afterwards.
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

describe("Secret storage on the wire", () => {
  it("stores what helm stores and lists it metadata-only", async () => {
    const driver = new SecretDriver(secrets());
    await driver.create(makeRelease({ name: "wire", namespace: cluster.namespace, version: 1 }));
    const secret = await secrets().get(cluster.namespace, "sh.helm.release.v1.wire.v1");
    expect(secret.type).toBe("helm.sh/release.v1");
    expect(secret.data?.release?.startsWith("SDRzSUFBQUFBQUFD")).toBe(true);
    const meta = await secrets().listMetadata(cluster.namespace, "owner=helm,name=wire");
    expect(meta).toHaveLength(1);
    expect(meta[0]).not.toHaveProperty("data");
    expect(meta[0]?.metadata.labels).toMatchObject({ name: "wire", owner: "helm", version: "1" });
  });

  it("reads records through the API server's watch cache when asked to", async () => {
    const writer = new SecretDriver(secrets());
    const reader = new SecretDriver(coreResources(client, "secrets", { consistency: "cached" }));
    await writer.create(makeRelease({ name: "cached", namespace: cluster.namespace, version: 1 }));
    // the cache follows etcd closely but not synchronously
    let refs = await reader.listRefs({ namespace: cluster.namespace, name: "cached" });
    for (let i = 0; refs.length === 0 && i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      refs = await reader.listRefs({ namespace: cluster.namespace, name: "cached" });
    }
    expect(refs.map((r) => r.key)).toEqual(["sh.helm.release.v1.cached.v1"]);
    expect((await reader.get(cluster.namespace, "cached", 1)).version).toBe(1);
  });
});
