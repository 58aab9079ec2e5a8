import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  closedPort,
  fakeKubeConfig,
  startFakeApiServer,
  statusBody,
} from "../../test/support/fakeApiServer.js";
import type { FakeApiServer } from "../../test/support/fakeApiServer.js";
import { KubeClient } from "./client.js";
import {
  KubeAlreadyExistsError,
  KubeConflictError,
  KubeForbiddenError,
  KubeInvalidError,
  KubeTimeoutError,
  KubeUnauthorizedError,
  KubeUnreachableError,
} from "./errors.js";
import { UnknownKindError } from "./discovery.js";
import type { Secret, WatchEvent } from "./types.js";

let api: FakeApiServer;
let client: KubeClient;

beforeEach(async () => {
  api = await startFakeApiServer();
  client = new KubeClient(api.config("team-a"), { retryBaseMs: 1, retryMaxMs: 5 });
});
afterEach(async () => {
  await api.close();
});

const secretMeta = (name: string) => ({
  metadata: { name, namespace: "team-a", resourceVersion: "7", labels: { owner: "helm" } },
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

  it("names verb, resource and namespace in a Forbidden error", async () => {
    api.handle(() => ({
      status: 403,
      body: statusBody(
        403,
        "Forbidden",
        'secrets is forbidden: User "bob" cannot list resource "secrets"',
      ),
    }));
    const err = await client.listSecretMetadata("team-a", "owner=helm").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeForbiddenError);
    expect((err as Error).message).toBe(
      'forbidden: you may not list secrets in namespace "team-a"',
    );
    expect((err as KubeForbiddenError).details).toContain('User "bob"');
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

describe("release storage objects", () => {
  it("lists secrets metadata-only with the PartialObjectMetadataList Accept and a label selector", async () => {
    api.handle(() => ({
      body: { kind: "PartialObjectMetadataList", items: [secretMeta("a"), secretMeta("b")] },
    }));
    const items = await client.listSecretMetadata("team-a", "owner=helm,name=demo");
    expect(items.map((i) => i.metadata.name)).toEqual(["a", "b"]);
    const req = api.requests[0]!;
    expect(req.path).toBe("/api/v1/namespaces/team-a/secrets");
    expect(req.query.get("labelSelector")).toBe("owner=helm,name=demo");
    expect(req.headers.accept).toContain(
      "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1",
    );
  });

  it("lists across all namespaces when no namespace is given", async () => {
    api.handle(() => ({ body: { items: [] } }));
    await client.listSecretMetadata(undefined, "owner=helm");
    expect(api.requests[0]?.path).toBe("/api/v1/secrets");
  });

  it("falls back to a full list when the server answers 406, keeping only metadata", async () => {
    api.handle((req) =>
      String(req.headers.accept).includes("PartialObjectMetadataList")
        ? { status: 406, body: statusBody(406, "NotAcceptable", "only json") }
        : {
            body: {
              kind: "SecretList",
              items: [{ ...secretMeta("a"), data: { release: "eA==" } }],
            },
          },
    );
    const items = await client.listSecretMetadata("team-a", "owner=helm");
    expect(items).toHaveLength(1);
    expect(items[0]).not.toHaveProperty("data");
    expect(api.requests).toHaveLength(2);
    expect(api.requests[1]?.headers.accept).toBe("application/json");
  });

  it("creates with POST and reports a taken name as AlreadyExists", async () => {
    api.handle((req) =>
      req.method === "POST"
        ? {
            status: 409,
            body: statusBody(409, "AlreadyExists", 'secrets "x" already exists', {
              name: "x",
              kind: "secrets",
            }),
          }
        : { status: 404 },
    );
    const err = await client
      .createSecret({
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "x", namespace: "team-a" },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeAlreadyExistsError);
    expect((err as Error).message).toBe('secrets "x" already exists');
    expect(api.requests).toHaveLength(1); // a create is never retried
  });

  it("updates with PUT carrying the resourceVersion and reports a stale one as Conflict", async () => {
    api.handle(() => ({
      status: 409,
      body: statusBody(
        409,
        "Conflict",
        'Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again',
      ),
    }));
    const err = await client
      .updateConfigMap({
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "c", namespace: "team-a", resourceVersion: "41" },
        data: { a: "b" },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeConflictError);
    const req = api.requests[0]!;
    expect(req.method).toBe("PUT");
    expect(req.path).toBe("/api/v1/namespaces/team-a/configmaps/c");
    expect((req.json as Secret).metadata.resourceVersion).toBe("41");
  });

  it("carries the server's field causes in an Invalid error", async () => {
    api.handle(() => ({
      status: 422,
      body: statusBody(
        422,
        "Invalid",
        'Secret "BAD" is invalid: metadata.name: Invalid value: "BAD"',
        {
          causes: [
            {
              reason: "FieldValueInvalid",
              message: 'Invalid value: "BAD": a lowercase RFC 1123 subdomain',
              field: "metadata.name",
            },
          ],
        },
      ),
    }));
    const err = (await client
      .createSecret({ apiVersion: "v1", kind: "Secret", metadata: { name: "BAD" } })
      .catch((e: unknown) => e)) as KubeInvalidError;
    expect(err).toBeInstanceOf(KubeInvalidError);
    expect(err.causes[0]?.field).toBe("metadata.name");
    expect(err.details).toContain("metadata.name: Invalid value");
    // no namespace given: the context's namespace is used
    expect(api.requests[0]?.path).toBe("/api/v1/namespaces/team-a/secrets");
  });

  it("deletes and says false when the object was already gone", async () => {
    api.handle((req) =>
      req.path.endsWith("/gone")
        ? { status: 404, body: statusBody(404, "NotFound", 'secrets "gone" not found') }
        : { body: { kind: "Status", status: "Success" } },
    );
    expect(await client.deleteSecret("team-a", "there")).toBe(true);
    expect(await client.deleteSecret("team-a", "gone")).toBe(false);
  });
});

describe("timeouts and retries", () => {
  it("retries an idempotent read after a 503 and succeeds", async () => {
    let n = 0;
    api.handle(() =>
      ++n < 3
        ? { status: 503, body: "busy" }
        : { body: { major: "1", minor: "30", gitVersion: "v1.30.0" } },
    );
    expect((await client.serverVersion()).minor).toBe("30");
    expect(api.requests).toHaveLength(3);
  });

  it("gives up on reads after the bounded number of retries", async () => {
    api.handle(() => ({ status: 429, body: statusBody(429, "TooManyRequests", "slow down") }));
    await expect(client.serverVersion()).rejects.toMatchObject({ reason: "TooManyRequests" });
    expect(api.requests).toHaveLength(4);
  });

  it("never retries a write on a 5xx", async () => {
    api.handle(() => ({ status: 500, body: statusBody(500, "InternalError", "etcd hiccup") }));
    await expect(
      client.createConfigMap({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }),
    ).rejects.toMatchObject({ reason: "ServerError" });
    expect(api.requests).toHaveLength(1);
  });

  it("times out a call the server never answers", async () => {
    api.handle(() => new Promise(() => {}));
    const slow = new KubeClient(api.config(), { timeoutMs: 150, retries: 0 });
    const err = await slow.getSecret("default", "x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeTimeoutError);
    expect((err as Error).message).toContain("did not answer within 150ms");
    expect((err as Error).message).toContain(api.url);
  });

  it("names the server URL when nothing listens there", async () => {
    const port = await closedPort();
    const dead = new KubeClient(fakeKubeConfig(`http://127.0.0.1:${port}`), {
      retries: 1,
      retryBaseMs: 1,
    });
    const err = await dead.serverVersion().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeUnreachableError);
    expect((err as Error).message).toBe(
      `cannot reach the Kubernetes API server at http://127.0.0.1:${port}: connection refused (ECONNREFUSED)`,
    );
  });
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
    expect((await client.resolveKind("apps/v1", "Deployment")).resource).toBe("deployments");
    await client.resolveKind("apps/v1", "Deployment");
    expect(api.requests).toHaveLength(1);

    await expect(client.resolveKind("example.com/v1", "Widget")).rejects.toBeInstanceOf(
      UnknownKindError,
    );
    crdInstalled = true;
    const widget = await client.resolveKind("example.com/v1", "Widget");
    expect(widget).toMatchObject({ resource: "widgets", namespaced: false, group: "example.com" });
    await expect(client.resolveKind("apps/v1", "Scale")).rejects.toThrow(
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
    const out = await client.applyObject(
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
      await client.getObject({ apiVersion: "v1", kind: "Namespace", name: "x" }),
    ).toBeUndefined();
    expect(
      await client.deleteObject({
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
    const items = await client.listObjects("apps/v1", "Deployment", "prod", "app=web");
    expect(items[0]).toMatchObject({ apiVersion: "apps/v1", kind: "Deployment" });
    expect(api.requests[1]?.path).toBe("/apis/apps/v1/namespaces/prod/deployments");
    expect(api.requests[1]?.query.get("labelSelector")).toBe("app=web");
  });
});

describe("watchSecrets", () => {
  it("reconnects after the stream drops, from the last resourceVersion, until stopped", async () => {
    let connection = 0;
    api.handle((req, res) => {
      if (req.query.get("watch") !== "true") return { status: 404 };
      connection++;
      res.writeHead(200, { "content-type": "application/json" });
      const rv = String(connection * 10);
      res.write(
        JSON.stringify({
          type: connection === 1 ? "ADDED" : "MODIFIED",
          object: {
            kind: "Secret",
            metadata: { name: "s", namespace: "team-a", resourceVersion: rv },
          },
        }) + "\n",
      );
      if (connection === 1) setTimeout(() => res.destroy(), 20);
      return undefined;
    });
    const events: WatchEvent<Secret>[] = [];
    const stop = client.watchSecrets("team-a", "owner=helm", (e) => events.push(e), {
      minDelayMs: 10,
    });
    await waitFor(() => events.length >= 2);
    stop();
    expect(events.map((e) => e.type)).toEqual(["ADDED", "MODIFIED"]);
    const watches = api.requests.filter((r) => r.query.get("watch") === "true");
    expect(watches[0]?.query.get("labelSelector")).toBe("owner=helm");
    expect(watches[0]?.query.get("resourceVersion")).toBeNull();
    expect(watches[1]?.query.get("resourceVersion")).toBe("10");
    const seen = api.requests.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(api.requests.length).toBe(seen);
  });

  it("starts over from the current state when the server says the resourceVersion is gone (410)", async () => {
    let connection = 0;
    api.handle((req, res) => {
      connection++;
      res.writeHead(200, { "content-type": "application/json" });
      const secret = (rv: string) => ({
        kind: "Secret",
        metadata: { name: "s", resourceVersion: rv },
      });
      if (connection === 1) {
        res.write(JSON.stringify({ type: "ADDED", object: secret("5") }) + "\n");
        setTimeout(() => res.end(), 10);
      } else if (connection === 2) {
        res.write(
          JSON.stringify({
            type: "ERROR",
            object: {
              kind: "Status",
              code: 410,
              reason: "Expired",
              message: "too old resource version: 5 (90)",
            },
          }) + "\n",
        );
      } else {
        res.write(JSON.stringify({ type: "BOOKMARK", object: secret("95") }) + "\n");
        res.write(JSON.stringify({ type: "ADDED", object: secret("91") }) + "\n");
      }
      return undefined;
    });
    const events: string[] = [];
    const errors: string[] = [];
    const stop = client.watchSecrets(
      "team-a",
      undefined,
      (e) => events.push(`${e.type} ${e.object.metadata.resourceVersion}`),
      {
        minDelayMs: 5,
        onError: (e) => errors.push(e.message),
      },
    );
    await waitFor(() => events.length >= 2);
    stop();
    expect(events).toEqual(["ADDED 5", "ADDED 91"]);
    expect(errors).toEqual([]);
    const rvs = api.requests.map((r) => r.query.get("resourceVersion"));
    expect(rvs.slice(0, 3)).toEqual([null, "5", null]);
  });

  it("keeps trying, with backoff, while the server is down", async () => {
    let n = 0;
    api.handle(() => (++n < 3 ? { status: 503, body: "down" } : undefined));
    const errors: string[] = [];
    const stop = client.watchSecrets(undefined, undefined, () => {}, {
      minDelayMs: 5,
      onError: (e) => errors.push(e.reason),
    });
    await waitFor(() => n >= 3);
    stop();
    expect(errors).toEqual(["ServerError", "ServerError"]);
    expect(api.requests[0]?.path).toBe("/api/v1/secrets");
  });
});

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 5));
  }
}
