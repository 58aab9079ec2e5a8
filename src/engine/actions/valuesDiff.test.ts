import { describe, expect, it } from "vitest";
import { fakeEngine } from "../../../test/support/engine.js";
import { chartYaml, simpleChart, writeChart } from "../../../test/support/charts.js";
import { loadChart } from "../chart/loadChart.js";
import { formatPath } from "../values/valuesDiff.js";
import { install } from "./install.js";
import { upgrade, planUpgrade, type UpgradeOptions } from "./upgrade.js";
import { diffRevisionValues, upgradeValuesDiff } from "./valuesDiff.js";

// The charts of the helm 4.1.4 experiment in docs/chart-engine.md#upgrade-value-modes.
const V1 = 'image:\n  tag: "1.0"\nreplicas: 1\n';
const V2 =
  'image:\n  tag: "2.0"\n  pullPolicy: IfNotPresent\nreplicas: 1\nprobes:\n  enabled: true\n';

async function chartWith(values: string, version: string) {
  return loadChart(
    await writeChart(
      simpleChart({
        "Chart.yaml": chartYaml("vchart").replace("0.1.0", version),
        "values.yaml": values,
      }),
      "vchart",
    ),
  );
}

async function installedV1() {
  const engine = fakeEngine();
  const base = { name: "r", namespace: "default" };
  await install(engine.ctx, {
    ...base,
    chart: await chartWith(V1, "1.0.0"),
    userValues: { replicas: 3 },
  });
  return { engine, base };
}

const paths = (changes: { path: Parameters<typeof formatPath>[0] }[]) =>
  changes.map((c) => formatPath(c.path));

describe("values diffs", () => {
  it("diffs two revisions' user-supplied values, or their computed values with all", async () => {
    const { engine, base } = await installedV1();
    await upgrade(engine.ctx, {
      ...base,
      chart: await chartWith(V2, "2.0.0"),
      userValues: { replicas: 5, env: [{ name: "FOO", value: "a" }] },
    });
    const user = await diffRevisionValues(engine.ctx, "r", "default", 1);
    expect(user.from).toEqual({ revision: 1, chart: "vchart-1.0.0" });
    expect(user.to).toEqual({ revision: 2, chart: "vchart-2.0.0" });
    expect(user.changes).toEqual([
      { path: [{ key: "env" }, { name: "FOO" }, { key: "value" }], change: "added", after: "a" },
      { path: [{ key: "replicas" }], change: "changed", before: 3, after: 5 },
    ]);
    const all = await diffRevisionValues(engine.ctx, "r", "default", 1, 2, { all: true });
    expect(paths(all.changes)).toEqual([
      "image.pullPolicy",
      "image.tag",
      "probes.enabled",
      "replicas",
      "env[name=FOO].value",
    ]);
  });

  it("warns that --reuse-values drops the new chart's new defaults and keeps its old ones", async () => {
    const { engine, base } = await installedV1();
    const options: UpgradeOptions = {
      ...base,
      chart: await chartWith(V2, "2.0.0"),
      userValues: { extra: "x" },
      valuesMode: "reuse",
    };
    const plan = await planUpgrade(engine.ctx, options);
    const result = upgradeValuesDiff(plan, { all: true });
    // What helm 4.1.4 computed: extra added; image.tag stays "1.0"; no pullPolicy, no probes.
    expect(paths(result.changes)).toEqual(["extra"]);
    expect(paths(result.reuseWarning!.dropped)).toEqual(["image.pullPolicy", "probes.enabled"]);
    expect(result.reuseWarning!.kept).toMatchObject([{ before: "1.0", after: "2.0" }]);
    expect(result.reuseWarning!.message).toBe(
      "--reuse-values keeps the previous chart's defaults: this upgrade leaves out 2 new default(s) " +
        '(image.pullPolicy, probes.enabled) and keeps 1 old default(s) (image.tag: "1.0", new "2.0"); ' +
        "--reset-then-reuse-values keeps your values over the new chart's defaults",
    );
  });

  it("has no warning with --reset-then-reuse-values, whose values take the new defaults", async () => {
    const { engine, base } = await installedV1();
    const options: UpgradeOptions = {
      ...base,
      chart: await chartWith(V2, "2.0.0"),
      userValues: { extra: "x" },
      valuesMode: "reset-then-reuse",
    };
    const result = upgradeValuesDiff(await planUpgrade(engine.ctx, options), {
      all: true,
    });
    expect(result.reuseWarning).toBeUndefined();
    expect(paths(result.changes)).toEqual([
      "image.tag",
      "image.pullPolicy",
      "probes.enabled",
      "extra",
    ]);
    const user = upgradeValuesDiff(await planUpgrade(engine.ctx, options));
    expect(paths(user.changes)).toEqual(["extra"]);
  });

  it("has no warning with --reuse-values when the chart's defaults did not change", async () => {
    const { engine, base } = await installedV1();
    const options: UpgradeOptions = {
      ...base,
      chart: await chartWith(V1, "1.0.1"),
      userValues: {},
      valuesMode: "reuse",
    };
    expect(upgradeValuesDiff(await planUpgrade(engine.ctx, options)).reuseWarning).toBeUndefined();
  });
});
