import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubeClusterAccess } from "../../src/engine/cluster/kubeClusterAccess.js";
import { LookupReadError } from "../../src/engine/cluster/clusterReader.js";
import type { KubeClient } from "../../src/kube/client.js";
import { lookupRead, serverGroupsAndResources } from "../../src/kube/lookup.js";
import { startTestCluster } from "./cluster.js";
import type { TestCluster } from "./cluster.js";

let cluster: TestCluster;
let client: KubeClient;
let ns: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  client = cluster.client();
  ns = cluster.namespace;
  await client.objects.apply({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "settings", namespace: ns },
    data: { mode: "fast" },
  });
}, 60_000);
afterAll(async () => {
  await cluster?.close();
});

describe("helm's lookup reads", () => {
  it("GETs one object as the server returns it", async () => {
    const found = await lookupRead(client, {
      apiVersion: "v1",
      kind: "ConfigMap",
      namespace: ns,
      name: "settings",
    });
    expect(found).toMatchObject({ kind: "ConfigMap", data: { mode: "fast" } });
    expect(found?.metadata).toHaveProperty("resourceVersion");
  });

  it("LISTs when the name is empty, with apiVersion and kind on every item", async () => {
    const list = await lookupRead(client, {
      apiVersion: "v1",
      kind: "ConfigMap",
      namespace: ns,
      name: "",
    });
    expect(list?.kind).toBe("ConfigMapList");
    const items = list?.items as Array<Record<string, unknown>>;
    expect(items.map((i) => [i.apiVersion, i.kind])).toContainEqual(["v1", "ConfigMap"]);
  });

  it("answers undefined for a missing object, a namespaced object asked without a namespace, and an unknown kind", async () => {
    const ask = (kind: string, namespace: string, name: string) =>
      lookupRead(client, { apiVersion: "v1", kind, namespace, name });
    expect(await ask("ConfigMap", ns, "absent")).toBeUndefined();
    expect(await ask("ConfigMap", "", "settings")).toBeUndefined();
    expect(await ask("Gadget", ns, "x")).toBeUndefined();
  });

  it("reads a cluster-scoped kind whatever namespace is given", async () => {
    const found = await lookupRead(client, {
      apiVersion: "v1",
      kind: "Namespace",
      namespace: "elsewhere",
      name: ns,
    });
    expect(found).toMatchObject({ kind: "Namespace", metadata: { name: ns } });
  });

  it("reports a group-version the server does not serve as helm's discovery failure", async () => {
    const access = new KubeClusterAccess(client);
    const failure = await access
      .lookup({ apiVersion: "nope.example.com/v1", kind: "Nope", namespace: ns, name: "x" })
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(LookupReadError);
    expect(failure).toMatchObject({
      resolving: true,
      message: "the server could not find the requested resource",
    });
  });
});

describe("discovery for .Capabilities", () => {
  it("lists every served group-version with its kinds, subresource kinds included", async () => {
    const resources = await serverGroupsAndResources(client);
    const byGv = new Map(resources.map((r) => [r.groupVersion, r.kinds]));
    expect(byGv.get("v1")).toContain("Secret");
    // policy/v1 came with Kubernetes 1.21; a 1.19 server serves PodDisruptionBudget as v1beta1.
    expect(byGv.get("policy/v1") ?? byGv.get("policy/v1beta1")).toContain("PodDisruptionBudget");
    expect(byGv.get("apps/v1")).toEqual(expect.arrayContaining(["Deployment", "Scale"]));
  });
});
