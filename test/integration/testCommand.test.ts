import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chartYaml, writeChart } from "../support/charts.js";
import { runCli } from "../support/cli.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

let fx: SandboxFixture;
let env: NodeJS.ProcessEnv;
const wh = (...args: string[]) => runCli(args, { env });

/** A test Pod; the sandbox runs it to completion, or fails it when `fails`. */
const testPod = (name: string, fails: boolean, policy = "before-hook-creation") =>
  [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    `  name: {{Release.Name}}-${name}`,
    "  annotations:",
    '    "helm.sh/hook": test',
    `    "helm.sh/hook-delete-policy": ${policy}`,
    ...(fails ? ['    "sandbox.wheelhouse.dev/fail": "true"'] : []),
    "spec:",
    "  restartPolicy: Never",
    "  containers:",
    "    - name: check",
    "      image: busybox",
    "",
  ].join("\n");

beforeAll(async () => {
  fx = await withSandbox();
  env = { PATH: process.env.PATH, HOME: fx.dir, KUBECONFIG: fx.kubeconfigPath };
  const chart = await writeChart({
    "Chart.yaml": chartYaml("probe"),
    "templates/cm.yaml":
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{Release.Name}}-cm\ndata:\n  a: b\n",
    "templates/tests/ok.yaml": testPod("ok", false, "hook-succeeded"),
    "templates/tests/broken.yaml": testPod("broken", true),
  });
  expect((await wh("install", "probe", chart)).code).toBe(0);
});
afterAll(() => fx.close());

const pod = async (name: string) =>
  (await fx.sandbox.fetch(`/api/v1/namespaces/default/pods/${name}`)).status;

describe("wheelhouse test", () => {
  it("shows the test suite as helm does: None without tests, nothing before a run", async () => {
    const plain = await writeChart({
      "Chart.yaml": chartYaml("plain"),
      "templates/cm.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\ndata:\n  a: b\n",
    });
    expect((await wh("install", "plain", plain)).stdout).toContain(
      "REVISION: 1\nTEST SUITE: None\n",
    );
    expect((await wh("status", "probe")).stdout).not.toContain("TEST SUITE");
  });

  it("runs the chosen tests, records their run in the release and deletes them per policy", async () => {
    const run = await wh("test", "probe", "--filter", "name=probe-ok");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /STATUS: deployed\nREVISION: 1\nTEST SUITE: {5}probe-ok\nLast Started: {3}\w{3} .+\nLast Completed: \w{3} .+\nPhase: {10}Succeeded\n/,
    );
    expect(await pod("probe-ok")).toBe(404); // hook-succeeded
    expect(await pod("probe-broken")).toBe(404); // filtered out: never created

    // The run is part of the stored revision: status shows it too, and the revision did not change.
    const status = await wh("status", "probe");
    expect(status.stdout).toContain("TEST SUITE:     probe-ok");
    const history = JSON.parse((await wh("history", "probe", "-o", "json")).stdout) as unknown[];
    expect(history).toHaveLength(1);
  });

  it("fails when a test fails, naming it, and keeps the failed run on record", async () => {
    const run = await wh("test", "probe", "--filter", "!name=probe-ok");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/test hook .*broken\.yaml \(Pod "probe-broken"\) failed/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toMatch(/TEST SUITE: {5}probe-broken\n.*\n.*\nPhase: {10}Failed/);
    expect(await pod("probe-broken")).toBe(200); // kept for its logs until the next run
    const status = await wh("status", "probe");
    expect(status.stdout).toContain("STATUS: deployed");
  });

  it("refuses a filter it cannot read", async () => {
    const run = await wh("test", "probe", "--filter", "probe-ok");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('invalid --filter "probe-ok": use name=TEST or !name=TEST');
  });
});
