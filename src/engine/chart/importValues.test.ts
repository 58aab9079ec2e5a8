import { describe, expect, it } from "vitest";
import { writeChart } from "../../../test/support/charts.js";
import { applyDependencyConditions } from "./dependencyConditions.js";
import { applyImportValues } from "./importValues.js";
import { loadChart } from "./loadChart.js";

const dep = (name: string, imports: string, extra = "") =>
  `  - name: ${name}\n    version: 0.1.0\n${extra}    import-values:\n${imports}`;

async function umbrella(files: Record<string, string>) {
  const chart = await loadChart(await writeChart(files, "top"));
  return applyImportValues(applyDependencyConditions(chart, chart.values));
}

describe("applyImportValues", () => {
  it("imports deepest first, earlier imports winning, and stores helm's {child, parent} form", async () => {
    const chart = await umbrella({
      "Chart.yaml": `apiVersion: v2\nname: top\nversion: 0.1.0\ndependencies:\n${dep("mid", "      - fromLeaf\n      - child: own\n        parent: deep.er\n")}`,
      "charts/mid/Chart.yaml": `apiVersion: v2\nname: mid\nversion: 0.1.0\ndependencies:\n${dep("leaf", "      - child: exports.data\n        parent: exports.fromLeaf\n")}`,
      "charts/mid/values.yaml": "own:\n  level: mid\nexports:\n  fromLeaf:\n    colour: blue\n",
      "charts/mid/charts/leaf/Chart.yaml": "apiVersion: v2\nname: leaf\nversion: 0.1.0\n",
      "charts/mid/charts/leaf/values.yaml": "exports:\n  data:\n    colour: green\n    size: 3\n",
    });
    // mid's own exports.fromLeaf wins over what it imported from leaf; size comes through.
    expect(chart.values).toMatchObject({ colour: "blue", size: 3, deep: { er: { level: "mid" } } });
    expect(chart.metadata.dependencies?.[0]?.["import-values"]).toEqual([
      { child: "exports.fromLeaf", parent: "." },
      { child: "own", parent: "deep.er" },
    ]);
  });

  it("lets the parent's own values win, and skips disabled subcharts and missing tables", async () => {
    const chart = await umbrella({
      // (not "on"/"off": YAML 1.1, as helm reads Chart.yaml and values, makes those booleans)
      "Chart.yaml": `apiVersion: v2\nname: top\nversion: 0.1.0\ndependencies:\n${dep("live", "      - cfg\n      - nothing\n")}${dep("dead", "      - cfg\n", "    condition: dead.enabled\n")}`,
      "values.yaml": "retries: 9\ndead:\n  enabled: false\n",
      "charts/live/Chart.yaml": "apiVersion: v2\nname: live\nversion: 0.1.0\n",
      "charts/live/values.yaml": "exports:\n  cfg:\n    retries: 1\n    timeout: 5\n",
      "charts/dead/Chart.yaml": "apiVersion: v2\nname: dead\nversion: 0.1.0\n",
      "charts/dead/values.yaml": "exports:\n  cfg:\n    fromOff: true\n",
    });
    expect(chart.values).toMatchObject({ retries: 9, timeout: 5 });
    expect(chart.values).not.toHaveProperty("fromOff");
  });
});
