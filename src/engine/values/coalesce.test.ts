import { describe, expect, it } from "vitest";
import type { Chart, ChartMetadata } from "../chart/types.js";
import { coalesceValues, valuesForSubchart } from "./coalesce.js";
import { ValuesError } from "./errors.js";
import type { Values } from "./types.js";

function chart(
  name: string,
  values: Values = {},
  dependencies: Chart[] = [],
  metadata: Partial<ChartMetadata> = {},
): Chart {
  return {
    metadata: { apiVersion: "v2", name, version: "1.0.0", ...metadata },
    lock: null,
    templates: [],
    values,
    rawValues: null,
    schema: null,
    files: [],
    dependencies,
    source: `/charts/${name}`,
  };
}

describe("coalesceValues", () => {
  it("uses the chart's defaults when the user gives nothing", () => {
    expect(coalesceValues(chart("app", { replicas: 1, image: { tag: "1" } }), {})).toEqual({
      replicas: 1,
      image: { tag: "1" },
    });
  });

  it("lets user values win over defaults, merging maps deeply", () => {
    const c = chart("app", { image: { repo: "nginx", tag: "1", pull: { policy: "Always" } } });
    expect(coalesceValues(c, { image: { tag: "2", pull: { secret: "s" } }, extra: true })).toEqual({
      image: { repo: "nginx", tag: "2", pull: { policy: "Always", secret: "s" } },
      extra: true,
    });
  });

  it("replaces lists whole instead of merging them", () => {
    const c = chart("app", { ports: [80, 443], env: [{ name: "A" }] });
    expect(coalesceValues(c, { ports: [8080] })).toEqual({ ports: [8080], env: [{ name: "A" }] });
  });

  it("keeps a user map over a scalar default and a user scalar over a map default", () => {
    const c = chart("app", { a: "x", b: { c: 1 } });
    expect(coalesceValues(c, { a: { y: 1 }, b: "z" })).toEqual({ a: { y: 1 }, b: "z" });
  });

  it("deletes a default when the user sets it to null, and keeps a null that shadows none (helm 4.1.4)", () => {
    const c = chart("app", { resources: { limits: { cpu: "1" } }, image: { tag: "1", repo: "r" } });
    const out = coalesceValues(c, { resources: null, image: { tag: null }, nothing: null });
    expect(out).toEqual({ image: { repo: "r" }, nothing: null });
    expect(Object.hasOwn(out, "resources")).toBe(false);
  });

  it("keeps nulls nested inside user maps that have no default, as helm does", () => {
    expect(coalesceValues(chart("app"), { a: { b: null, c: 1 } })).toEqual({
      a: { b: null, c: 1 },
    });
  });

  it("keeps nulls written in the chart's own values.yaml, as Helm does", () => {
    expect(coalesceValues(chart("app", { optional: null }), {})).toEqual({ optional: null });
  });

  it("puts subchart defaults under the subchart's name, below the parent's and the user's", () => {
    const redis = chart("redis", { port: 6379, auth: { enabled: true, user: "default" } });
    const app = chart("app", { redis: { auth: { user: "app" } } }, [redis]);
    expect(coalesceValues(app, { redis: { port: 7000 } })).toEqual({
      redis: { port: 7000, auth: { enabled: true, user: "app" }, global: {} },
    });
  });

  it("creates the subchart section when neither user nor parent has one", () => {
    const app = chart("app", {}, [chart("redis", { port: 6379 })]);
    expect(coalesceValues(app, {})).toEqual({ redis: { port: 6379, global: {} } });
  });

  it("keys an aliased subchart by its alias (the name applyDependencyConditions gives it)", () => {
    const cache = chart("cache", { port: 6379 });
    const app = chart("app", {}, [cache]);
    expect(coalesceValues(app, { cache: { port: 1 } })).toEqual({
      cache: { port: 1, global: {} },
    });
  });

  it("lets a user null under a subchart section delete the subchart's default", () => {
    const redis = chart("redis", { port: 6379, persistence: { size: "8Gi" } });
    const app = chart("app", { redis: { persistence: { size: "1Gi" } } }, [redis]);
    const out = coalesceValues(app, { redis: { persistence: null } });
    expect(out.redis).toEqual({ port: 6379, global: {} });
  });

  it("lets a parent's null in values.yaml delete a subchart default", () => {
    const redis = chart("redis", { port: 6379, sentinel: { enabled: false } });
    const app = chart("app", { redis: { sentinel: null } }, [redis]);
    expect(coalesceValues(app, {}).redis).toEqual({ port: 6379, global: {} });
  });

  it("coalesces sub-subcharts recursively under their parent's section", () => {
    const metrics = chart("metrics", { interval: "30s", path: "/metrics" });
    const redis = chart("redis", { port: 6379, metrics: { interval: "10s" } }, [metrics]);
    const app = chart("app", {}, [redis]);
    const out = coalesceValues(app, { redis: { metrics: { path: "/m" } } });
    expect(out).toEqual({
      redis: {
        port: 6379,
        metrics: { interval: "10s", path: "/m", global: {} },
        global: {},
      },
    });
  });

  it("merges globals downward, the parent winning over the subchart's own", () => {
    const redis = chart("redis", {
      global: {
        registry: "docker.io",
        storageClass: "standard",
        labels: { team: "db", tier: "data" },
      },
    });
    const app = chart("app", { global: { registry: "ghcr.io", labels: { team: "web" } } }, [redis]);
    const out = coalesceValues(app, { global: { imagePullSecrets: ["s"] } });
    expect(out.global).toEqual({
      registry: "ghcr.io",
      labels: { team: "web" },
      imagePullSecrets: ["s"],
    });
    expect((out.redis as Values).global).toEqual({
      registry: "ghcr.io",
      storageClass: "standard",
      labels: { team: "web", tier: "data" },
      imagePullSecrets: ["s"],
    });
  });

  it("lets the parent's global win over globals set inside a subchart's section", () => {
    const app = chart("app", {}, [chart("redis")]);
    const out = coalesceValues(app, {
      global: { registry: "top", labels: { a: 1 } },
      redis: { global: { registry: "sub", labels: { a: 2, b: 3 }, own: 1 } },
    });
    expect((out.redis as Values).global).toEqual({
      registry: "top",
      labels: { a: 1, b: 3 },
      own: 1,
    });
  });

  it("passes globals through every level of subcharts", () => {
    const leaf = chart("leaf", { global: { leafOnly: 1 } });
    const mid = chart("mid", {}, [leaf]);
    const app = chart("app", {}, [mid]);
    const out = coalesceValues(app, { global: { env: "prod" } });
    const midValues = out.mid as Values;
    expect(midValues.global).toEqual({ env: "prod" });
    expect((midValues.leaf as Values).global).toEqual({ env: "prod", leafOnly: 1 });
    expect(out.global).toEqual({ env: "prod" });
  });

  it("lets a user null delete a global default", () => {
    const app = chart("app", { global: { registry: "docker.io", env: "dev" } }, [chart("sub")]);
    const out = coalesceValues(app, { global: { registry: null } });
    expect(out.global).toEqual({ env: "dev" });
    expect((out.sub as Values).global).toEqual({ env: "dev" });
  });

  it("changes neither the chart nor the user values, and shares nothing with them", () => {
    const redis = chart("redis", { auth: { user: "default" }, list: [{ a: 1 }] });
    const app = chart("app", { image: { tag: "1" }, global: { g: { x: 1 } } }, [redis]);
    const user: Values = { image: { repo: null }, redis: { auth: { password: "p" } } };
    const snapshot = JSON.stringify([app, user]);
    const out = coalesceValues(app, user);
    expect(JSON.stringify([app, user])).toBe(snapshot);
    ((out.redis as Values).auth as Values).user = "changed";
    ((out.redis as Values).list as Values[])[0]!.a = 2;
    (out.image as Values).tag = "changed";
    (((out.redis as Values).global as Values).g as Values).x = 2;
    expect(JSON.stringify([app, user])).toBe(snapshot);
  });

  it("rejects a subchart section that is not a map and names the subchart", () => {
    const app = chart("app", {}, [chart("redis", { port: 1 })]);
    expect(() => coalesceValues(app, { redis: "yes" })).toThrow(ValuesError);
    expect(() => coalesceValues(app, { redis: "yes" })).toThrow(/subchart redis must be a map/);
  });

  it("treats a null subchart section as empty, so the subchart keeps its defaults", () => {
    const app = chart("app", { redis: { port: 2 } }, [chart("redis", { port: 1 })]);
    expect(coalesceValues(app, { redis: null }).redis).toEqual({ port: 1, global: {} });
  });
});

describe("valuesForSubchart", () => {
  it("returns the subchart's own section with global", () => {
    const app = chart("app", { global: { env: "prod" } }, [chart("redis", { port: 1 })]);
    const values = coalesceValues(app, {});
    expect(valuesForSubchart(values, "redis")).toEqual({ port: 1, global: { env: "prod" } });
  });

  it("adds the parent's global when the section lacks one", () => {
    expect(valuesForSubchart({ global: { a: 1 }, sub: { b: 2 } }, "sub")).toEqual({
      b: 2,
      global: { a: 1 },
    });
    expect(valuesForSubchart({}, "sub")).toEqual({ global: {} });
  });
});
