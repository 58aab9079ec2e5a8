import { describe, expect, it } from "vitest";
import type { Values } from "../values/types.js";
import { coalesceValues } from "../values/coalesce.js";
import { applyDependencyConditions } from "./dependencyConditions.js";
import type { Chart, ChartDependency } from "./types.js";

function chart(
  name: string,
  opts: {
    values?: Values;
    subcharts?: Chart[];
    deps?: Array<Partial<ChartDependency> & { name: string }>;
    version?: string;
  } = {},
): Chart {
  return {
    metadata: {
      apiVersion: "v2",
      name,
      version: opts.version ?? "1.0.0",
      ...(opts.deps
        ? { dependencies: opts.deps.map((d) => ({ repository: "", version: "1.x", ...d })) }
        : {}),
    },
    lock: null,
    templates: [],
    values: opts.values ?? {},
    rawValues: null,
    schema: null,
    files: [],
    dependencies: opts.subcharts ?? [],
    source: `/charts/${name}`,
  };
}

const names = (c: Chart): string[] => c.dependencies.map((d) => d.metadata.name);
const declared = (c: Chart): Array<[string, boolean | undefined]> =>
  (c.metadata.dependencies ?? []).map((d) => [d.name, d.enabled]);

describe("applyDependencyConditions", () => {
  it("keeps a subchart whose condition is true and drops one whose condition is false", () => {
    const app = chart("app", {
      values: { redis: { enabled: true }, pg: { enabled: false } },
      subcharts: [chart("redis"), chart("pg")],
      deps: [
        { name: "redis", condition: "redis.enabled" },
        { name: "pg", condition: "pg.enabled" },
      ],
    });
    const out = applyDependencyConditions(app, {});
    expect(names(out)).toEqual(["redis"]);
    expect(declared(out)).toEqual([["redis", true]]);
  });

  it("lets user values switch a subchart on or off over the chart's defaults", () => {
    const app = chart("app", {
      values: { redis: { enabled: false } },
      subcharts: [chart("redis")],
      deps: [{ name: "redis", condition: "redis.enabled" }],
    });
    expect(names(applyDependencyConditions(app, {}))).toEqual([]);
    expect(names(applyDependencyConditions(app, { redis: { enabled: true } }))).toEqual(["redis"]);
  });

  it("reads a condition from the subchart's own defaults when nobody else sets it", () => {
    const app = chart("app", {
      subcharts: [chart("redis", { values: { enabled: false } })],
      deps: [{ name: "redis", condition: "redis.enabled" }],
    });
    expect(names(applyDependencyConditions(app, {}))).toEqual([]);
  });

  it("uses the first condition path that resolves to a boolean", () => {
    const app = chart("app", {
      values: { a: { enabled: "yes" }, b: { enabled: false }, c: { enabled: true } },
      subcharts: [chart("redis")],
      deps: [{ name: "redis", condition: "missing.enabled,a.enabled, b.enabled,c.enabled" }],
    });
    expect(names(applyDependencyConditions(app, {}))).toEqual([]);
  });

  it("keeps a subchart whose condition resolves to nothing", () => {
    const app = chart("app", {
      subcharts: [chart("redis")],
      deps: [{ name: "redis", condition: "redis.enabled" }],
    });
    expect(names(applyDependencyConditions(app, {}))).toEqual(["redis"]);
  });

  it("disables a subchart whose tags are all false and enables it when any is true", () => {
    const app = chart("app", {
      values: { tags: { backend: false, cache: false, front: true } },
      subcharts: [chart("redis"), chart("web"), chart("untagged")],
      deps: [
        { name: "redis", tags: ["backend", "cache"] },
        { name: "web", tags: ["backend", "front"] },
        { name: "untagged", tags: ["unknown"] },
      ],
    });
    expect(names(applyDependencyConditions(app, {}))).toEqual(["web", "untagged"]);
  });

  it("lets a condition beat the tags", () => {
    const app = chart("app", {
      values: { tags: { cache: false }, redis: { enabled: true } },
      subcharts: [chart("redis")],
      deps: [{ name: "redis", tags: ["cache"], condition: "redis.enabled" }],
    });
    expect(names(applyDependencyConditions(app, {}))).toEqual(["redis"]);
    expect(
      names(applyDependencyConditions(app, { redis: { enabled: false }, tags: { cache: true } })),
    ).toEqual([]);
  });

  it("keys an aliased subchart by its alias and can use one chart twice", () => {
    const app = chart("app", {
      values: { primary: { enabled: true }, replica: { enabled: false } },
      subcharts: [chart("redis", { values: { port: 6379 } })],
      deps: [
        { name: "redis", alias: "primary", condition: "primary.enabled" },
        { name: "redis", alias: "replica", condition: "replica.enabled" },
      ],
    });
    const out = applyDependencyConditions(app, { replica: { enabled: true } });
    expect(names(out)).toEqual(["primary", "replica"]);
    expect(declared(out)).toEqual([
      ["primary", true],
      ["replica", true],
    ]);
    expect(coalesceValues(out, { replica: { enabled: true } })).toMatchObject({
      primary: { port: 6379, enabled: true },
      replica: { port: 6379, enabled: true },
    });
    expect(names(applyDependencyConditions(app, {}))).toEqual(["primary"]);
  });

  it("always keeps subcharts in charts/ that Chart.yaml does not declare", () => {
    const app = chart("app", {
      values: { tags: { all: false } },
      subcharts: [chart("extra"), chart("redis")],
      deps: [{ name: "redis", tags: ["all"] }],
    });
    expect(names(applyDependencyConditions(app, {}))).toEqual(["extra"]);
  });

  it("matches a declared dependency only to a subchart inside its version range", () => {
    const app = chart("app", {
      subcharts: [chart("redis", { version: "2.0.0" })],
      deps: [{ name: "redis", version: "1.x", alias: "cache" }],
    });
    // out of range: kept as an undeclared subchart, so not renamed to the alias
    expect(names(applyDependencyConditions(app, {}))).toEqual(["redis"]);
    const inRange = { ...app, dependencies: [chart("redis", { version: "1.4.0" })] };
    expect(names(applyDependencyConditions(inRange, {}))).toEqual(["cache"]);
    const commaRange = {
      ...inRange,
      metadata: {
        ...inRange.metadata,
        dependencies: [
          { name: "redis", version: ">=1.0.0, <2.0.0", alias: "cache", repository: "" },
        ],
      },
    };
    expect(names(applyDependencyConditions(commaRange, {}))).toEqual(["cache"]);
    const outside = { ...commaRange, dependencies: [chart("redis", { version: "2.5.0" })] };
    expect(names(applyDependencyConditions(outside, {}))).toEqual(["redis"]);
  });

  it("applies conditions of sub-subcharts relative to their parent's values", () => {
    const redis = chart("redis", {
      values: { metrics: { enabled: false } },
      subcharts: [chart("metrics")],
      deps: [{ name: "metrics", condition: "metrics.enabled" }],
    });
    const app = chart("app", { subcharts: [redis], deps: [{ name: "redis" }] });
    expect(names(applyDependencyConditions(app, {}).dependencies[0]!)).toEqual([]);
    const on = applyDependencyConditions(app, { redis: { metrics: { enabled: true } } });
    expect(names(on.dependencies[0]!)).toEqual(["metrics"]);
    // a top-level key of the same name does not count for the nested chart
    const top = applyDependencyConditions(app, { metrics: { enabled: true } });
    expect(names(top.dependencies[0]!)).toEqual([]);
  });

  it("does not process subcharts below a disabled one, nor keep them", () => {
    const redis = chart("redis", { subcharts: [chart("metrics")], deps: [{ name: "metrics" }] });
    const app = chart("app", {
      subcharts: [redis],
      deps: [{ name: "redis", condition: "redis.enabled" }],
    });
    expect(applyDependencyConditions(app, { redis: { enabled: false } }).dependencies).toEqual([]);
  });

  it("sets enabled on the kept Chart.yaml entries and leaves the input chart untouched", () => {
    const app = chart("app", {
      values: { pg: { enabled: false } },
      subcharts: [chart("redis"), chart("pg")],
      deps: [
        { name: "redis", alias: "cache" },
        { name: "pg", condition: "pg.enabled" },
      ],
    });
    const snapshot = JSON.stringify(app);
    const out = applyDependencyConditions(app, {});
    expect(JSON.stringify(app)).toBe(snapshot);
    expect(out).not.toBe(app);
    expect(out.metadata.dependencies).toEqual([
      { name: "cache", alias: "cache", repository: "", version: "1.x", enabled: true },
    ]);
    expect(app.dependencies.map((d) => d.metadata.name)).toEqual(["redis", "pg"]);
  });

  it("returns a chart without declared dependencies as it is", () => {
    const app = chart("app", { subcharts: [chart("redis")] });
    expect(applyDependencyConditions(app, { redis: { enabled: false } })).toBe(app);
  });
});
