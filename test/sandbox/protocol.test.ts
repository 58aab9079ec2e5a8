/** The sandbox's HTTP protocol, checked with plain fetch against a real server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../support/sandbox.js";
import type { SandboxFixture } from "../support/sandbox.js";

let fx: SandboxFixture;

beforeAll(async () => {
  fx = await withSandbox();
});
afterAll(async () => {
  await fx.close();
});

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Body; type: string | null }> {
  const res = await fx.sandbox.fetch(path, {
    method,
    headers: { "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text === "" ? {} : (JSON.parse(text) as Body),
    type: res.headers.get("content-type"),
  };
}

const cm = (
  name: string,
  data: Record<string, string> = {},
  labels?: Record<string, string>,
): Body => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, ...(labels ? { labels } : {}) },
  data,
});

async function ns(name: string): Promise<void> {
  const r = await call("POST", "/api/v1/namespaces", { metadata: { name } });
  expect(r.status).toBe(201);
}

describe("server endpoints", () => {
  it("answers /version with a gitVersion and major/minor", async () => {
    const r = await call("GET", "/version");
    expect(r.body).toMatchObject({ major: "1", minor: "31", gitVersion: "v1.31.0" });
  });

  it("answers the health endpoints with ok", async () => {
    for (const p of ["/healthz", "/readyz", "/livez"]) {
      // Open to anonymous callers, as on a real server: no token.
      const res = await fx.sandbox.fetch(p, { headers: { Authorization: "" } });
      expect([p, res.status, await res.text()]).toEqual([p, 200, "ok"]);
    }
  });

  it("lists the core version, the groups and each group-version's resources", async () => {
    expect((await call("GET", "/api")).body).toMatchObject({
      kind: "APIVersions",
      versions: ["v1"],
    });
    const groups = (await call("GET", "/apis")).body;
    expect(groups.kind).toBe("APIGroupList");
    expect(groups.groups.map((g: Body) => g.name)).toEqual(
      expect.arrayContaining([
        "apps",
        "batch",
        "networking.k8s.io",
        "rbac.authorization.k8s.io",
        "policy",
        "autoscaling",
        "apiextensions.k8s.io",
      ]),
    );
    const core = (await call("GET", "/api/v1")).body;
    const cmRes = core.resources.find((r: Body) => r.name === "configmaps");
    expect(cmRes).toMatchObject({
      kind: "ConfigMap",
      namespaced: true,
      shortNames: ["cm"],
      verbs: expect.arrayContaining(["watch", "patch"]),
    });
    const apps = (await call("GET", "/apis/apps/v1")).body;
    expect(apps.groupVersion).toBe("apps/v1");
    expect(apps.resources.map((r: Body) => r.name)).toEqual(
      expect.arrayContaining(["deployments", "deployments/status", "statefulsets"]),
    );
  });

  it("serves aggregated discovery with its content type when asked for it", async () => {
    const accept =
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
    const r = await call("GET", "/apis", undefined, { Accept: accept });
    expect(r.type).toBe("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    expect(r.body.kind).toBe("APIGroupDiscoveryList");
    const apps = r.body.items.find((i: Body) => i.metadata.name === "apps");
    const deploy = apps.versions[0].resources.find((x: Body) => x.resource === "deployments");
    expect(deploy).toMatchObject({
      scope: "Namespaced",
      responseKind: { group: "apps", version: "v1", kind: "Deployment" },
    });
  });

  it("serves an OpenAPI v3 index whose documents declare the PATCH query parameters", async () => {
    const root = (await call("GET", "/openapi/v3")).body;
    const url = root.paths["apis/apps/v1"].serverRelativeURL as string;
    const doc = (await call("GET", url)).body;
    const item = doc.paths["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"];
    expect(item.patch["x-kubernetes-group-version-kind"]).toEqual({
      group: "apps",
      version: "v1",
      kind: "Deployment",
    });
    expect(item.patch.parameters.map((p: Body) => p.name)).toContain("fieldValidation");
  });

  it("serves an OpenAPI v2 document as JSON, and refuses the protobuf form it does not speak", async () => {
    const doc = (await call("GET", "/openapi/v2", undefined, { Accept: "application/json" })).body;
    expect(doc.swagger).toBe("2.0");
    const item = doc.paths["/api/v1/namespaces/{namespace}/configmaps/{name}"];
    expect(item.patch["x-kubernetes-group-version-kind"]).toEqual({
      group: "",
      version: "v1",
      kind: "ConfigMap",
    });
    expect(item.patch.parameters).toContainEqual(
      expect.objectContaining({ name: "fieldValidation", in: "query", type: "string" }),
    );
    const proto = await call("GET", "/openapi/v2", undefined, {
      Accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf",
    });
    expect(proto.status).toBe(406);
    expect(proto.body).toMatchObject({ kind: "Status", reason: "NotAcceptable", code: 406 });
  });

  it("starts with the namespaces, the kubernetes Service and default ServiceAccounts a cluster has", async () => {
    const names = (await call("GET", "/api/v1/namespaces")).body.items.map(
      (n: Body) => n.metadata.name,
    );
    expect(names).toEqual(
      expect.arrayContaining(["default", "kube-system", "kube-public", "kube-node-lease"]),
    );
    const svc = (await call("GET", "/api/v1/namespaces/default/services/kubernetes")).body;
    expect(svc.spec.clusterIP).toBe("10.96.0.1");
    await ns("fresh");
    expect((await call("GET", "/api/v1/namespaces/fresh/serviceaccounts/default")).status).toBe(
      200,
    );
  });

  it("answers an unknown path with a NotFound Status", async () => {
    const r = await call("GET", "/api/v1/widgets");
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({
      kind: "Status",
      status: "Failure",
      reason: "NotFound",
      code: 404,
    });
  });
});

describe("CRUD", () => {
  it("creates with uid, creationTimestamp and a resourceVersion from one global counter", async () => {
    await ns("crud");
    const a = (await call("POST", "/api/v1/namespaces/crud/configmaps", cm("a"))).body;
    const b = (
      await call("POST", "/api/v1/namespaces/crud/secrets", {
        metadata: { name: "b" },
        stringData: { x: "y" },
      })
    ).body;
    expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    expect(b).toMatchObject({ type: "Opaque", data: { x: Buffer.from("y").toString("base64") } });
    expect(b.stringData).toBeUndefined();
  });

  it("refuses a duplicate with AlreadyExists worded like the real server", async () => {
    await call("POST", "/api/v1/namespaces/crud/configmaps", cm("dup"));
    const r = await call("POST", "/api/v1/namespaces/crud/configmaps", cm("dup"));
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({
      reason: "AlreadyExists",
      message: 'configmaps "dup" already exists',
      details: { name: "dup", kind: "configmaps" },
    });
  });

  it("names an object from generateName", async () => {
    const r = await call("POST", "/api/v1/namespaces/crud/configmaps", {
      metadata: { generateName: "gen-" },
    });
    expect(r.status).toBe(201);
    expect(r.body.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it("refuses an object without a name as Invalid, and one in a missing namespace as NotFound", async () => {
    const noName = await call("POST", "/api/v1/namespaces/crud/configmaps", { metadata: {} });
    expect(noName.status).toBe(422);
    expect(noName.body).toMatchObject({
      reason: "Invalid",
      details: { causes: [{ field: "metadata.name" }] },
    });
    const missing = await call("POST", "/api/v1/namespaces/nowhere/configmaps", cm("x"));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      reason: "NotFound",
      message: 'namespaces "nowhere" not found',
      details: { name: "nowhere", kind: "namespaces" },
    });
  });

  it("gets a missing object as NotFound naming it", async () => {
    const r = await call("GET", "/api/v1/namespaces/crud/configmaps/ghost");
    expect(r.body).toMatchObject({
      kind: "Status",
      code: 404,
      reason: "NotFound",
      message: 'configmaps "ghost" not found',
      details: { name: "ghost", kind: "configmaps" },
    });
    const d = await call("GET", "/apis/apps/v1/namespaces/crud/deployments/ghost");
    expect(d.body.message).toBe('deployments.apps "ghost" not found');
  });

  it("updates with a resourceVersion precondition and refuses a stale one with Conflict", async () => {
    const created = (
      await call("POST", "/api/v1/namespaces/crud/configmaps", cm("upd", { a: "1" }))
    ).body;
    const ok = await call("PUT", "/api/v1/namespaces/crud/configmaps/upd", {
      ...created,
      data: { a: "2" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toEqual({ a: "2" });
    const stale = await call("PUT", "/api/v1/namespaces/crud/configmaps/upd", {
      ...created,
      data: { a: "3" },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      reason: "Conflict",
      message: expect.stringContaining('Operation cannot be fulfilled on configmaps "upd"'),
    });
  });

  it("refuses a PUT whose body names another object", async () => {
    const r = await call("PUT", "/api/v1/namespaces/crud/configmaps/upd", cm("other"));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      reason: "BadRequest",
      message: "the name of the object (other) does not match the name on the URL (upd)",
    });
  });

  it("bumps generation on a spec change but not on a label change", async () => {
    await ns("gen");
    const dep = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: {
        replicas: 1,
        selector: { matchLabels: { a: "b" } },
        template: {
          metadata: { labels: { a: "b" } },
          spec: { containers: [{ name: "c", image: "i:1" }] },
        },
      },
    };
    const c = (await call("POST", "/apis/apps/v1/namespaces/gen/deployments", dep)).body;
    expect(c.metadata.generation).toBe(1);
    const m = "application/merge-patch+json";
    const l = (
      await call(
        "PATCH",
        "/apis/apps/v1/namespaces/gen/deployments/d",
        { metadata: { labels: { x: "y" } } },
        { "Content-Type": m },
      )
    ).body;
    expect(l.metadata.generation).toBe(1);
    const s = (
      await call(
        "PATCH",
        "/apis/apps/v1/namespaces/gen/deployments/d",
        { spec: { replicas: 3 } },
        { "Content-Type": m },
      )
    ).body;
    expect(s.metadata.generation).toBe(2);
  });

  it("refuses to change the data of an immutable ConfigMap", async () => {
    const c = (
      await call("POST", "/api/v1/namespaces/crud/configmaps", {
        ...cm("frozen", { a: "1" }),
        immutable: true,
      })
    ).body;
    const r = await call("PUT", "/api/v1/namespaces/crud/configmaps/frozen", {
      ...c,
      data: { a: "2" },
    });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ reason: "Invalid", details: { causes: [{ field: "data" }] } });
  });

  it("drops unknown fields with a warning, and refuses them under fieldValidation=Strict", async () => {
    const res = await fx.sandbox.fetch("/api/v1/namespaces/crud/configmaps", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ metadata: { name: "typo" }, dtaa: { a: "1" } }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("warning")).toBe('299 - "unknown field \\"dtaa\\""');
    expect(((await res.json()) as Body).dtaa).toBeUndefined();
    const strict = await call("POST", "/api/v1/namespaces/crud/configmaps?fieldValidation=Strict", {
      metadata: { name: "typo2", labelz: {} },
      data: {},
    });
    expect(strict.status).toBe(400);
    expect(strict.body.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.labelz"',
    );
  });

  it("refuses a body of another kind with BadRequest", async () => {
    const r = await call("POST", "/api/v1/namespaces/crud/configmaps", {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "k" },
    });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe(
      "the kind in the data (Secret) does not match the expected kind (ConfigMap)",
    );
  });

  it("keeps a Service's allocated clusterIP when an update leaves it out", async () => {
    const svc = (
      await call("POST", "/api/v1/namespaces/crud/services", {
        metadata: { name: "svc" },
        spec: { ports: [{ port: 80 }] },
      })
    ).body;
    const put = await call("PUT", "/api/v1/namespaces/crud/services/svc", {
      metadata: { name: "svc" },
      spec: { ports: [{ port: 81 }] },
    });
    expect(put.body.spec.clusterIP).toBe(svc.spec.clusterIP);
  });

  it("reads and writes a Deployment's replicas through the scale subresource", async () => {
    await ns("sc");
    const dep = {
      metadata: { name: "d" },
      spec: {
        replicas: 1,
        selector: { matchLabels: { a: "b" } },
        template: {
          metadata: { labels: { a: "b" } },
          spec: { containers: [{ name: "c", image: "i:1" }] },
        },
      },
    };
    await call("POST", "/apis/apps/v1/namespaces/sc/deployments", dep);
    const scale = (await call("GET", "/apis/apps/v1/namespaces/sc/deployments/d/scale")).body;
    expect(scale).toMatchObject({
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      spec: { replicas: 1 },
      status: { selector: "a=b" },
    });
    const patched = await call(
      "PATCH",
      "/apis/apps/v1/namespaces/sc/deployments/d/scale",
      { spec: { replicas: 4 } },
      { "Content-Type": "application/merge-patch+json" },
    );
    expect(patched.body.spec.replicas).toBe(4);
    expect(
      (await call("GET", "/apis/apps/v1/namespaces/sc/deployments/d")).body.spec.replicas,
    ).toBe(4);
  });

  it("answers a method the resource does not allow with MethodNotAllowed", async () => {
    const r = await call("POST", "/api/v1/namespaces/crud/configmaps/upd", cm("upd"));
    expect(r.status).toBe(405);
    expect(r.body.reason).toBe("MethodNotAllowed");
  });

  it("honours dryRun=All on create, update and delete", async () => {
    const created = await call("POST", "/api/v1/namespaces/crud/configmaps?dryRun=All", cm("dry"));
    expect(created.status).toBe(201);
    expect((await call("GET", "/api/v1/namespaces/crud/configmaps/dry")).status).toBe(404);
    await call("POST", "/api/v1/namespaces/crud/configmaps", cm("dry2", { a: "1" }));
    await call("PUT", "/api/v1/namespaces/crud/configmaps/dry2?dryRun=All", cm("dry2", { a: "2" }));
    await call("DELETE", "/api/v1/namespaces/crud/configmaps/dry2?dryRun=All");
    expect((await call("GET", "/api/v1/namespaces/crud/configmaps/dry2")).body.data).toEqual({
      a: "1",
    });
  });

  it("deletes an object, accepting a propagationPolicy, and its dependents go with it", async () => {
    await ns("del");
    const owner = (await call("POST", "/api/v1/namespaces/del/configmaps", cm("owner"))).body;
    await call("POST", "/api/v1/namespaces/del/configmaps", {
      metadata: {
        name: "child",
        ownerReferences: [
          { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: owner.metadata.uid },
        ],
      },
    });
    const r = await call("DELETE", "/api/v1/namespaces/del/configmaps/owner", {
      kind: "DeleteOptions",
      apiVersion: "v1",
      propagationPolicy: "Background",
    });
    expect(r.status).toBe(200);
    expect((await call("GET", "/api/v1/namespaces/del/configmaps/owner")).status).toBe(404);
    expect((await call("GET", "/api/v1/namespaces/del/configmaps/child")).status).toBe(404);
  });

  it("deletes a collection by label selector", async () => {
    await ns("coll");
    await call("POST", "/api/v1/namespaces/coll/configmaps", cm("a", {}, { t: "x" }));
    await call("POST", "/api/v1/namespaces/coll/configmaps", cm("b", {}, { t: "y" }));
    await call("DELETE", "/api/v1/namespaces/coll/configmaps?labelSelector=t%3Dx");
    const names = (await call("GET", "/api/v1/namespaces/coll/configmaps")).body.items.map(
      (i: Body) => i.metadata.name,
    );
    expect(names).toEqual(["b"]);
  });

  it("removes every object in a namespace when the namespace is deleted", async () => {
    await ns("doomed");
    await call("POST", "/api/v1/namespaces/doomed/configmaps", cm("a"));
    await call("POST", "/api/v1/namespaces/doomed/secrets", { metadata: { name: "s" } });
    const r = await call("DELETE", "/api/v1/namespaces/doomed");
    expect(r.body.status.phase).toBe("Terminating");
    expect((await call("GET", "/api/v1/namespaces/doomed")).status).toBe(404);
    const left = (await call("GET", "/api/v1/configmaps")).body.items.filter(
      (i: Body) => i.metadata.namespace === "doomed",
    );
    expect(left).toEqual([]);
  });

  it("keeps an object with finalizers until they are removed", async () => {
    await call("POST", "/api/v1/namespaces/crud/configmaps", {
      metadata: { name: "fin", finalizers: ["x/y"] },
    });
    const d = await call("DELETE", "/api/v1/namespaces/crud/configmaps/fin");
    expect(d.body.metadata.deletionTimestamp).toBeDefined();
    await call(
      "PATCH",
      "/api/v1/namespaces/crud/configmaps/fin",
      { metadata: { finalizers: null } },
      { "Content-Type": "application/merge-patch+json" },
    );
    expect((await call("GET", "/api/v1/namespaces/crud/configmaps/fin")).status).toBe(404);
  });
});

describe("lists", () => {
  beforeAll(async () => {
    await ns("l1");
    await ns("l2");
    for (const [n, name, labels] of [
      ["l1", "a", { app: "web", tier: "front" }],
      ["l1", "b", { app: "db" }],
      ["l2", "c", { app: "web" }],
    ] as const) {
      await call("POST", `/api/v1/namespaces/${n}/configmaps`, cm(name, { k: "v" }, labels));
    }
  });
  const names = (b: Body): string[] =>
    b.items.map((i: Body) => `${i.metadata.namespace}/${i.metadata.name}`);

  it("lists one namespace or all of them, with the list kind and a resourceVersion", async () => {
    const one = (await call("GET", "/api/v1/namespaces/l1/configmaps")).body;
    expect(one.kind).toBe("ConfigMapList");
    expect(one.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(names(one)).toEqual(["l1/a", "l1/b"]);
    const all = (await call("GET", "/api/v1/configmaps?labelSelector=app")).body;
    expect(names(all)).toEqual(["l1/a", "l1/b", "l2/c"]);
  });

  it("filters by label selector operators and by field selector", async () => {
    const q = async (s: string): Promise<string[]> =>
      names((await call("GET", `/api/v1/configmaps?${s}`)).body);
    expect(await q("labelSelector=app%3Dweb")).toEqual(["l1/a", "l2/c"]);
    expect(await q("labelSelector=app%3Dweb,tier!%3Dfront")).toEqual(["l2/c"]);
    expect(await q("labelSelector=app%20in%20(db,web),!tier")).toEqual(["l1/b", "l2/c"]);
    expect(await q("labelSelector=app%20notin%20(web),app")).toEqual(["l1/b"]);
    expect(await q("fieldSelector=metadata.namespace%3Dl2,metadata.name%3Dc")).toEqual(["l2/c"]);
  });

  it("pages with limit and continue", async () => {
    const p1 = (await call("GET", "/api/v1/configmaps?labelSelector=app&limit=2")).body;
    expect(names(p1)).toEqual(["l1/a", "l1/b"]);
    expect(p1.metadata.remainingItemCount).toBe(1);
    const p2 = (
      await call(
        "GET",
        `/api/v1/configmaps?labelSelector=app&limit=2&continue=${encodeURIComponent(p1.metadata.continue)}`,
      )
    ).body;
    expect(names(p2)).toEqual(["l2/c"]);
    expect(p2.metadata.continue).toBeUndefined();
  });

  it("lists metadata only when asked for PartialObjectMetadataList", async () => {
    const r = await call("GET", "/api/v1/namespaces/l1/configmaps", undefined, {
      Accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json",
    });
    expect(r.body.kind).toBe("PartialObjectMetadataList");
    expect(r.body.items[0]).toEqual({
      kind: "PartialObjectMetadata",
      apiVersion: "meta.k8s.io/v1",
      metadata: expect.objectContaining({ name: "a" }),
    });
    expect(r.body.items[0].data).toBeUndefined();
  });

  it("renders a Table with Name and Age columns when asked", async () => {
    const r = await call("GET", "/api/v1/namespaces/l1/configmaps", undefined, {
      Accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json",
    });
    expect(r.body.kind).toBe("Table");
    const cols = r.body.columnDefinitions.map((c: Body) => c.name);
    expect(cols[0]).toBe("Name");
    expect(cols).toContain("Age");
    expect(r.body.rows.map((row: Body) => row.cells[0])).toEqual(["a", "b"]);
    expect(r.body.rows[0].object.kind).toBe("PartialObjectMetadata");
  });
});

describe("patches", () => {
  beforeAll(async () => {
    await ns("p");
  });

  it("applies merge, strategic-merge and json patches", async () => {
    await call("POST", "/api/v1/namespaces/p/configmaps", cm("m", { a: "1", b: "2" }));
    const path = "/api/v1/namespaces/p/configmaps/m";
    await call(
      "PATCH",
      path,
      { data: { b: null, c: "3" } },
      { "Content-Type": "application/merge-patch+json" },
    );
    await call(
      "PATCH",
      path,
      { data: { d: "4" } },
      { "Content-Type": "application/strategic-merge-patch+json" },
    );
    const r = await call("PATCH", path, [{ op: "replace", path: "/data/a", value: "9" }], {
      "Content-Type": "application/json-patch+json",
    });
    expect(r.body.data).toEqual({ a: "9", c: "3", d: "4" });
  });

  it("refuses a merge patch carrying a stale resourceVersion", async () => {
    await call("POST", "/api/v1/namespaces/p/configmaps", cm("rv", { a: "1" }));
    const r = await call(
      "PATCH",
      "/api/v1/namespaces/p/configmaps/rv",
      { metadata: { resourceVersion: "1" }, data: { a: "2" } },
      { "Content-Type": "application/merge-patch+json" },
    );
    expect(r.status).toBe(409);
    expect(r.body.reason).toBe("Conflict");
  });

  it("server-side applies, creating the object and recording the manager", async () => {
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: one\n";
    const r = await call("PATCH", "/api/v1/namespaces/p/configmaps/ssa?fieldManager=alpha", yaml, {
      "Content-Type": "application/apply-patch+yaml",
    });
    expect(r.status).toBe(201);
    expect(r.body.metadata.managedFields).toEqual([
      expect.objectContaining({
        manager: "alpha",
        operation: "Apply",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:data": { "f:k": {} } },
      }),
    ]);
  });

  it("reports an apply conflict as a 409 naming the owning manager unless forced", async () => {
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: two\n";
    const path = "/api/v1/namespaces/p/configmaps/ssa";
    const ct = { "Content-Type": "application/apply-patch+yaml" };
    const r = await call("PATCH", `${path}?fieldManager=beta`, yaml, ct);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({
      reason: "Conflict",
      message: 'Apply failed with 1 conflict: conflict with "alpha" using v1: .data.k',
      details: { causes: [{ reason: "FieldManagerConflict", field: ".data.k" }] },
    });
    const forced = await call("PATCH", `${path}?fieldManager=beta&force=true`, yaml, ct);
    expect(forced.status).toBe(200);
    expect(forced.body.data).toEqual({ k: "two" });
  });

  it("requires a fieldManager for apply", async () => {
    const r = await call(
      "PATCH",
      "/api/v1/namespaces/p/configmaps/ssa",
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ssa}\n",
      { "Content-Type": "application/apply-patch+yaml" },
    );
    expect(r.status).toBe(422);
  });

  it("refuses an unknown patch type with UnsupportedMediaType", async () => {
    const r = await call("PATCH", "/api/v1/namespaces/p/configmaps/ssa", "{}", {
      "Content-Type": "text/plain",
    });
    expect(r.status).toBe(415);
  });
});

describe("custom resources", () => {
  it("serves a CRD's kind once the CRD is created, and stops when it is deleted", async () => {
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { plural: "widgets", singular: "widget", kind: "Widget", shortNames: ["wd"] },
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
    };
    const created = await call(
      "POST",
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
      crd,
    );
    expect(created.status).toBe(201);
    expect(created.body.status.conditions).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: "Established", status: "True" })]),
    );
    const disc = (await call("GET", "/apis/example.com/v1")).body;
    expect(disc.resources[0]).toMatchObject({
      name: "widgets",
      kind: "Widget",
      namespaced: true,
      shortNames: ["wd"],
    });
    await ns("cr");
    const w = await call("POST", "/apis/example.com/v1/namespaces/cr/widgets", {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w1" },
      spec: { size: 3 },
    });
    expect(w.status).toBe(201);
    expect(w.body.metadata.generation).toBe(1);
    const list = (await call("GET", "/apis/example.com/v1/widgets")).body;
    expect(list).toMatchObject({
      kind: "WidgetList",
      items: [{ kind: "Widget", metadata: { name: "w1" } }],
    });
    await call(
      "DELETE",
      "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com",
    );
    expect((await call("GET", "/apis/example.com/v1/widgets")).status).toBe(404);
  });
});

describe("workload status", () => {
  const until = async (path: string, ok: (b: Body) => boolean): Promise<Body> => {
    for (let i = 0; i < 500; i++) {
      const b = (await call("GET", path)).body;
      if (ok(b)) return b;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`timed out waiting on ${path}`);
  };
  const template = {
    metadata: { labels: { a: "b" } },
    spec: { containers: [{ name: "c", image: "i:1" }] },
  };

  beforeAll(async () => {
    await ns("wl");
  });

  it("reports a Deployment ready with observedGeneration, replica counts and Available, and gives it a ReplicaSet", async () => {
    await call("POST", "/apis/apps/v1/namespaces/wl/deployments", {
      metadata: { name: "web" },
      spec: { replicas: 2, selector: { matchLabels: { a: "b" } }, template },
    });
    const d = await until(
      "/apis/apps/v1/namespaces/wl/deployments/web",
      (b) => b.status?.readyReplicas === 2,
    );
    expect(d.status).toMatchObject({
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      availableReplicas: 2,
    });
    expect(d.status.conditions).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: "Available", status: "True" })]),
    );
    const rs = (await call("GET", "/apis/apps/v1/namespaces/wl/replicasets")).body.items;
    expect(rs).toHaveLength(1);
    expect(rs[0].metadata.ownerReferences[0]).toMatchObject({
      kind: "Deployment",
      name: "web",
      controller: true,
    });
  });

  it("runs Pods for a Deployment's ReplicaSet, replaces them on a new template and removes them with it", async () => {
    const podsOf = async (): Promise<Body[]> =>
      (await call("GET", "/api/v1/namespaces/wl/pods?labelSelector=app%3Dpods")).body
        .items as Body[];
    const tpl = (image: string): Body => ({
      metadata: { labels: { app: "pods" } },
      spec: { containers: [{ name: "c", image }] },
    });
    await call("POST", "/apis/apps/v1/namespaces/wl/deployments", {
      metadata: { name: "pods" },
      spec: { replicas: 2, selector: { matchLabels: { app: "pods" } }, template: tpl("i:1") },
    });
    await until(
      "/apis/apps/v1/namespaces/wl/deployments/pods",
      (b) => b.status?.readyReplicas === 2,
    );
    let pods = await podsOf();
    for (
      let i = 0;
      i < 250 && (pods.length !== 2 || pods.some((p) => p.status?.phase !== "Running"));
      i++
    ) {
      await new Promise((r) => setTimeout(r, 20));
      pods = await podsOf();
    }
    expect(pods).toHaveLength(2);
    expect(
      pods.every(
        (p) => p.status.phase === "Running" && p.metadata.ownerReferences[0].kind === "ReplicaSet",
      ),
    ).toBe(true);
    await call(
      "PATCH",
      "/apis/apps/v1/namespaces/wl/deployments/pods",
      { spec: { template: tpl("i:2") } },
      { "Content-Type": "application/merge-patch+json" },
    );
    for (
      let i = 0;
      i < 250 && (pods.length !== 2 || pods.some((p) => p.spec.containers[0].image !== "i:2"));
      i++
    ) {
      await new Promise((r) => setTimeout(r, 20));
      pods = await podsOf();
    }
    expect(pods.map((p) => p.spec.containers[0].image)).toEqual(["i:2", "i:2"]);
    await call("DELETE", "/apis/apps/v1/namespaces/wl/deployments/pods");
    expect(await podsOf()).toEqual([]);
  });

  it("keeps a workload annotated never-ready from becoming ready", async () => {
    await call("POST", "/apis/apps/v1/namespaces/wl/statefulsets", {
      metadata: { name: "stuck", annotations: { "sandbox.wheelhouse.dev/never-ready": "true" } },
      spec: { replicas: 1, serviceName: "s", selector: { matchLabels: { a: "b" } }, template },
    });
    const s = await until(
      "/apis/apps/v1/namespaces/wl/statefulsets/stuck",
      (b) => b.status?.observedGeneration === 1,
    );
    expect(s.status.readyReplicas).toBeUndefined();
  });

  it("completes a Job, fails one annotated to fail, binds a PVC and gives a Service a clusterIP", async () => {
    const job = (name: string, annotations = {}): Body => ({
      metadata: { name, annotations },
      spec: {
        template: { spec: { restartPolicy: "Never", containers: [{ name: "c", image: "i" }] } },
      },
    });
    await call("POST", "/apis/batch/v1/namespaces/wl/jobs", job("ok"));
    await call(
      "POST",
      "/apis/batch/v1/namespaces/wl/jobs",
      job("bad", { "sandbox.wheelhouse.dev/fail": "true" }),
    );
    const ok = await until(
      "/apis/batch/v1/namespaces/wl/jobs/ok",
      (b) => b.status?.succeeded === 1,
    );
    expect(ok.status.conditions).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: "Complete", status: "True" })]),
    );
    const bad = await until(
      "/apis/batch/v1/namespaces/wl/jobs/bad",
      (b) => (b.status?.failed ?? 0) > 0,
    );
    expect(bad.status.conditions).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: "Failed", status: "True" })]),
    );
    await call("POST", "/api/v1/namespaces/wl/persistentvolumeclaims", {
      metadata: { name: "data" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    });
    await until(
      "/api/v1/namespaces/wl/persistentvolumeclaims/data",
      (b) => b.status?.phase === "Bound",
    );
    const svc = (
      await call("POST", "/api/v1/namespaces/wl/services", {
        metadata: { name: "svc" },
        spec: { ports: [{ port: 80 }] },
      })
    ).body;
    expect(svc.spec.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
  });
});

describe("watch", () => {
  it("streams ADDED, MODIFIED and DELETED events from a resourceVersion, filtered by label", async () => {
    await ns("w");
    const start = (await call("GET", "/api/v1/namespaces/w/configmaps")).body.metadata
      .resourceVersion;
    const ac = new AbortController();
    const res = await fx.sandbox.fetch(
      `/api/v1/namespaces/w/configmaps?watch=1&resourceVersion=${start}&labelSelector=w%3Dyes`,
      { signal: ac.signal },
    );
    const reader = res.body!.getReader();
    const events: Body[] = [];
    let buf = "";
    const read = (async () => {
      const dec = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buf += dec.decode(value);
        let i;
        while ((i = buf.indexOf("\n")) >= 0) {
          events.push(JSON.parse(buf.slice(0, i)) as Body);
          buf = buf.slice(i + 1);
        }
      }
    })();
    await call("POST", "/api/v1/namespaces/w/configmaps", cm("x", { a: "1" }, { w: "yes" }));
    await call("POST", "/api/v1/namespaces/w/configmaps", cm("ignored", {}, { w: "no" }));
    await call(
      "PATCH",
      "/api/v1/namespaces/w/configmaps/x",
      { data: { a: "2" } },
      { "Content-Type": "application/merge-patch+json" },
    );
    await call("DELETE", "/api/v1/namespaces/w/configmaps/x");
    for (let i = 0; i < 250 && events.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    ac.abort();
    await read;
    expect(events.map((e) => [e.type, e.object.metadata.name])).toEqual([
      ["ADDED", "x"],
      ["MODIFIED", "x"],
      ["DELETED", "x"],
    ]);
    expect(events[1]!.object.data).toEqual({ a: "2" });
  });
});

describe("watch forms", () => {
  async function firstEvents(
    path: string,
    headers: Record<string, string>,
    n: number,
  ): Promise<Body[]> {
    const ac = new AbortController();
    const res = await fx.sandbox.fetch(path, { headers, signal: ac.signal });
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let buf = "";
    const out: Body[] = [];
    while (out.length < n) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value);
      let i;
      while ((i = buf.indexOf("\n")) >= 0) {
        out.push(JSON.parse(buf.slice(0, i)) as Body);
        buf = buf.slice(i + 1);
      }
    }
    ac.abort();
    return out;
  }

  it("sends existing objects as ADDED Table rows when kubectl get -w asks for tables", async () => {
    await ns("wt");
    await call("POST", "/api/v1/namespaces/wt/configmaps", cm("row", { a: "1" }));
    const [e] = await firstEvents(
      `/api/v1/namespaces/wt/configmaps?watch=true`,
      { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" },
      1,
    );
    expect(e).toMatchObject({
      type: "ADDED",
      object: { kind: "Table", rows: [{ cells: ["row", 1, expect.any(String)] }] },
    });
  });

  it("ends the initial events with a bookmark when sendInitialEvents is asked for", async () => {
    const events = await firstEvents(
      `/api/v1/namespaces/wt/configmaps?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`,
      {},
      2,
    );
    expect(events.map((e) => e.type)).toEqual(["ADDED", "BOOKMARK"]);
    expect(events[1]!.object.metadata.annotations).toEqual({ "k8s.io/initial-events-end": "true" });
  });
});

describe("faults", () => {
  it("fails the chosen requests with a Status, then serves normally", async () => {
    fx.sandbox.setFaults({
      failRequests: [{ method: "GET", pathIncludes: "/configmaps/faulty", status: 503, times: 1 }],
    });
    await call("POST", "/api/v1/namespaces/default/configmaps", cm("faulty"));
    const first = await call("GET", "/api/v1/namespaces/default/configmaps/faulty");
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ kind: "Status", reason: "ServiceUnavailable", code: 503 });
    expect((await call("GET", "/api/v1/namespaces/default/configmaps/faulty")).status).toBe(200);
    fx.sandbox.setFaults({});
  });

  it("fails only the Nth matching request when asked", async () => {
    fx.sandbox.setFaults({
      failRequests: [{ pathIncludes: "/configmaps/faulty", status: 500, nth: 2 }],
    });
    const codes = [];
    for (let i = 0; i < 3; i++)
      codes.push((await call("GET", "/api/v1/namespaces/default/configmaps/faulty")).status);
    expect(codes).toEqual([200, 500, 200]);
    fx.sandbox.setFaults({});
  });

  it("adds latency and fails every request at a failRate of 1", async () => {
    fx.sandbox.setFaults({ latencyMs: 60 });
    const t0 = Date.now();
    await call("GET", "/version");
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
    fx.sandbox.setFaults({ failRate: 1 });
    expect((await call("GET", "/version")).status).toBe(500);
    fx.sandbox.setFaults({});
    expect((await call("GET", "/version")).status).toBe(200);
  });
});
