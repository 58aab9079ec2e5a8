import { describe, expect, it } from "vitest";
import { useFakeApiClient } from "../../test/kube/fakeApiClient.js";
import { statusBody } from "../../test/support/fakeApiServer.js";
import type { FakeApiServer } from "../../test/support/fakeApiServer.js";
import type { KubeClient } from "./client.js";
import { coreResources } from "./coreResources.js";
import {
  KubeAlreadyExistsError,
  KubeConflictError,
  KubeForbiddenError,
  KubeInvalidError,
} from "./errors.js";
import type { Secret, WatchEvent } from "./types.js";

let api: FakeApiServer;
let client: KubeClient;

useFakeApiClient((a, c) => {
  api = a;
  client = c;
});
const secrets = () => coreResources(client, "secrets");
const configMaps = () => coreResources(client, "configmaps");

const secretMeta = (name: string) => ({
  metadata: { name, namespace: "team-a", resourceVersion: "7", labels: { owner: "helm" } },
});

describe("release storage objects", () => {
  it("names verb, resource and namespace in a Forbidden error", async () => {
    api.handle(() => ({
      status: 403,
      body: statusBody(
        403,
        "Forbidden",
        'secrets is forbidden: User "bob" cannot list resource "secrets"',
      ),
    }));
    const err = await secrets()
      .listMetadata("team-a", "owner=helm")
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeForbiddenError);
    expect((err as Error).message).toBe(
      'forbidden: you may not list secrets in namespace "team-a"',
    );
    expect((err as KubeForbiddenError).details).toContain('User "bob"');
  });

  it("lists secrets metadata-only with the PartialObjectMetadataList Accept and a label selector", async () => {
    api.handle(() => ({
      body: { kind: "PartialObjectMetadataList", items: [secretMeta("a"), secretMeta("b")] },
    }));
    const items = await secrets().listMetadata("team-a", "owner=helm,name=demo");
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
    await secrets().listMetadata(undefined, "owner=helm");
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
    const items = await secrets().listMetadata("team-a", "owner=helm");
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
    const err = await secrets()
      .create({
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
    const err = await configMaps()
      .update({
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
    const err = (await secrets()
      .create({ apiVersion: "v1", kind: "Secret", metadata: { name: "BAD" } })
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
    expect(await secrets().delete("team-a", "there")).toBe(true);
    expect(await secrets().delete("team-a", "gone")).toBe(false);
  });
});

describe("read consistency", () => {
  it("reads from etcd by default: no resourceVersion on get and list", async () => {
    api.handle((req) => ({ body: req.path.endsWith("/s") ? secretMeta("s") : { items: [] } }));
    expect(secrets().consistency).toBe("strong");
    await secrets().get("team-a", "s");
    await secrets().list("team-a", "owner=helm");
    await secrets().listMetadata("team-a", "owner=helm");
    expect(api.requests.map((r) => r.query.get("resourceVersion"))).toEqual([null, null, null]);
  });

  it("reads from the API server's watch cache when asked: resourceVersion=0", async () => {
    api.handle((req) => ({ body: req.path.endsWith("/c") ? secretMeta("c") : { items: [] } }));
    const cached = coreResources(client, "configmaps", { consistency: "cached" });
    await cached.get("team-a", "c");
    await cached.list(undefined, "owner=helm");
    await cached.listMetadata("team-a");
    expect(api.requests.map((r) => [r.path, r.query.get("resourceVersion")])).toEqual([
      ["/api/v1/namespaces/team-a/configmaps/c", "0"],
      ["/api/v1/configmaps", "0"],
      ["/api/v1/namespaces/team-a/configmaps", "0"],
    ]);
  });

  it("lets one call choose its consistency over the accessor's", async () => {
    api.handle(() => ({ body: { items: [] } }));
    await secrets().listMetadata("team-a", "owner=helm", { consistency: "cached" });
    await coreResources(client, "secrets", { consistency: "cached" }).list("team-a", undefined, {
      consistency: "strong",
    });
    expect(api.requests.map((r) => r.query.get("resourceVersion"))).toEqual(["0", null]);
  });

  it("reads the cache not older than this client's own last write of the resource", async () => {
    api.handle((req) =>
      req.method === "POST"
        ? { status: 201, body: { metadata: { name: "n", resourceVersion: "42" } } }
        : { body: req.path.endsWith("/n") ? secretMeta("n") : { items: [] } },
    );
    await secrets().create({ apiVersion: "v1", kind: "Secret", metadata: { name: "n" } });
    const cached = coreResources(client, "secrets", { consistency: "cached" });
    await cached.listMetadata(undefined, "owner=helm");
    await cached.get("team-a", "n");
    await coreResources(client, "configmaps", { consistency: "cached" }).list("team-a");
    const reads = api.requests.filter((r) => r.method === "GET");
    expect(
      reads.map((r) => [r.query.get("resourceVersion"), r.query.get("resourceVersionMatch")]),
    ).toEqual([
      ["42", "NotOlderThan"],
      ["42", null],
      ["0", null], // the ConfigMap cache never sees a Secret write
    ]);
  });

  it("reads etcd once when the cache cannot reach the floor, and forgets the floor", async () => {
    client.readFloor.wrote("secrets", "900");
    api.handle((req) =>
      req.query.get("resourceVersion") === "900"
        ? {
            status: 504,
            body: statusBody(
              504,
              "Timeout",
              "Timeout: Too large resource version: 900, current: 42",
            ),
          }
        : { body: { items: [secretMeta("a")] } },
    );
    const cached = coreResources(client, "secrets", { consistency: "cached" });
    expect((await cached.list("team-a")).map((s) => s.metadata.name)).toEqual(["a"]);
    await cached.list("team-a");
    // no retries of the refused read: each would wait out the server's three seconds again
    expect(api.requests.map((r) => r.query.get("resourceVersion"))).toEqual(["900", null, "0"]);
  });

  it("reads etcd for a while after deleting an object of the resource", async () => {
    api.handle((req) => ({ body: req.method === "DELETE" ? { kind: "Status" } : { items: [] } }));
    await secrets().delete("team-a", "gone");
    await secrets().list("team-a", undefined, { consistency: "cached" });
    expect(api.requests.at(-1)?.query.get("resourceVersion")).toBeNull();
  });

  it("gives list items the kind of the resource type", async () => {
    api.handle(() => ({ body: { items: [secretMeta("a")] } }));
    const [cm] = await configMaps().list("team-a");
    expect(cm).toMatchObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } });
  });
});

describe("watching secrets", () => {
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
    const stop = secrets().watch("team-a", "owner=helm", (e) => events.push(e), {
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
    const stop = secrets().watch(
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
    const stop = secrets().watch(undefined, undefined, () => {}, {
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
