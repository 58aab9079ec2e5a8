import { describe, expect, it } from "vitest";
import { useFakeApiClient } from "../../test/kube/fakeApiClient.js";
import { statusBody } from "../../test/support/fakeApiServer.js";
import type { FakeApiServer } from "../../test/support/fakeApiServer.js";
import type { KubeClient } from "./client.js";
import { KubeUnauthorizedError } from "./errors.js";

let api: FakeApiServer;
let client: KubeClient;

useFakeApiClient((a, c) => {
  api = a;
  client = c;
});

describe("KubeClient basics", () => {
  it("reads the server version with the kubeconfig's bearer token", async () => {
    api.handle((req) =>
      req.path === "/version"
        ? { body: { major: "1", minor: "31", gitVersion: "v1.31.2" } }
        : { status: 404 },
    );
    const v = await client.serverVersion();
    expect(v.gitVersion).toBe("v1.31.2");
    expect(api.requests[0]?.headers.authorization).toBe("Bearer test-token");
  });

  it("lists namespaces sorted, and falls back to the context namespace when forbidden", async () => {
    api.handle(() => ({
      body: { items: [{ metadata: { name: "zeta" } }, { metadata: { name: "alpha" } }] },
    }));
    expect(await client.namespaces()).toEqual({ names: ["alpha", "zeta"], fallback: false });
    api.handle(() => ({
      status: 403,
      body: statusBody(
        403,
        "Forbidden",
        'namespaces is forbidden: User "bob" cannot list resource "namespaces"',
      ),
    }));
    const listing = await client.namespaces();
    expect(listing.names).toEqual(["team-a"]);
    expect(listing.fallback).toBe(true);
    expect(listing.reason).toContain("team-a");
  });

  it("says whether a namespace exists, or that it may not be read", async () => {
    api.handle((req) =>
      req.path === "/api/v1/namespaces/team-a"
        ? { body: { metadata: { name: "team-a" } } }
        : req.path === "/api/v1/namespaces/secret-ns"
          ? { status: 403, body: statusBody(403, "Forbidden", "namespaces is forbidden") }
          : { status: 404, body: statusBody(404, "NotFound", 'namespaces "nope" not found') },
    );
    expect(await client.namespaceExists("team-a")).toBe(true);
    expect(await client.namespaceExists("nope")).toBe(false);
    expect(await client.namespaceExists("secret-ns")).toBeUndefined();
  });

  it("reuses one keep-alive connection for consecutive calls", async () => {
    api.handle(() => ({ body: { major: "1", minor: "31", gitVersion: "v1.31.2" } }));
    for (let i = 0; i < 3; i++) await client.serverVersion();
    expect(api.connections()).toBe(1);
  });

  it("reports rejected credentials as Unauthorized", async () => {
    api.handle(() => ({ status: 401, body: statusBody(401, "Unauthorized", "Unauthorized") }));
    await expect(client.serverVersion()).rejects.toBeInstanceOf(KubeUnauthorizedError);
  });
});
