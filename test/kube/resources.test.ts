import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KubeClusterAccess } from "../../src/engine/cluster/kubeClusterAccess.js";
import type { KubeClient } from "../../src/kube/client.js";
import { UnknownKindError } from "../../src/kube/discovery.js";
import { KubeConflictError } from "../../src/kube/errors.js";
import type { KubeResource } from "../../src/kube/types.js";
import { startTestCluster } from "./cluster.js";
import type { TestCluster } from "./cluster.js";

let cluster: TestCluster;
let client: KubeClient;

beforeAll(async () => {
  cluster = await startTestCluster();
  client = cluster.client();
}, 60_000);
afterAll(async () => {
  await cluster?.close();
});

function deployment(replicas: number, image = "nginx:1.27"): KubeResource {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: cluster.namespace, labels: { app: "web" } },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "web", image }] },
      },
    },
  };
}

describe("generic resources", () => {
  it("applies a Deployment server-side as helm, reads it back, updates it and deletes it", async () => {
    const created = await client.objects.apply(deployment(1));
    expect(created.metadata.uid).toBeTruthy();
    const managers = (created.metadata.managedFields as { manager: string }[] | undefined) ?? [];
    expect(managers.map((m) => m.manager)).toContain("helm");

    const updated = await client.objects.apply(deployment(3, "nginx:1.28"));
    expect((updated.spec as { replicas: number }).replicas).toBe(3);
    expect(updated.metadata.uid).toBe(created.metadata.uid);

    const live = await client.objects.get({
      apiVersion: "apps/v1",
      kind: "Deployment",
      namespace: cluster.namespace,
      name: "web",
    });
    expect(
      (live?.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec
        .containers[0]?.image,
    ).toBe("nginx:1.28");

    const listed = await client.objects.list("apps/v1", "Deployment", cluster.namespace, "app=web");
    expect(listed.map((d) => d.metadata.name)).toEqual(["web"]);
    expect(listed[0]).toMatchObject({ apiVersion: "apps/v1", kind: "Deployment" });
    expect(
      await client.objects.list("apps/v1", "Deployment", cluster.namespace, "app=nope"),
    ).toEqual([]);

    const ref = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      namespace: cluster.namespace,
      name: "web",
    };
    expect(await client.objects.delete(ref)).toBe(true);
    await waitFor(async () => (await client.objects.get(ref)) === undefined);
    expect(await client.objects.delete(ref)).toBe(false);
  });

  it("refuses to take fields another manager owns unless forced", async () => {
    const cm = (value: string): KubeResource => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "owned", namespace: cluster.namespace },
      data: { key: value },
    });
    await client.objects.apply(cm("theirs"), { fieldManager: "someone-else" });
    const err = await client.objects.apply(cm("ours")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeConflictError);
    expect((err as KubeConflictError).details).toContain(".data.key");
    expect((err as KubeConflictError).hint).toMatch(/force/);
    const forced = await client.objects.apply(cm("ours"), { force: true });
    expect(forced.data).toEqual({ key: "ours" });
  });

  it("validates without persisting on a dry run", async () => {
    const cm: KubeResource = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "dry", namespace: cluster.namespace },
      data: { a: "1" },
    };
    const out = await client.objects.apply(cm, { dryRun: true });
    expect(out.metadata.name).toBe("dry");
    expect(
      await client.objects.get({
        apiVersion: "v1",
        kind: "ConfigMap",
        namespace: cluster.namespace,
        name: "dry",
      }),
    ).toBeUndefined();
  });

  it("serves through ClusterAccess what the engine needs", async () => {
    const access = new KubeClusterAccess(client);
    expect(await access.isNamespaced("v1", "Namespace")).toBe(false);
    expect(await access.isNamespaced("apps/v1", "StatefulSet")).toBe(true);
    const applied = await access.apply(
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "ca", namespace: cluster.namespace },
        data: {},
      },
      { fieldManager: "helm", force: true },
    );
    expect(applied.metadata.resourceVersion).toBeTruthy();
    expect(
      await access.delete({
        apiVersion: "v1",
        kind: "ConfigMap",
        namespace: cluster.namespace,
        name: "ca",
      }),
    ).toBe(true);
  });

  it("discovers a custom kind whose CRD is created mid-run", async () => {
    const group = `${cluster.namespace}.example.com`;
    const apiVersion = `${group}/v1`;
    await expect(client.objects.resolveKind(apiVersion, "Widget")).rejects.toBeInstanceOf(
      UnknownKindError,
    );
    const crdRef = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      name: `widgets.${group}`,
    };
    await client.objects.apply({
      apiVersion: crdRef.apiVersion,
      kind: crdRef.kind,
      metadata: { name: crdRef.name },
      spec: {
        group,
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
        versions: [
          {
            name: "v1",
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
            },
          },
        ],
      },
    });
    try {
      // a real server needs a moment to establish the CRD; the same client must see it
      await waitFor(async () => {
        try {
          await client.objects.resolveKind(apiVersion, "Widget");
          return true;
        } catch (err) {
          if (err instanceof UnknownKindError) return false;
          throw err;
        }
      });
      const info = await client.objects.resolveKind(apiVersion, "Widget");
      expect(info).toMatchObject({ resource: "widgets", namespaced: true, group });
      const w = await client.objects.apply({
        apiVersion,
        kind: "Widget",
        metadata: { name: "w1", namespace: cluster.namespace },
        spec: { size: 3 },
      } as KubeResource);
      expect(w.kind).toBe("Widget");
    } finally {
      await client.objects.delete(crdRef);
    }
  });
});

async function waitFor(cond: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > ms) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}
