import { describe, expect, it } from "vitest";
import type { Chart } from "../chart/types.js";
import { coalesceValues } from "./coalesce.js";
import { ValuesError } from "./errors.js";
import type { Values } from "./types.js";
import { validateValues } from "./validateSchema.js";

function chart(name: string, schema: object | string | null, dependencies: Chart[] = []): Chart {
  return {
    metadata: { apiVersion: "v2", name, version: "1.0.0" },
    lock: null,
    templates: [],
    values: {},
    rawValues: null,
    schema:
      schema === null
        ? null
        : Buffer.from(typeof schema === "string" ? schema : JSON.stringify(schema)),
    files: [],
    dependencies,
    source: `/charts/${name}`,
  };
}

function failure(c: Chart, values: Values): ValuesError {
  try {
    validateValues(c, values);
  } catch (err) {
    expect(err).toBeInstanceOf(ValuesError);
    return err as ValuesError;
  }
  throw new Error("expected a ValuesError");
}

const webSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  required: ["image"],
  properties: {
    replicaCount: { type: "integer", minimum: 1 },
    image: {
      type: "object",
      required: ["repository"],
      properties: {
        repository: { type: "string" },
        tag: { type: "string", pattern: "^[a-z0-9.]+$" },
        pullPolicy: { enum: ["Always", "IfNotPresent", "Never"] },
      },
      additionalProperties: false,
    },
    ports: { type: "array", items: { type: "integer", maximum: 65535 } },
    host: { type: "string", format: "hostname" },
  },
};

describe("validateValues", () => {
  it("accepts values that meet the schema", () => {
    const web = chart("webapp", webSchema);
    expect(() =>
      validateValues(web, { replicaCount: 2, image: { repository: "nginx" }, ports: [80] }),
    ).not.toThrow();
  });

  it("accepts anything when the chart has no schema", () => {
    expect(() => validateValues(chart("webapp", null), { anything: [1, "x"] })).not.toThrow();
  });

  it("reports every failing path at once in Helm's words", () => {
    const err = failure(chart("webapp", webSchema), {
      replicaCount: "2",
      image: { repository: "nginx", tag: "UPPER", pullPolicy: "Sometimes", extra: 1 },
      ports: [80, 70000, "x"],
      host: "not a host!",
    });
    expect(err.kind).toBe("values");
    expect(err.message).toContain(
      "values don't meet the specifications of the schema(s) in the following chart(s):",
    );
    expect(err.message).toContain("webapp");
    expect(err.details?.split("\n")).toEqual([
      "webapp: replicaCount: Invalid type. Expected: integer, given: string",
      "webapp: image: Additional property extra is not allowed",
      "webapp: image.tag: Does not match pattern '^[a-z0-9.]+$'",
      'webapp: image.pullPolicy: must be one of the following: "Always", "IfNotPresent", "Never"',
      "webapp: ports[1]: Must be less than or equal to 65535",
      "webapp: ports[2]: Invalid type. Expected: integer, given: string",
      "webapp: host: Does not match format 'hostname'",
    ]);
  });

  it("reports a missing required key at its parent, (root) at the top", () => {
    const err = failure(chart("webapp", webSchema), { replicaCount: 0 });
    expect(err.details?.split("\n")).toEqual([
      "webapp: (root): image is required",
      "webapp: replicaCount: Must be greater than or equal to 1",
    ]);
  });

  it("names every accepted type when several are allowed", () => {
    const c = chart("webapp", { properties: { a: { type: ["string", "null"] } } });
    expect(failure(c, { a: 1.5 }).details).toBe(
      "webapp: a: Invalid type. Expected: [string,null], given: number",
    );
  });

  it("validates each subchart against its own section, prefixed with its name", () => {
    const redis = chart("redis", {
      type: "object",
      properties: { port: { type: "integer" }, global: { type: "object" } },
    });
    const web = chart("webapp", { properties: { replicaCount: { type: "integer" } } }, [redis]);
    const values = coalesceValues(web, { replicaCount: "x", redis: { port: "6379" } });
    const err = failure(web, values);
    expect(err.message).toContain("following chart(s): webapp, redis");
    expect(err.details?.split("\n")).toEqual([
      "webapp: replicaCount: Invalid type. Expected: integer, given: string",
      "redis: port: Invalid type. Expected: integer, given: string",
    ]);
  });

  it("fails on a subchart alone when only its values are wrong", () => {
    const redis = chart("redis", { properties: { port: { type: "integer" } } });
    const web = chart("webapp", null, [redis]);
    const err = failure(web, { redis: { port: true } });
    expect(err.details).toBe("redis: port: Invalid type. Expected: integer, given: boolean");
  });

  it("skips subcharts that are not in the chart's dependencies (disabled ones)", () => {
    const web = chart("webapp", null, []);
    expect(() => validateValues(web, { redis: { port: true } })).not.toThrow();
  });

  it("names the chart and file when values.schema.json is not JSON", () => {
    const err = failure(chart("webapp", "{ not json"), {});
    expect(err.message).toMatch(/^chart webapp: values\.schema\.json is not valid JSON/);
  });

  it("names the chart and file when values.schema.json is not a valid schema", () => {
    const err = failure(chart("webapp", { type: "integer-ish" }), {});
    expect(err.message).toMatch(/^chart webapp: values\.schema\.json is not a valid JSON Schema/);
  });

  it("reads draft 2020-12 schemas and draft-04 ones", () => {
    const modern = chart("a", {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      properties: { l: { type: "array", prefixItems: [{ type: "string" }] } },
    });
    expect(failure(modern, { l: [1] }).details).toBe(
      "a: l[0]: Invalid type. Expected: string, given: integer",
    );
    const old = chart("b", {
      $schema: "http://json-schema.org/draft-04/schema#",
      properties: { n: { type: "integer" } },
    });
    expect(failure(old, { n: "1" }).details).toBe(
      "b: n: Invalid type. Expected: integer, given: string",
    );
  });

  it("compiles a schema once and reuses it for copies of the chart", () => {
    const web = chart("webapp", { properties: { a: { type: "integer" } } });
    expect(() => validateValues(web, { a: 1 })).not.toThrow();
    const copy: Chart = { ...web, metadata: { ...web.metadata, name: "alias" } };
    expect(failure(copy, { a: "x" }).details).toBe(
      "alias: a: Invalid type. Expected: integer, given: string",
    );
  });

  it("keeps two charts' schemas apart when they declare the same $id", () => {
    const id = "https://example.com/values.schema.json";
    const a = chart("a", { $id: id, properties: { x: { type: "integer" } } });
    const b = chart("b", { $id: id, properties: { x: { type: "string" } } });
    expect(() => validateValues(a, { x: 1 })).not.toThrow();
    expect(() => validateValues(b, { x: "s" })).not.toThrow();
    expect(failure(b, { x: 1 }).details).toBe(
      "b: x: Invalid type. Expected: string, given: integer",
    );
  });

  it("ignores formats it does not know, as Helm's validator does", () => {
    const c = chart("webapp", { properties: { a: { type: "string", format: "my-custom" } } });
    expect(() => validateValues(c, { a: "anything" })).not.toThrow();
  });

  // helm 4 prints, for the same schema:
  //   - at '/properties/a/pattern': '^(?=a)a$' is not valid regex: error parsing regexp:
  //     invalid or unsupported Perl syntax: `(?=`
  it("refuses a pattern Go's regexp cannot compile, naming where it is, as helm does", () => {
    const lookahead = chart("webapp", {
      properties: { a: { type: "string", pattern: "^(?=a)a$" } },
    });
    const err = failure(lookahead, { a: "a" });
    expect(err.message).toBe(
      "chart webapp: values.schema.json is not a valid JSON Schema: at '/properties/a/pattern': " +
        "'^(?=a)a$' is not valid regex: error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
    );
    expect(err.hint).toMatch(/RE2/);
    const backref = chart("b", { patternProperties: { "^(x)\\1$": { type: "string" } } });
    expect(failure(backref, {}).message).toBe(
      "chart b: values.schema.json is not a valid JSON Schema: at '/patternProperties/^(x)\\1$': " +
        "'^(x)\\1$' is not valid regex: error parsing regexp: invalid escape sequence: `\\1`",
    );
  });

  it("reads patterns with Go's syntax: (?i) flags compile, \\s is ASCII space only", () => {
    const c = chart("webapp", {
      properties: {
        a: { type: "string", pattern: "(?i)^abc$" },
        b: { type: "string", pattern: "^\\s$" },
      },
    });
    expect(() => validateValues(c, { a: "ABC", b: " " })).not.toThrow();
    expect(failure(c, { a: "ABC", b: "\u00a0" }).details).toBe(
      "webapp: b: Does not match pattern '^\\s$'",
    );
  });

  // A backtracking engine takes minutes here (2^34 ways to split the run of a's); RE2 is linear.
  // No timing assertion: the test finishing under vitest's timeout is the check.
  it("matches ^(a+)+$ against 34 characters without backtracking", () => {
    const c = chart("webapp", {
      properties: { a: { type: "string", pattern: "^(a+)+$" } },
      patternProperties: { "^(b+)+$": { type: "integer" } },
    });
    const evil = "a".repeat(34) + "!";
    expect(failure(c, { a: evil, ["b".repeat(34) + "!"]: "x" }).details).toBe(
      "webapp: a: Does not match pattern '^(a+)+$'",
    );
    expect(() => validateValues(c, { a: "a".repeat(34), ["b".repeat(34)]: 1 })).not.toThrow();
  });
});
