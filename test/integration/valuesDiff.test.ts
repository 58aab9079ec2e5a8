import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chartYaml, simpleChart, writeChart } from "../support/charts.js";
import { runCli } from "../support/cli.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

let fx: SandboxFixture;
let env: NodeJS.ProcessEnv;
const wh = (...args: string[]) => runCli(args, { env });

// The two chart versions of docs/chart-engine.md#upgrade-value-modes: 2.0.0 changes image.tag's
// default and adds image.pullPolicy and probes.enabled.
const V1 = 'image:\n  tag: "1.0"\nreplicas: 1\n';
const V2 =
  'image:\n  tag: "2.0"\n  pullPolicy: IfNotPresent\nreplicas: 1\nprobes:\n  enabled: true\n';
let chart1: string;
let chart2: string;

const chartOf = (values: string, version: string) =>
  writeChart(
    simpleChart(
      { "Chart.yaml": chartYaml("vchart").replace("0.1.0", version), "values.yaml": values },
      "vchart",
    ),
    "vchart",
  );

beforeAll(async () => {
  fx = await withSandbox();
  env = { PATH: process.env.PATH, HOME: fx.dir, KUBECONFIG: fx.kubeconfigPath };
  chart1 = await chartOf(V1, "1.0.0");
  chart2 = await chartOf(V2, "2.0.0");
});
afterAll(() => fx.close());

describe("diff values", () => {
  it("prints the user-supplied values of two revisions path by path, names matching list items", async () => {
    const env1 = '{"env":[{"name":"FOO","value":"a"},{"name":"BAR","value":"b"}]}';
    const env2 =
      '{"env":[{"name":"NEW","value":"n"},{"name":"FOO","value":"z"},{"name":"BAR","value":"b"}]}';
    await wh("install", "vals", chart1, "--set", "replicas=2", "--set-json", env1);
    await wh("upgrade", "vals", chart2, "--set", "replicas=5,x.y=old", "--set-json", env2);
    await wh(
      "upgrade",
      "vals",
      chart2,
      "--set",
      "replicas=5",
      "--set-json",
      env2,
      "--set",
      "a\\.b=1",
    );

    const changed = await wh("diff", "values", "vals", "1", "2", "--detailed-exitcode");
    expect(changed).toEqual({
      code: 2,
      stderr: "",
      stdout: [
        "user-supplied values of default/vals: revision 1 (vchart-1.0.0) → revision 2 (vchart-2.0.0)",
        '+ env[name=NEW].value: "n"',
        '~ env[name=FOO].value: "a" → "z"',
        "~ replicas: 2 → 5",
        '+ x.y: "old"',
        "2 added, 2 changed, 0 removed",
        "",
      ].join("\n"),
    });
    // The second revision defaults to the deployed one (3).
    const deployed = await wh("diff", "values", "vals", "2");
    expect(deployed.stdout).toContain('- x.y: "old"');
    expect(deployed.stdout).toContain('+ "a.b": 1');
    expect((await wh("diff", "values", "vals", "3", "--detailed-exitcode")).code).toBe(0);
  });

  it("diffs the computed values with --all, and gives the changes as data with -o json", async () => {
    const all = await wh("diff", "values", "vals", "1", "2", "--all");
    expect(all.stdout).toContain("computed values of default/vals");
    expect(all.stdout).toContain('~ image.tag: "1.0" → "2.0"');
    expect(all.stdout).toContain("+ probes.enabled: true");
    const json = JSON.parse((await wh("diff", "values", "vals", "1", "2", "-o", "json")).stdout);
    expect(json).toMatchObject({ name: "vals", namespace: "default", values: "user-supplied" });
    expect(json.changes[1]).toEqual({
      path: "env[name=FOO].value",
      segments: [{ key: "env" }, { name: "FOO" }, { key: "value" }],
      change: "changed",
      before: "a",
      after: "z",
    });
  });

  it("says what is wrong with a revision or a release that is not there", async () => {
    const missing = await wh("diff", "values", "nope", "1");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('Error: release "nope" has no revision 1 in namespace "default"\n');
    const bad = await wh("diff", "values", "vals", "one");
    expect(bad.stderr.split("\n")[0]).toMatch(/^Error: .*revision/);
  });
});

describe("diff upgrade --values-only", () => {
  it("previews the values an upgrade would store, and warns that --reuse-values drops new defaults", async () => {
    await wh("install", "reuse", chart1, "--set", "replicas=3");
    const reuse = await wh(
      "diff",
      "upgrade",
      "reuse",
      chart2,
      "--reuse-values",
      "--set",
      "extra=x",
      "--values-only",
      "--all",
    );
    expect(reuse.stdout).toBe(
      [
        "computed values of default/reuse: revision 1 (vchart-1.0.0) → revision 2 (vchart-2.0.0)",
        '+ extra: "x"',
        "1 added, 0 changed, 0 removed",
        "",
      ].join("\n"),
    );
    expect(reuse.stderr).toBe(
      "warning: --reuse-values keeps the previous chart's defaults: this upgrade leaves out 2 new default(s) " +
        '(image.pullPolicy, probes.enabled) and keeps 1 old default(s) (image.tag: "1.0", new "2.0"); ' +
        "--reset-then-reuse-values keeps your values over the new chart's defaults\n",
    );
    // The manifest preview warns the same way.
    const manifest = await wh("diff", "upgrade", "reuse", chart2, "--reuse-values");
    expect(manifest.stderr).toContain(
      "warning: --reuse-values keeps the previous chart's defaults",
    );

    const offered = await wh(
      "diff",
      "upgrade",
      "reuse",
      chart2,
      "--reset-then-reuse-values",
      "--set",
      "extra=x",
      "--values-only",
      "--all",
    );
    expect(offered.stderr).toBe("");
    expect(offered.stdout).toContain('~ image.tag: "1.0" → "2.0"');
    expect(offered.stdout).toContain('+ image.pullPolicy: "IfNotPresent"');
    expect(offered.stdout).toContain('+ extra: "x"');
  });

  it("is what the upgrade then stores, as get values --all reads it back; upgrade warns too", async () => {
    const upgraded = await wh("upgrade", "reuse", chart2, "--reuse-values", "--set", "extra=x");
    expect(upgraded.code).toBe(0);
    expect(upgraded.stderr).toMatch(
      /^warning: --reuse-values keeps the previous chart's defaults: .*\(image.pullPolicy, probes.enabled\)/,
    );
    const stored = await wh("get", "values", "reuse", "--all", "-o", "json");
    expect(JSON.parse(stored.stdout)).toEqual({ extra: "x", image: { tag: "1.0" }, replicas: 3 });
  });

  it("refuses --all or -o without --values-only, before reaching the cluster", async () => {
    const r = await wh("diff", "upgrade", "reuse", chart2, "--all");
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe("Error: --all needs --values-only");
  });
});
