import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  decodeRelease,
  encodeRelease,
  MAX_UNPACKED_RELEASE_BYTES,
  ReleaseDecodeError,
  toStoredJson,
} from "./codec.js";
import { formatGoTime } from "./goTime.js";
import { validateReleaseName } from "./name.js";
import type { Release } from "./types.js";
import { int64 } from "../gotemplate/value.js";

function sampleRelease(overrides: Partial<Release> = {}): Release {
  return {
    name: "demo",
    info: {
      first_deployed: "2026-11-25T04:06:21.40815834Z",
      last_deployed: "2026-11-25T04:06:21.40815834Z",
      description: "Install complete",
      status: "deployed",
      notes: "thanks",
    },
    chart: {
      metadata: {
        name: "web",
        version: "1.2.3",
        appVersion: "2.0",
        apiVersion: "v2",
        type: "application",
      },
      lock: null,
      templates: [
        { name: "templates/cm.yaml", data: Buffer.from("kind: ConfigMap").toString("base64") },
      ],
      values: { replicas: 1, image: { tag: "a" } },
      schema: null,
      files: null,
    },
    manifest: "---\n# Source: web/templates/cm.yaml\nkind: ConfigMap\n",
    version: 3,
    namespace: "default",
    apply_method: "ssa",
    ...overrides,
  };
}

describe("release codec", () => {
  it("stores --set integers (int64 while rendering) as JSON numbers, as helm does", () => {
    const release = { ...sampleRelease(), config: { replicas: int64(1000000), list: [int64(2)] } };
    expect(toStoredJson(release).config).toEqual({ list: [2], replicas: 1000000 });
    expect(decodeRelease(encodeRelease(release)).config).toEqual({ list: [2], replicas: 1000000 });
  });

  it("round-trips a release through gzip and base64", () => {
    const release = sampleRelease({ config: { image: { tag: "b" }, gone: null } });
    const decoded = decodeRelease(encodeRelease(release));
    expect(decoded).toEqual(toStoredJson(release));
    expect(decoded.config).toEqual({ gone: null, image: { tag: "b" } });
  });

  it("writes the gzip header helm readers expect: base64 starting H4sI", () => {
    expect(encodeRelease(sampleRelease()).startsWith("H4sI")).toBe(true);
  });

  it("writes keys in Go's struct order and leaves empty optional fields out", () => {
    const json = toStoredJson(sampleRelease());
    expect(Object.keys(json)).toEqual([
      "name",
      "info",
      "chart",
      "manifest",
      "version",
      "namespace",
      "apply_method",
    ]);
    expect(Object.keys(json.info as object)).toEqual([
      "first_deployed",
      "last_deployed",
      "description",
      "status",
      "notes",
    ]);
    expect("config" in json).toBe(false);
  });

  it("reads old records stored as plain base64 JSON without gzip", () => {
    const legacy = Buffer.from(JSON.stringify(toStoredJson(sampleRelease()))).toString("base64");
    expect(decodeRelease(legacy).version).toBe(3);
  });

  it("reads a Helm 3 record with an empty deleted time", () => {
    const json = toStoredJson(sampleRelease());
    (json.info as Record<string, unknown>).deleted = "";
    const payload = gzipSync(Buffer.from(JSON.stringify(json))).toString("base64");
    expect(decodeRelease(payload).info.status).toBe("deployed");
  });

  it.each([
    ["", /empty/],
    [Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3]).toString("base64"), /base64 but not valid gzip/],
    [Buffer.from("{not json").toString("base64"), /base64 but not JSON \(byte 1 of 9\)/],
    [gzipSync("[1,").toString("base64"), /gzip but not JSON/],
    [
      Buffer.from(JSON.stringify({ name: "x", version: 1, info: { status: "exploded" } })).toString(
        "base64",
      ),
      /unknown status "exploded"/,
    ],
    [Buffer.from(JSON.stringify({ version: 1 })).toString("base64"), /not a release \(no name\)/],
    [Buffer.from(JSON.stringify({ name: "x", info: {} })).toString("base64"), /no valid version/],
    [Buffer.from(JSON.stringify({ name: "x", version: 2 })).toString("base64"), /no info/],
    [Buffer.from("[]").toString("base64"), /not an object/],
  ])("rejects a corrupt payload with a reason (%#)", (payload, reason) => {
    expect(() => decodeRelease(payload)).toThrow(ReleaseDecodeError);
    expect(() => decodeRelease(payload)).toThrow(reason);
  });

  it.each([
    ["garbage with spaces and !", /character 8 of 25 is not a base64 digit/],
    ["H4sI\u001b]0;owned\u0007", /character 5 of 14 is not a base64 digit/],
    ["SDRz=UFBQUFBQUFD", /padding at character 5 of 16/],
    ["SDRzSUFBQUFBQUF", /15 characters, not a multiple of 4/], // unpadded: Go's StdEncoding refuses
  ])("refuses a payload that is not strict base64, as Go's decoder does: %j", (payload, reason) => {
    // Node's decoder skips what it does not know and would go on to report bad JSON or gzip.
    expect(() => decodeRelease(payload)).toThrow(reason);
  });

  it("never quotes the payload's bytes in its reason", () => {
    const hostile = Buffer.from('{"name": "\u001b[2J\u001b]0;pwned\u0007').toString("base64");
    let message = "";
    try {
      decodeRelease(hostile);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/not JSON/);
    expect(message).not.toContain("pwned");
    expect(message).not.toContain("\u001b");
  });

  it("reads base64 wrapped over lines, as Go's decoder does", () => {
    const payload = encodeRelease(sampleRelease()).replace(/(.{76})/g, "$1\r\n");
    expect(decodeRelease(payload).version).toBe(3);
  });

  it("stops unpacking a gzip bomb at the limit instead of inflating it in memory", () => {
    const bomb = gzipSync(Buffer.alloc(MAX_UNPACKED_RELEASE_BYTES + 1), { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024); // fits in a Secret
    expect(() => decodeRelease(bomb.toString("base64"))).toThrow(
      /more than 64 MiB \(a gzip bomb\?\)/,
    );
  });

  it("refuses values nested deeper than wheelhouse takes (helm wrote them), and reads 1,000 levels", () => {
    const nested = (n: number) => `${"[".repeat(n)}1${"]".repeat(n)}`;
    // Written as helm would write it: JSON text (wheelhouse's encoder would not get this far).
    const json = JSON.stringify(toStoredJson(sampleRelease())).replace(
      /^\{/,
      `{"config":{"a":${nested(5000)}},`,
    );
    const deep = gzipSync(Buffer.from(json)).toString("base64");
    expect(() => decodeRelease(deep)).toThrow(
      "its payload nests values deeper than 1000 levels, more than wheelhouse reads",
    );
    const ok = sampleRelease({ config: { a: JSON.parse(nested(998)) as unknown } });
    expect(decodeRelease(encodeRelease(ok)).config).toEqual(ok.config);
  });
});

describe("Go time format", () => {
  it("trims trailing zeros of the fraction like RFC3339Nano", () => {
    expect(formatGoTime(new Date("2026-11-25T05:08:32.420Z"))).toBe("2026-11-25T05:08:32.42Z");
    expect(formatGoTime(new Date("2026-11-25T05:08:32.000Z"))).toBe("2026-11-25T05:08:32Z");
  });
});

describe("release names", () => {
  it.each(["demo", "my-app.v2", "a", "x".repeat(53)])("accepts %s", (name) => {
    expect(() => validateReleaseName(name)).not.toThrow();
  });
  it.each([
    ["Demo", /must match/],
    ["-demo", /must match/],
    ["demo_1", /must match/],
    ["x".repeat(54), /54 characters long/],
    ["", /empty/],
  ])("rejects %s", (name, reason) => {
    expect(() => validateReleaseName(name)).toThrow(reason);
  });
});
