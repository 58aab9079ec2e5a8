/**
 * Keys such as `__proto__`, `constructor` and `toString` in request bodies and patch paths are
 * ordinary keys, as they are to a real API server (Go maps): a JSON patch through
 * `/metadata/__proto__/…` once polluted Object.prototype inside the sandbox, after which every
 * update deleted its object. Status codes are those kube-apiserver v1.19 gave for the same patches.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../support/sandbox.js";
import type { SandboxFixture } from "../support/sandbox.js";

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let fx: SandboxFixture;
const CMS = "/api/v1/namespaces/default/configmaps";
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  fx = await withSandbox();
});
afterAll(async () => {
  await fx.close();
});
afterEach(() => {
  // Undo what a failing run planted, so that it fails alone.
  for (const k of Object.getOwnPropertyNames(Object.prototype)) {
    if (!prototypeKeys.includes(k)) delete (Object.prototype as Body)[k];
  }
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  type = "application/json",
): Promise<{ status: number; body: Body }> {
  const res = await fx.sandbox.fetch(path, {
    method,
    headers: { "Content-Type": type },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === "" ? {} : (JSON.parse(text) as Body) };
}

const JSON_PATCH = "application/json-patch+json";

async function configMap(name: string): Promise<void> {
  const r = await call("POST", CMS, { metadata: { name }, data: { k: "v" } });
  expect(r.status).toBe(201);
}

describe("a JSON patch through __proto__", () => {
  it("pollutes nothing, and later updates keep their objects", async () => {
    await configMap("target");
    await configMap("bystander");
    const r = await call(
      "PATCH",
      `${CMS}/target`,
      [{ op: "add", path: "/metadata/__proto__/deletionTimestamp", value: "2020-01-01T00:00:00Z" }],
      JSON_PATCH,
    );
    // The real server: 422, the path does not exist.
    expect(r.status).toBe(422);
    const viaConstructor = await call(
      "PATCH",
      `${CMS}/target`,
      [{ op: "add", path: "/metadata/constructor/prototype/polluted", value: "x" }],
      JSON_PATCH,
    );
    expect(viaConstructor.status).toBe(422);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    const update = await call(
      "PATCH",
      `${CMS}/bystander`,
      { data: { k: "w" } },
      "application/merge-patch+json",
    );
    expect(update.status).toBe(200);
    const back = await call("GET", `${CMS}/bystander`);
    expect([back.status, back.body.data]).toEqual([200, { k: "w" }]);
  });

  it("treats them as keys an object may or may not have, as the real server does", async () => {
    await configMap("keys");
    const patch = (ops: unknown[]) => call("PATCH", `${CMS}/keys`, ops, JSON_PATCH);
    // An unknown metadata field: added, then dropped with a warning (200 on the real server).
    const added = await patch([
      { op: "add", path: "/metadata/__proto__", value: { polluted: "x" } },
    ]);
    expect(added.status).toBe(200);
    expect(Object.keys(added.body.metadata)).not.toContain("__proto__");
    expect(({} as Body).polluted).toBeUndefined();
    expect((await patch([{ op: "remove", path: "/data/toString" }])).status).toBe(422);
    expect((await patch([{ op: "test", path: "/data/constructor", value: null }])).status).toBe(
      200,
    );
    const ctor = await patch([{ op: "add", path: "/data/constructor", value: "x" }]);
    expect([ctor.status, ctor.body.data]).toEqual([200, { k: "v", constructor: "x" }]);
  });
});

describe("__proto__ as a key in a body", () => {
  it("is kept by a merge patch and a strategic merge patch", async () => {
    await configMap("merged");
    const merge = await call(
      "PATCH",
      `${CMS}/merged`,
      '{"data":{"__proto__":"y"},"__proto__":{"polluted":"x"}}',
      "application/merge-patch+json",
    );
    expect(merge.status).toBe(200);
    expect(JSON.stringify(merge.body.data)).toBe('{"k":"v","__proto__":"y"}');
    const smp = await call(
      "PATCH",
      `${CMS}/merged`,
      '{"data":{"__proto__":"z","constructor":"c"}}',
      "application/strategic-merge-patch+json",
    );
    expect(smp.status).toBe(200);
    expect(JSON.stringify(smp.body.data)).toBe('{"k":"v","__proto__":"z","constructor":"c"}');
    expect(({} as Body).polluted).toBeUndefined();
  });

  it("is kept by server-side apply", async () => {
    const applied = await call(
      "PATCH",
      `${CMS}/applied?fieldManager=t`,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied}\ndata: {"__proto__": a, k: v}\n',
      "application/apply-patch+yaml",
    );
    expect(applied.status).toBe(201);
    const again = await call(
      "PATCH",
      `${CMS}/applied?fieldManager=t`,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: applied}\ndata: {"__proto__": b, k: v}\n',
      "application/apply-patch+yaml",
    );
    expect(JSON.stringify(again.body.data)).toBe('{"__proto__":"b","k":"v"}');
  });

  it("is kept from a Secret's stringData", async () => {
    const r = await call("POST", "/api/v1/namespaces/default/secrets", {
      metadata: { name: "string-data" },
      stringData: JSON.parse('{"__proto__":"x","constructor":"y"}'),
    });
    expect(r.status).toBe(201);
    expect(JSON.stringify(r.body.data)).toBe('{"__proto__":"eA==","constructor":"eQ=="}');
  });
});
