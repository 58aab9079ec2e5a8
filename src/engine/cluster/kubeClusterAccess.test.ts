import { afterEach, beforeEach, expect, it } from "vitest";
import { startFakeApiServer, statusBody } from "../../../test/support/fakeApiServer.js";
import type { FakeApiServer } from "../../../test/support/fakeApiServer.js";
import { KubeClient } from "../../kube/client.js";
import { KubeClusterAccess } from "./kubeClusterAccess.js";

let api: FakeApiServer;
let access: KubeClusterAccess;

beforeEach(async () => {
  api = await startFakeApiServer((req) => {
    if (req.path === "/api/v1")
      return {
        body: {
          resources: [
            { name: "configmaps", kind: "ConfigMap", namespaced: true },
            { name: "namespaces", kind: "Namespace", namespaced: false },
          ],
        },
      };
    if (req.method === "PATCH") return { body: { ...(req.json as object), status: {} } };
    return { status: 404, body: statusBody(404, "NotFound", "not found") };
  });
  access = new KubeClusterAccess(new KubeClient(api.config("apps"), { retries: 0 }));
});
afterEach(async () => {
  await api.close();
});

it("applies with the engine's field manager and force, and reads scope from discovery", async () => {
  const applied = await access.apply(
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm", namespace: "apps" }, data: {} },
    { fieldManager: "wheelhouse-test", force: false, dryRun: true },
  );
  expect(applied.kind).toBe("ConfigMap");
  const patch = api.requests.find((r) => r.method === "PATCH")!;
  expect(patch.path).toBe("/api/v1/namespaces/apps/configmaps/cm");
  expect(patch.query.get("fieldManager")).toBe("wheelhouse-test");
  expect(patch.query.get("force")).toBeNull();
  expect(patch.query.get("dryRun")).toBe("All");
  expect(await access.isNamespaced("v1", "Namespace")).toBe(false);
  expect(await access.isNamespaced("v1", "ConfigMap")).toBe(true);
  expect(await access.get({ apiVersion: "v1", kind: "ConfigMap", name: "x" })).toBeUndefined();
  expect(await access.delete({ apiVersion: "v1", kind: "ConfigMap", name: "x" })).toBe(false);
});
