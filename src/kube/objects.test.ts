import { describe, expect, it } from "vitest";
import { useFakeApiClient } from "../../test/kube/fakeApiClient.js";
import { statusBody } from "../../test/support/fakeApiServer.js";
import type { FakeApiServer } from "../../test/support/fakeApiServer.js";
import type { KubeClient } from "./client.js";
import { UnknownKindError } from "./discovery.js";

let api: FakeApiServer;
let client: KubeClient;

useFakeApiClient((a, c) => {
  api = a;
  client = c;
});

describe("generic resources", () => {
  const appsV1 = {
    kind: "APIResourceList",
    groupVersion: "apps/v1",
    resources: [
      { name: "deployments", kind: "Deployment", namespaced: true, verbs: ["get"] },
      { name: "deployments/scale", kind: "Scale", namespaced: true },
    ],
  };

  it("resolves kinds through discovery once, and refetches once on a miss", async () => {
    let crdInstalled = false;
    api.handle((req) => {
      if (req.path === "/apis/apps/v1") return { body: appsV1 };
      if (req.path === "/apis/example.com/v1")
        return crdInstalled
          ? { body: { resources: [{ name: "widgets", kind: "Widget", namespaced: false }] } }
          : {
              status: 404,
              body: statusBody(404, "NotFound", "the server could not find the requested resource"),
            };
      return { status: 404 };
    });
    expect((await client.objects.resolveKind("apps/v1", "Deployment")).resource).toBe(
      "deployments",
    );
    await client.objects.resolveKind("apps/v1", "Deployment");
    expect(api.requests).toHaveLength(1);

    await expect(client.objects.resolveKind("example.com/v1", "Widget")).rejects.toBeInstanceOf(
      UnknownKindError,
    );
    crdInstalled = true;
    const widget = await client.objects.resolveKind("example.com/v1", "Widget");
    expect(widget).toMatchObject({ resource: "widgets", namespaced: false, group: "example.com" });
    await expect(client.objects.resolveKind("apps/v1", "Scale")).rejects.toThrow(
      /no resource type for kind "Scale"/,
    );
  });

  it("applies server-side with the helm field manager, force and dry-run", async () => {
    api.handle((req) => {
      if (req.path === "/apis/apps/v1") return { body: appsV1 };
      return {
        body: { ...(req.json as object), metadata: { name: "web", namespace: "prod", uid: "u1" } },
      };
    });
    const out = await client.objects.apply(
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: "prod", managedFields: [{}] },
        spec: { replicas: 2 },
      },
      { force: true, dryRun: true },
    );
    expect(out.metadata.uid).toBe("u1");
    const req = api.requests[1]!;
    expect(req.method).toBe("PATCH");
    expect(req.path).toBe("/apis/apps/v1/namespaces/prod/deployments/web");
    expect(req.headers["content-type"]).toBe("application/apply-patch+yaml");
    expect(req.query.get("fieldManager")).toBe("helm");
    expect(req.query.get("force")).toBe("true");
    expect(req.query.get("dryRun")).toBe("All");
    expect((req.json as { metadata: object }).metadata).not.toHaveProperty("managedFields");
  });

  it("deletes with background propagation and gets undefined for a missing object", async () => {
    api.handle((req) => {
      if (req.path === "/api/v1")
        return {
          body: { resources: [{ name: "namespaces", kind: "Namespace", namespaced: false }] },
        };
      if (req.method === "DELETE") return { body: { kind: "Status", status: "Success" } };
      return { status: 404, body: statusBody(404, "NotFound", 'namespaces "x" not found') };
    });
    expect(
      await client.objects.get({ apiVersion: "v1", kind: "Namespace", name: "x" }),
    ).toBeUndefined();
    expect(
      await client.objects.delete({
        apiVersion: "v1",
        kind: "Namespace",
        name: "x",
        namespace: "ignored",
      }),
    ).toBe(true);
    const del = api.requests.find((r) => r.method === "DELETE")!;
    expect(del.path).toBe("/api/v1/namespaces/x");
    expect(del.json).toMatchObject({ propagationPolicy: "Background" });
  });

  it("lists objects by label with apiVersion and kind on each item", async () => {
    api.handle((req) => {
      if (req.path === "/apis/apps/v1") return { body: appsV1 };
      return { body: { items: [{ metadata: { name: "web", namespace: "prod" } }] } };
    });
    const items = await client.objects.list("apps/v1", "Deployment", "prod", "app=web");
    expect(items[0]).toMatchObject({ apiVersion: "apps/v1", kind: "Deployment" });
    expect(api.requests[1]?.path).toBe("/apis/apps/v1/namespaces/prod/deployments");
    expect(api.requests[1]?.query.get("labelSelector")).toBe("app=web");
  });
});
