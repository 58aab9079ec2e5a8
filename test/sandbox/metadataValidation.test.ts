/**
 * Labels, annotations and data sizes are checked as on a real API server: an object a real server
 * refuses is not stored (a Secret with labels as an array once kept real helm from listing its
 * namespace). Expected codes and messages are kube-apiserver v1.19's for the same requests (its
 * decoding errors go on with a "bigger context" excerpt that the sandbox leaves out; prefixes are
 * worded as v1.20+ words them, "a lowercase RFC 1123 subdomain", as the sandbox's names are).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helmBinary, helmEnv } from "../support/helm.js";
import { withSandbox } from "../support/sandbox.js";
import type { SandboxFixture } from "../support/sandbox.js";

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const run = promisify(execFile);
let fx: SandboxFixture;
const CMS = "/api/v1/namespaces/default/configmaps";
const SECRETS = "/api/v1/namespaces/default/secrets";

beforeAll(async () => {
  fx = await withSandbox();
});
afterAll(async () => {
  await fx.close();
});

async function call(
  method: string,
  path: string,
  body: unknown,
  type = "application/json",
): Promise<{ status: number; body: Body }> {
  const res = await fx.sandbox.fetch(path, {
    method,
    headers: { "Content-Type": type },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const create = (metadata: Body, extra: Body = {}, path = CMS) =>
  call("POST", path, { metadata: { name: "x", ...metadata }, ...extra });

const NAME_RULE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_RULE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe("labels and annotations that are not maps of strings", () => {
  it("are refused when created, with the real server's 400, and nothing is stored", async () => {
    const prefix =
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: v1.ConfigMap.ObjectMeta: v1.ObjectMeta.';
    const cases: Array<[Body, string]> = [
      [{ labels: ["a", "b"] }, "Labels: ReadMapCB: expect { or n, but found ["],
      [{ labels: { a: 1 } }, 'Labels: ReadString: expects " or n, but found 1'],
      [{ labels: { a: true } }, 'Labels: ReadString: expects " or n, but found t'],
      [{ labels: "a=b" }, 'Labels: ReadMapCB: expect { or n, but found "'],
      [{ annotations: { a: {} } }, 'Annotations: ReadString: expects " or n, but found {'],
    ];
    for (const [metadata, message] of cases) {
      const r = await create(metadata);
      expect([r.status, r.body.reason, r.body.message]).toEqual([
        400,
        "BadRequest",
        `${prefix}${message}`,
      ]);
    }
    expect((await call("GET", `${CMS}/x`, undefined)).status).toBe(404);
  });

  it("are refused after a patch with 422 naming the patch, and by an apply patch with 500", async () => {
    expect((await create({ name: "patched", labels: { a: "b" } })).status).toBe(201);
    const merge = await call(
      "PATCH",
      `${CMS}/patched`,
      { metadata: { labels: ["a"] } },
      "application/merge-patch+json",
    );
    expect([merge.status, merge.body.reason, merge.body.details.causes[0].field]).toEqual([
      422,
      "Invalid",
      "patch",
    ]);
    const jsonPatch = await call(
      "PATCH",
      `${CMS}/patched`,
      [{ op: "add", path: "/metadata/labels/n", value: 5 }],
      "application/json-patch+json",
    );
    expect(jsonPatch.status).toBe(422);
    expect(jsonPatch.body.message).toMatch(
      /^ "" is invalid: patch: Invalid value: ".*": v1\.ConfigMap\.ObjectMeta: v1\.ObjectMeta\.Labels: ReadString: expects " or n, but found 5$/,
    );
    const apply = await call(
      "PATCH",
      `${CMS}/patched?fieldManager=t`,
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: patched\n  labels: [a]\n",
      "application/apply-patch+yaml",
    );
    expect([apply.status, apply.body.message]).toEqual([
      500,
      "failed to create typed patch object: .metadata.labels: expected map, got &{[a]}",
    ]);
    expect((await call("GET", `${CMS}/patched`, undefined)).body.metadata.labels).toEqual({
      a: "b",
    });
  });

  it("read null as absent, and a null value as empty, as Go decodes them", async () => {
    const r = await create({ name: "nulls", labels: { a: null }, annotations: null });
    expect(r.status).toBe(201);
    expect(r.body.metadata.labels).toEqual({ a: "" });
    expect(r.body.metadata).not.toHaveProperty("annotations");
  });
});

describe("label and annotation syntax", () => {
  it("refuses bad keys and values with 422 Invalid, one cause each", async () => {
    const r = await create({ labels: { "a b": "b c", c: "-x", ["v".repeat(64)]: "" } });
    expect(r.status).toBe(422);
    expect(r.body.reason).toBe("Invalid");
    expect(r.body.details.causes).toEqual([
      {
        field: "metadata.labels",
        reason: "FieldValueInvalid",
        message: `Invalid value: "a b": name part ${NAME_RULE}`,
      },
      {
        field: "metadata.labels",
        reason: "FieldValueInvalid",
        message: `Invalid value: "b c": ${VALUE_RULE}`,
      },
      {
        field: "metadata.labels",
        reason: "FieldValueInvalid",
        message: `Invalid value: "-x": ${VALUE_RULE}`,
      },
      {
        field: "metadata.labels",
        reason: "FieldValueInvalid",
        message: `Invalid value: "${"v".repeat(64)}": name part must be no more than 63 characters`,
      },
    ]);
    expect(r.body.message).toMatch(/^ConfigMap "x" is invalid: \[metadata\.labels: Invalid value/);
  });

  it("checks prefixes, lengths and empty parts as apimachinery does", async () => {
    const message = async (labels: Body): Promise<string> =>
      (await create({ labels })).body.message;
    expect(await message({ a: "v".repeat(64) })).toBe(
      `ConfigMap "x" is invalid: metadata.labels: Invalid value: "${"v".repeat(64)}": must be no more than 63 characters`,
    );
    expect(await message({ "/a": "x" })).toBe(
      'ConfigMap "x" is invalid: metadata.labels: Invalid value: "/a": prefix part must be non-empty',
    );
    expect(await message({ "Example.com/a": "x" })).toMatch(
      /Invalid value: "Example\.com\/a": prefix part a lowercase RFC 1123 subdomain must consist/,
    );
    expect(await message({ "a/b/c": "x" })).toBe(
      `ConfigMap "x" is invalid: metadata.labels: Invalid value: "a/b/c": a qualified name ${NAME_RULE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    );
    expect(await message({ ["__proto__"]: "x" })).toBe(
      `ConfigMap "x" is invalid: metadata.labels: Invalid value: "__proto__": name part ${NAME_RULE}`,
    );
  });

  it("takes what a real server takes: prefixed keys, empty values, any case of annotation keys", async () => {
    const r = await create({
      name: "fine",
      labels: { "example.com/a": "", "app.kubernetes.io/name": "My_app-1.0" },
      annotations: { "A.b/C": "any text at all", "helm.sh/hook": "pre-install" },
    });
    expect(r.status).toBe(201);
  });

  it("refuses annotations over 256 KiB in all, keys included", async () => {
    const over = await create({ annotations: { a: "v".repeat(256 * 1024) } });
    expect([over.status, over.body.message]).toEqual([
      422,
      'ConfigMap "x" is invalid: metadata.annotations: Too long: must have at most 262144 bytes',
    ]);
    expect(
      (await create({ name: "at", annotations: { a: "v".repeat(256 * 1024 - 1) } })).status,
    ).toBe(201);
  });

  it("refuses bad labels written by update, patch and apply too", async () => {
    const bad = { metadata: { labels: { "-a": "b" } } };
    expect((await create({ name: "later" })).status).toBe(201);
    const merge = await call("PATCH", `${CMS}/later`, bad, "application/merge-patch+json");
    expect(merge.status).toBe(422);
    const smp = await call("PATCH", `${CMS}/later`, bad, "application/strategic-merge-patch+json");
    expect(smp.status).toBe(422);
    const put = await call("PUT", `${CMS}/later`, {
      metadata: { name: "later", labels: { a: "b c" } },
    });
    expect(put.status).toBe(422);
    const apply = await call(
      "PATCH",
      `${CMS}/applied?fieldManager=t`,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  labels: {a: "-x"}\n',
      "application/apply-patch+yaml",
    );
    expect(apply.status).toBe(422);
  });
});

describe("data size", () => {
  const base64 = (n: number): string => Buffer.alloc(n, 0x78).toString("base64");

  it("refuses a Secret over 1 MiB of data, as decoded, and takes one of 1 MiB", async () => {
    const over = await create({ name: "big" }, { data: { k: base64(1024 * 1024 + 1) } }, SECRETS);
    expect([over.status, over.body.message, over.body.details.causes]).toEqual([
      422,
      'Secret "big" is invalid: data: Too long: must have at most 1048576 bytes',
      [
        {
          field: "data",
          reason: "FieldValueTooLong",
          message: "Too long: must have at most 1048576 bytes",
        },
      ],
    ]);
    const viaString = await create(
      { name: "big" },
      { stringData: { k: "x".repeat(1024 * 1024 + 1) } },
      SECRETS,
    );
    expect(viaString.status).toBe(422);
    expect(
      (await create({ name: "fits" }, { data: { k: base64(1024 * 1024) } }, SECRETS)).status,
    ).toBe(201);
  });

  it("refuses a ConfigMap over 1 MiB of data and binaryData", async () => {
    const over = await create(
      { name: "big" },
      { data: { a: "x".repeat(512 * 1024) }, binaryData: { b: base64(512 * 1024 + 1) } },
    );
    expect([over.status, over.body.message]).toEqual([
      422,
      'ConfigMap "big" is invalid: []: Too long: must have at most 1048576 bytes',
    ]);
  });
});

const helm = helmBinary(3);

describe.skipIf(helm === undefined)("real helm after a refused Secret", () => {
  it("still lists the namespace", async () => {
    const refused = await create(
      { name: "sh.helm.release.v1.bad.v1", labels: ["owner=helm", "name=bad"] },
      { type: "helm.sh/release.v1", data: { release: "e30=" } },
      SECRETS,
    );
    expect(refused.status).toBe(400);
    const numbers = await create(
      { name: "sh.helm.release.v1.bad.v1", labels: { owner: "helm", name: "bad", version: 1 } },
      { type: "helm.sh/release.v1", data: { release: "e30=" } },
      SECRETS,
    );
    expect(numbers.status).toBe(400);
    const { stdout } = await run(helm ?? "helm", ["list", "-n", "default", "-o", "json"], {
      env: helmEnv(fx.dir, fx.kubeconfigPath),
    });
    expect(JSON.parse(stdout)).toEqual([]);
  });
});
