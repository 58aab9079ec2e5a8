/** @kubernetes/client-node 1.4 against the sandbox, the way src/kube will use it. */
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  Watch,
  setHeaderOptions,
} from "@kubernetes/client-node";
import type { KubernetesObject, V1ConfigMap, V1Deployment } from "@kubernetes/client-node";
import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../support/sandbox.js";
import type { SandboxFixture } from "../support/sandbox.js";

let fx: SandboxFixture;
let kc: KubeConfig;
let core: CoreV1Api;

beforeAll(async () => {
  fx = await withSandbox();
  kc = new KubeConfig();
  kc.loadFromFile(fx.kubeconfigPath);
  core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: "cn" } } });
});
afterAll(async () => {
  await fx.close();
});

/** A GET outside client-node's API classes, with what the kubeconfig says (certificate, token). */
async function rawGet(path: string, headers: Record<string, string> = {}): Promise<unknown> {
  const opts: { headers: Record<string, string>; ca?: Buffer } = { headers: {} };
  await kc.applyToHTTPSOptions(opts);
  const server = kc.getCurrentCluster()?.server ?? "";
  return new Promise((resolve, reject) => {
    const req = request(
      `${server}${path}`,
      { ca: opts.ca, headers: { ...opts.headers, ...headers } },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString("utf8")));
        res.on("end", () => resolve(JSON.parse(text)));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function failure(p: Promise<unknown>): Promise<ApiException<string>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiException) return e as ApiException<string>;
    throw e;
  }
  throw new Error("expected the call to fail");
}

describe("client-node against the sandbox", () => {
  it("reads the server version and the context's namespace from the kubeconfig", async () => {
    expect(kc.getCurrentContext()).toBe("sandbox");
    expect(kc.getContextObject("sandbox")?.namespace).toBe("default");
    expect(((await rawGet("/version")) as { gitVersion: string }).gitVersion).toBe("v1.31.0");
  });

  it("creates, reads, replaces and deletes a Secret with CoreV1Api", async () => {
    const created = await core.createNamespacedSecret({
      namespace: "cn",
      body: {
        metadata: { name: "s1", labels: { owner: "helm" } },
        data: { k: Buffer.from("v").toString("base64") },
      },
    });
    expect(created.metadata?.uid).toBeTruthy();
    const read = await core.readNamespacedSecret({ name: "s1", namespace: "cn" });
    expect(Buffer.from(read.data?.k ?? "", "base64").toString()).toBe("v");
    read.data = { k: Buffer.from("w").toString("base64") };
    const replaced = await core.replaceNamespacedSecret({
      name: "s1",
      namespace: "cn",
      body: read,
    });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(
      Number(read.metadata?.resourceVersion),
    );
    await core.deleteNamespacedSecret({ name: "s1", namespace: "cn" });
    const gone = await failure(core.readNamespacedSecret({ name: "s1", namespace: "cn" }));
    expect(gone.code).toBe(404);
    expect(JSON.parse(gone.body)).toMatchObject({
      reason: "NotFound",
      message: 'secrets "s1" not found',
    });
  });

  it("surfaces a stale resourceVersion as a 409 Conflict", async () => {
    const cm = await core.createNamespacedConfigMap({
      namespace: "cn",
      body: { metadata: { name: "c1" }, data: { a: "1" } },
    });
    await core.replaceNamespacedConfigMap({
      name: "c1",
      namespace: "cn",
      body: { ...cm, data: { a: "2" } },
    });
    const stale = await failure(
      core.replaceNamespacedConfigMap({
        name: "c1",
        namespace: "cn",
        body: { ...cm, data: { a: "3" } },
      }),
    );
    expect(stale.code).toBe(409);
    expect(JSON.parse(stale.body).reason).toBe("Conflict");
  });

  it("lists Secrets by label selector, and metadata-only through a raw request", async () => {
    for (const [name, owner] of [
      ["r1", "helm"],
      ["r2", "helm"],
      ["x", "other"],
    ]) {
      await core.createNamespacedSecret({
        namespace: "cn",
        body: {
          metadata: { name, labels: { owner: owner! } },
          data: { big: Buffer.alloc(100).toString("base64") },
        },
      });
    }
    const list = await core.listNamespacedSecret({ namespace: "cn", labelSelector: "owner=helm" });
    expect(list.items.map((s) => s.metadata?.name)).toEqual(["r1", "r2"]);
    const meta = (await rawGet("/api/v1/namespaces/cn/secrets?labelSelector=owner%3Dhelm", {
      Accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json",
    })) as { kind: string; items: Array<Record<string, unknown>> };
    expect(meta.kind).toBe("PartialObjectMetadataList");
    expect(meta.items.map((i) => (i.metadata as { name: string }).name)).toEqual(["r1", "r2"]);
    expect(meta.items.every((i) => i.data === undefined)).toBe(true);
  });

  it("server-side applies generic objects with KubernetesObjectApi and reads them back", async () => {
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const dep: V1Deployment & KubernetesObject = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "cn" },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "web", image: "nginx:1.25" }] },
        },
      },
    };
    const applied = await objects.patch(
      dep,
      undefined,
      undefined,
      "helm",
      true,
      PatchStrategy.ServerSideApply,
    );
    expect(applied.metadata?.managedFields?.[0]?.manager).toBe("helm");
    const read = await objects.read<V1Deployment & KubernetesObject>({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "cn" },
    });
    expect(read.spec?.replicas).toBe(2);
    const apps = kc.makeApiClient(AppsV1Api);
    for (let i = 0; i < 500; i++) {
      const d = await apps.readNamespacedDeployment({ name: "web", namespace: "cn" });
      if (d.status?.readyReplicas === 2) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const ready = await apps.readNamespacedDeployment({ name: "web", namespace: "cn" });
    expect(ready.status).toMatchObject({ readyReplicas: 2, observedGeneration: 1 });
    const listed = await objects.list("apps/v1", "Deployment", "cn");
    expect(listed.items.map((d) => d.metadata?.name)).toEqual(["web"]);
    await objects.delete(
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "cn" } },
      undefined,
      undefined,
      undefined,
      undefined,
      "Background",
    );
    await expect(
      objects.read({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: "cn" },
      }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it("delivers ADDED, MODIFIED and DELETED to a Watch", async () => {
    const start = (await core.listNamespacedConfigMap({ namespace: "cn" })).metadata
      ?.resourceVersion;
    const seen: string[] = [];
    const watch = new Watch(kc);
    const controller = await watch.watch(
      "/api/v1/namespaces/cn/configmaps",
      { resourceVersion: start, labelSelector: "watched=yes" },
      (phase, obj: V1ConfigMap) => seen.push(`${phase} ${obj.metadata?.name} ${obj.data?.v ?? ""}`),
      () => undefined,
    );
    await core.createNamespacedConfigMap({
      namespace: "cn",
      body: { metadata: { name: "w", labels: { watched: "yes" } }, data: { v: "1" } },
    });
    await core.patchNamespacedConfigMap(
      { name: "w", namespace: "cn", body: { data: { v: "2" } } },
      setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
    );
    await core.deleteNamespacedConfigMap({ name: "w", namespace: "cn" });
    for (let i = 0; i < 500 && seen.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    expect(seen).toEqual(["ADDED w 1", "MODIFIED w 2", "DELETED w 2"]);
  });
});
