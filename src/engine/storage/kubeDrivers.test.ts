import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeApiServer, statusBody } from "../../../test/support/fakeApiServer.js";
import type {
  FakeApiServer,
  FakeAnswer,
  SeenRequest,
} from "../../../test/support/fakeApiServer.js";
import { makeRelease } from "../../../test/support/releases.js";
import { KubeClient } from "../../kube/client.js";
import { coreResources } from "../../kube/coreResources.js";
import type { KubeResource } from "../../kube/types.js";
import { ConfigMapDriver } from "./configmaps.js";
import { SecretDriver } from "./secrets.js";
import { selectDriver } from "./selectDriver.js";
import { MemoryDriver } from "./memory.js";

/** Just enough of secrets/configmaps for the drivers' writes and lists, with equality label selectors. */
function objectStore(): {
  objects: Map<string, KubeResource>;
  handler: (r: SeenRequest) => FakeAnswer;
} {
  const objects = new Map<string, KubeResource>();
  let rv = 100;
  const handler = (req: SeenRequest): FakeAnswer => {
    const m = /^\/api\/v1(?:\/namespaces\/([^/]+))?\/(secrets|configmaps)(?:\/([^/]+))?$/.exec(
      req.path,
    );
    if (!m)
      return {
        status: 404,
        body: statusBody(404, "NotFound", "the server could not find the requested resource"),
      };
    const [, ns, resource, name] = m;
    const key = (n: string, o: string) => `${resource}/${n}/${o}`;
    const notFound = (): FakeAnswer => ({
      status: 404,
      body: statusBody(404, "NotFound", `${resource} "${name}" not found`),
    });
    if (req.method === "GET" && !name) {
      const selector = (req.query.get("labelSelector") ?? "").split(",").filter(Boolean);
      const items = [...objects.entries()]
        .filter(([k]) => k.startsWith(`${resource}/${ns ? `${ns}/` : ""}`))
        .map(([, o]) => o)
        .filter((o) =>
          selector.every((s) => {
            const [k, v] = s.split("=");
            return o.metadata.labels?.[k!] === v;
          }),
        );
      const partial = String(req.headers.accept).startsWith(
        "application/json;as=PartialObjectMetadataList",
      );
      return {
        body: partial
          ? {
              kind: "PartialObjectMetadataList",
              items: items.map((o) => ({ kind: "PartialObjectMetadata", metadata: o.metadata })),
            }
          : { kind: "List", items },
      };
    }
    if (req.method === "GET") {
      const o = objects.get(key(ns!, name!));
      return o ? { body: o } : notFound();
    }
    if (req.method === "POST") {
      const o = req.json as KubeResource;
      o.metadata.resourceVersion = String(++rv);
      objects.set(key(ns!, o.metadata.name), o);
      return { status: 201, body: o };
    }
    if (req.method === "PUT") {
      if (!objects.has(key(ns!, name!))) return notFound();
      const o = req.json as KubeResource;
      o.metadata.resourceVersion = String(++rv);
      objects.set(key(ns!, name!), o);
      return { body: o };
    }
    return { status: 405 };
  };
  return { objects, handler };
}

let api: FakeApiServer;
let client: KubeClient;
let store: ReturnType<typeof objectStore>;
const clock = () => new Date("2026-11-28T05:00:00Z");

beforeEach(async () => {
  store = objectStore();
  api = await startFakeApiServer(store.handler);
  client = new KubeClient(api.config(), { retries: 0 });
});
afterEach(async () => {
  await api.close();
});

// What the cluster drivers send and store on the wire. Their behaviour as
// storage is the contract suite's (test/kube/storageContract.ts), which runs
// them on the sandbox and on a real API server.
describe("SecretDriver on the wire", () => {
  it("writes a Secret as helm does: name, type, one data key, base64(base64(gzip(JSON)))", async () => {
    const driver = new SecretDriver(coreResources(client, "secrets"), clock);
    await driver.create(
      makeRelease({ name: "demo", namespace: "team-a", version: 3, labels: { team: "x" } }),
    );
    const secret = store.objects.get(
      "secrets/team-a/sh.helm.release.v1.demo.v3",
    ) as KubeResource & {
      type: string;
      data: { release: string };
    };
    expect(secret.type).toBe("helm.sh/release.v1");
    expect(Object.keys(secret.data)).toEqual(["release"]);
    expect(secret.data.release.startsWith("SDRzSUFBQUFBQUFD")).toBe(true);
    const inner = Buffer.from(secret.data.release, "base64").toString("utf8");
    const json = JSON.parse(gunzipSync(Buffer.from(inner, "base64")).toString("utf8"));
    expect(json).toMatchObject({
      name: "demo",
      version: 3,
      namespace: "team-a",
      info: { status: "deployed" },
    });
  });

  it("updates with an unconditional PUT: no resourceVersion is sent", async () => {
    const driver = new SecretDriver(coreResources(client, "secrets"), clock);
    await driver.create(makeRelease({ status: "pending-install" }));
    await driver.update(makeRelease({ status: "deployed" }));
    const put = api.requests.find((r) => r.method === "PUT")!;
    expect(put.body).not.toContain("resourceVersion");
  });

  it("lists references with a metadata-only list and helm's label selector", async () => {
    const driver = new SecretDriver(coreResources(client, "secrets"), clock);
    await driver.create(makeRelease({ name: "a", namespace: "n1", version: 1 }));
    api.requests.length = 0;
    await driver.listRefs({ name: "a", namespace: "n1" });
    expect(api.requests[0]?.headers.accept).toContain("as=PartialObjectMetadataList");
    expect(api.requests[0]?.query.get("labelSelector")).toBe("name=a,owner=helm");
    await driver.listRefs({ status: "deployed" });
    expect(api.requests[1]?.path).toBe("/api/v1/secrets");
  });
});

describe("reads by purpose on the wire", () => {
  it("browses the watch cache and decides from etcd, whatever the accessor's default", async () => {
    const cachedByDefault = coreResources(client, "secrets", { consistency: "cached" });
    const driver = new SecretDriver(cachedByDefault, clock);
    await new SecretDriver(coreResources(client, "secrets"), clock).create(makeRelease());
    const written = api.requests.at(-1)!;
    expect(written.method).toBe("POST");
    api.requests.length = 0;
    await driver.listRefs({ name: "demo" });
    await driver.listRefs({ name: "demo" }, "browse");
    await driver.query({ name: "demo" }, "browse");
    await driver.get("default", "demo", 1);
    await driver.get("default", "demo", 1, "browse");
    // The create above was this client's: browsing asks for a state not older than it.
    const rv = store.objects.get("secrets/default/sh.helm.release.v1.demo.v1")?.metadata
      .resourceVersion;
    expect(
      api.requests.map((r) => [
        r.path.endsWith(".v1") ? "get" : "list",
        r.query.get("resourceVersion"),
        r.query.get("resourceVersionMatch"),
      ]),
    ).toEqual([
      ["list", null, null],
      ["list", rv, "NotOlderThan"],
      ["list", rv, "NotOlderThan"],
      ["get", null, null],
      ["get", rv, null],
    ]);
  });
});

describe("ConfigMapDriver on the wire", () => {
  it("stores the encoded string directly in data.release, with no type", async () => {
    const driver = new ConfigMapDriver(coreResources(client, "configmaps"), clock);
    await driver.create(makeRelease({ name: "web", version: 2 }));
    const cm = store.objects.get("configmaps/default/sh.helm.release.v1.web.v2") as KubeResource & {
      data: { release: string };
    };
    expect(cm.data.release.startsWith("H4sI")).toBe(true);
    expect(cm).not.toHaveProperty("type");
  });
});

describe("selectDriver", () => {
  it("honours HELM_DRIVER and only builds a client for cluster drivers", () => {
    let built = 0;
    const factory = () => {
      built++;
      return client;
    };
    expect(selectDriver(undefined, factory, {}).name).toBe("secret");
    expect(selectDriver(undefined, factory, { HELM_DRIVER: "secrets" }).name).toBe("secret");
    expect(selectDriver(undefined, factory, { HELM_DRIVER: "configmap" }).name).toBe("configmap");
    expect(selectDriver("ConfigMaps", factory, { HELM_DRIVER: "secret" }).name).toBe("configmap");
    expect(built).toBe(4);
    expect(selectDriver(undefined, factory, { HELM_DRIVER: "memory" })).toBeInstanceOf(
      MemoryDriver,
    );
    expect(built).toBe(4);
    expect(() => selectDriver("etcd", factory, {})).toThrow('unknown storage driver "etcd"');
    expect(() => selectDriver("sql", factory, {})).toThrow(/not supported/);
  });
});
