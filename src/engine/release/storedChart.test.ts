import { describe, expect, it } from "vitest";
import type { Chart } from "../chart/types.js";
import { decodeRelease, encodeRelease } from "./codec.js";
import { fromStoredChart, toStoredChart } from "./storedChart.js";
import { makeRelease } from "../../../test/support/releases.js";

const chart: Chart = {
  metadata: {
    apiVersion: "v2",
    name: "web",
    version: "1.2.3",
    appVersion: "2.0",
    type: "application",
  },
  lock: null,
  templates: [{ name: "templates/cm.yaml", data: Buffer.from("kind: ConfigMap\n") }],
  values: { replicas: 2 },
  rawValues: Buffer.from("replicas: 2\n"),
  schema: Buffer.from('{"type":"object"}'),
  files: [{ name: "README.md", data: Buffer.from("# web") }],
  dependencies: [{ metadata: { apiVersion: "v2", name: "sub", version: "0.1.0" } } as Chart],
  source: "/charts/web",
};

describe("stored chart", () => {
  it("stores templates, files and schema as base64 and leaves subcharts out", () => {
    const stored = toStoredChart(chart);
    expect(stored.templates).toEqual([
      { name: "templates/cm.yaml", data: Buffer.from("kind: ConfigMap\n").toString("base64") },
    ]);
    expect(stored.schema).toBe(Buffer.from('{"type":"object"}').toString("base64"));
    expect(JSON.stringify(stored)).not.toContain("sub");
  });

  it("stores null values when the chart has no values.yaml, as helm does", () => {
    expect(toStoredChart({ ...chart, rawValues: null, values: {} }).values).toBeNull();
  });

  it("reads back the same templates, files and values after a trip through the codec", () => {
    const release = decodeRelease(encodeRelease(makeRelease({ chart: toStoredChart(chart) })));
    const back = fromStoredChart(release.chart!, "revision 1");
    expect(back.templates[0]?.data.toString()).toBe("kind: ConfigMap\n");
    expect(back.files[0]?.data.toString()).toBe("# web");
    expect(back.values).toEqual({ replicas: 2 });
    expect(back.metadata).toMatchObject({ name: "web", version: "1.2.3", appVersion: "2.0" });
  });
});
