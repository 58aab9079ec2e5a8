import { describe, expect, it } from "vitest";
import { applyDependencyConditions } from "../chart/dependencyConditions.js";
import type { Chart, ChartDependency } from "../chart/types.js";
import { buildUserValues } from "./buildUserValues.js";
import { coalesceValues, valuesForSubchart } from "./coalesce.js";
import type { Values } from "./types.js";
import { validateValues } from "./validateSchema.js";

function chart(
  name: string,
  values: Values,
  opts: { subcharts?: Chart[]; deps?: ChartDependency[]; schema?: object } = {},
): Chart {
  return {
    metadata: {
      apiVersion: "v2",
      name,
      version: "1.0.0",
      ...(opts.deps ? { dependencies: opts.deps } : {}),
    },
    lock: null,
    templates: [],
    values,
    rawValues: null,
    schema: opts.schema ? Buffer.from(JSON.stringify(opts.schema)) : null,
    files: [],
    dependencies: opts.subcharts ?? [],
    source: `/charts/${name}`,
  };
}

/** The order the renderer uses: user values, dependency switches, coalesce, schema. */
async function resolve(root: Chart, set: string[]): Promise<{ chart: Chart; values: Values }> {
  const user = await buildUserValues({ set });
  const enabled = applyDependencyConditions(root, user);
  const values = coalesceValues(enabled, user);
  validateValues(enabled, values);
  return { chart: enabled, values };
}

const redis = chart(
  "redis",
  { port: 6379, auth: { enabled: true }, global: { storageClass: "standard" } },
  { schema: { properties: { port: { type: "integer" } } } },
);
const webapp = chart(
  "webapp",
  {
    replicaCount: 1,
    global: { registry: "docker.io" },
    cache: { enabled: true, auth: { enabled: false } },
    queue: { enabled: false },
  },
  {
    subcharts: [redis],
    deps: [
      {
        name: "redis",
        version: "^1.0.0",
        repository: "",
        alias: "cache",
        condition: "cache.enabled",
      },
      {
        name: "redis",
        version: "^1.0.0",
        repository: "",
        alias: "queue",
        condition: "queue.enabled",
      },
    ],
    schema: { properties: { replicaCount: { type: "integer", minimum: 1 } } },
  },
);

describe("values pipeline", () => {
  it("gives an aliased subchart its section, with defaults, parent values and globals", async () => {
    const { chart: enabled, values } = await resolve(webapp, ["global.registry=ghcr.io"]);
    expect(enabled.dependencies.map((d) => d.metadata.name)).toEqual(["cache"]);
    expect(valuesForSubchart(values, "cache")).toEqual({
      enabled: true,
      port: 6379,
      auth: { enabled: false },
      global: { registry: "ghcr.io", storageClass: "standard" },
    });
    expect(values.queue).toEqual({ enabled: false });
  });

  it("switches the second alias on from --set and validates it against the subchart schema", async () => {
    await expect(resolve(webapp, ["queue.enabled=true", "queue.port=x"])).rejects.toThrow(
      /following chart\(s\): queue/,
    );
    const { chart: enabled } = await resolve(webapp, ["queue.enabled=true"]);
    expect(enabled.dependencies.map((d) => d.metadata.name)).toEqual(["cache", "queue"]);
  });

  it("does not validate a disabled subchart's values", async () => {
    await expect(resolve(webapp, ["queue.port=x"])).resolves.toBeDefined();
  });

  it("removes a default with --set key=null before validation", async () => {
    const { values } = await resolve(webapp, ["cache.auth=null"]);
    expect(valuesForSubchart(values, "cache").auth).toBeUndefined();
  });
});
