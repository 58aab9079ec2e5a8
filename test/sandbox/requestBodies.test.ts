/**
 * What the sandbox takes as a request body: the media types and the size kube-apiserver takes.
 * The expected Status bodies are the ones kube-apiserver v1.19 answered for the same requests.
 */
import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../support/sandbox.js";
import type { SandboxFixture } from "../support/sandbox.js";

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let fx: SandboxFixture;
const CMS = "/api/v1/namespaces/default/configmaps";

beforeAll(async () => {
  fx = await withSandbox();
});
afterAll(async () => {
  await fx.close();
});

async function call(
  method: string,
  path: string,
  body: string | undefined,
  headers: Record<string, string>,
): Promise<{ status: number; body: Body }> {
  const res = await fx.sandbox.fetch(path, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text === "" ? {} : (JSON.parse(text) as Body) };
}

const status = (code: number, reason: string, message: string): Body => ({
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message,
  reason,
  code,
});

const UNSUPPORTED = status(
  415,
  "UnsupportedMediaType",
  "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf",
);
const TOO_LARGE = status(
  413,
  "RequestEntityTooLarge",
  "Request entity too large: limit is 3145728",
);

const configMap = (name: string): string =>
  JSON.stringify({ metadata: { name }, data: { k: "v" } });

describe("media types", () => {
  it("refuses an object sent as anything but JSON, YAML or protobuf, creating nothing", async () => {
    const types = [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "text/yaml",
      "application/x-yaml",
      "application/merge-patch+json",
      "application/json;foo",
      "*/*",
    ];
    for (const [i, type] of types.entries()) {
      const r = await call("POST", CMS, configMap(`refused-${i}`), { "Content-Type": type });
      expect([type, r.status, r.body]).toEqual([type, 415, UNSUPPORTED]);
    }
    const names = (await call("GET", CMS, undefined, {})).body.items.map(
      (i: Body) => i.metadata.name,
    );
    expect(names.filter((n: string) => n.startsWith("refused-"))).toEqual([]);
  });

  it("takes JSON (also without a Content-Type, in any case, with parameters) and YAML", async () => {
    const accepted: Array<[string, Record<string, string>, string]> = [
      ["plain", { "Content-Type": "application/json" }, configMap("plain")],
      ["charset", { "Content-Type": "application/json; charset=utf-8" }, configMap("charset")],
      ["upper", { "Content-Type": "APPLICATION/JSON" }, configMap("upper")],
      ["none", {}, configMap("none")],
      ["yaml", { "Content-Type": "application/yaml" }, "metadata:\n  name: yaml\n"],
    ];
    for (const [name, headers, body] of accepted) {
      expect([name, (await call("POST", CMS, body, headers)).status]).toEqual([name, 201]);
    }
  });

  it("refuses a text/plain update and delete options, but not an empty delete", async () => {
    await call("POST", CMS, configMap("kept"), {});
    const text = { "Content-Type": "text/plain" };
    expect(await call("PUT", `${CMS}/kept`, configMap("kept"), text)).toEqual({
      status: 415,
      body: UNSUPPORTED,
    });
    const options = JSON.stringify({ kind: "DeleteOptions", apiVersion: "v1" });
    expect((await call("DELETE", `${CMS}/kept`, options, text)).status).toBe(415);
    expect((await call("GET", `${CMS}/kept`, undefined, {})).status).toBe(200);
    expect((await call("DELETE", `${CMS}/kept`, undefined, text)).status).toBe(200);
  });
});

describe("body size", () => {
  it("refuses a body over 3 MiB with 413, and takes one of exactly 3 MiB", async () => {
    const over = JSON.stringify({ metadata: { name: "over" }, data: { k: "a".repeat(3 << 20) } });
    expect(await call("POST", CMS, over, { "Content-Type": "application/json" })).toEqual({
      status: 413,
      body: TOO_LARGE,
    });
    const small = configMap("exactly");
    const padded = small + " ".repeat((3 << 20) - Buffer.byteLength(small));
    expect((await call("POST", CMS, padded, { "Content-Type": "application/json" })).status).toBe(
      201,
    );
    const patch = JSON.stringify({ data: { k: "a".repeat(3 << 20) } });
    expect(
      (
        await call("PATCH", `${CMS}/exactly`, patch, {
          "Content-Type": "application/merge-patch+json",
        })
      ).status,
    ).toBe(413);
  });

  it("answers a declared 300 MB body at once, without waiting for it", async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${fx.sandbox.url}${CMS}`,
        {
          method: "POST",
          ca: fx.sandbox.ca,
          headers: {
            Authorization: `Bearer ${fx.sandbox.token}`,
            "Content-Type": "application/json",
            "Content-Length": String(300_000_000),
          },
        },
        (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString("utf8")));
          res.on("end", () => {
            resolve({ status: res.statusCode ?? 0, body });
            req.destroy();
          });
        },
      );
      req.on("error", (e) => (req.destroyed ? undefined : reject(e)));
      req.write(Buffer.alloc(64 * 1024, 0x61)); // and nothing more: a server that waits hangs
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual(TOO_LARGE);
  });
});
