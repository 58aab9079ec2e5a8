import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionContext } from "../../src/engine/actions/context.js";
import type { KubeClient } from "../../src/kube/client.js";
import { tarball } from "../support/charts.js";
import { runCli } from "../support/cli.js";
import {
  ATTACK,
  HOSTILE_CHART_NAME,
  HOSTILE_DESCRIPTION,
  OUR_COLOURS,
  RAW_CONTROL,
  writeHostileCharts,
} from "../support/hostileText.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { engineOver } from "../support/sandboxEngine.js";

// Issue 14, item 3: what charts and release records say reaches a person's terminal shown, never
// obeyed; what tools read keeps its bytes, as helm prints them.
let fx: SandboxFixture;
let env: NodeJS.ProcessEnv;
let client: KubeClient;
let ctx: ActionContext;
let charts: { v1: string; v2: string };
const wh = (args: string[], options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}) =>
  runCli(args, { env: { ...env, ...options.env }, tty: options.tty ?? false });

/** The output with our colours taken out: nothing a terminal would act on may be left. */
const leftOver = (text: string) => text.replace(OUR_COLOURS, "");

beforeAll(async () => {
  fx = await withSandbox();
  env = { PATH: process.env.PATH, HOME: fx.dir, KUBECONFIG: fx.kubeconfigPath };
  ({ client, ctx } = engineOver(fx.kubeconfigPath));
  charts = await writeHostileCharts();
  const install = await wh(["install", "evil", charts.v1, "--description", HOSTILE_DESCRIPTION]);
  expect(install.stderr).toBe("");
  // A record whose chart name no Chart.yaml may have: written by another tool, or forged; its
  // description as helm's --description writes it (wheelhouse's keeps the reason quoted).
  const stored = await ctx.storage.get("default", "evil", 1);
  stored.chart!.metadata.name = HOSTILE_CHART_NAME;
  stored.info.description = HOSTILE_DESCRIPTION;
  await ctx.storage.update(stored);
});
afterAll(async () => {
  client?.close();
  await fx?.close();
});

describe("human-readable output shows control characters instead of sending them", () => {
  it("list shows the chart name and app version escaped, in aligned columns", async () => {
    const list = await wh(["list"]);
    expect(list.stdout).not.toMatch(RAW_CONTROL);
    expect(list.stdout).toContain("evil\\e]0;PWNED\\a\\x9b2J\\x9d0;PWNED-C1\\x9c-0.1.0");
    expect(list.stdout).toContain("1.0\\e]0;PWNED\\a");
    const [header, row] = list.stdout.split("\n");
    expect(row!.indexOf("\tdeployed")).toBe(header!.indexOf("\tSTATUS"));
  });

  it("history shows the description escaped, coloured on a terminal or not", async () => {
    for (const tty of [false, true]) {
      const history = await wh(["history", "evil"], { tty });
      expect(leftOver(history.stdout)).not.toMatch(RAW_CONTROL);
      expect(history.stdout).toContain("Upgrade complete\\e]0;PWNED\\a\\u202enimda\\u202c");
      if (tty) expect(history.stdout).toMatch(OUR_COLOURS);
    }
  });

  it("status shows the description and NOTES escaped, lines kept apart", async () => {
    const status = await wh(["status", "evil"]);
    expect(status.stdout).not.toMatch(RAW_CONTROL);
    expect(status.stdout).toContain("DESCRIPTION: Upgrade complete\\e]0;PWNED\\a\\u202e");
    expect(status.stdout).toContain("Thanks for installing.\\e]0;PWNED\\a\\e[2J\n");
    expect(status.stdout).toContain("Secrets are safe\\rOVERWRITTEN\n");
    expect(status.stdout).toContain("Single-character controls: \\x9b2J\\x9d0;PWNED-C1\\x9c\n");
  });

  it("diff upgrade shows a comment's cursor movement escaped, coloured on a terminal and piped", async () => {
    for (const tty of [false, true]) {
      const diff = await wh(["diff", "upgrade", "evil", charts.v2], { tty });
      expect(diff.stderr).toBe("");
      expect(leftOver(diff.stdout)).not.toMatch(RAW_CONTROL);
      expect(diff.stdout).toContain("evil-cluster-admin, ClusterRoleBinding");
      expect(diff.stdout).toContain("+   # \\e[17A\\e[0J");
      expect(diff.stdout.includes("\x1b[32m")).toBe(tty);
    }
  });

  it("get notes and errors that quote the chart's text show it escaped", async () => {
    const notes = await wh(["get", "notes", "evil"]);
    expect(notes.stdout).not.toMatch(RAW_CONTROL);
    expect(notes.stdout).toContain("\\e[2J");
    const missing = await wh(["status", `evil${ATTACK.retitle}`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).not.toMatch(RAW_CONTROL);
    expect(missing.stderr).toContain("\\e]0;PWNED\\a");
  });

  it("errors that quote an archive's entry names show them escaped", async () => {
    const archive = join(fx.dir, "evil-entry.tgz");
    await writeFile(
      archive,
      tarball([
        { path: "evil/Chart.yaml", data: "apiVersion: v2\nname: evil\nversion: 0.1.0\n" },
        { path: `evil/templates/${ATTACK.retitle}${ATTACK.clear}.yaml`, data: "a: [\n" },
      ]),
    );
    const template = await wh(["template", "x", archive]);
    expect(template.code).toBe(1);
    expect(template.stderr).not.toMatch(RAW_CONTROL);
    expect(template.stderr).toContain("evil/templates/\\e]0;PWNED\\a\\e[2J.yaml");
  });
});

describe("machine formats keep the bytes, as helm prints them", () => {
  it("get manifest and template print the rendered comment as it is", async () => {
    const manifest = await wh(["get", "manifest", "evil", "--revision", "1"]);
    expect(manifest.stdout).toContain(`# ${ATTACK.retitle}${ATTACK.clear}\n`);
    const template = await wh(["template", "evil", charts.v2]);
    expect(template.stdout).toContain(`# ${ATTACK.eraseAbove}\n`);
  });

  it("-o json keeps the description, NOTES and chart name exactly", async () => {
    const status = await wh(["status", "evil", "-o", "json"]);
    const release = JSON.parse(status.stdout) as { info: { description: string; notes: string } };
    expect(release.info.description).toBe(HOSTILE_DESCRIPTION);
    expect(release.info.notes).toContain(ATTACK.clear);
    const list = await wh(["list", "-o", "json"]);
    expect((JSON.parse(list.stdout) as Array<{ chart: string }>)[0]!.chart).toBe(
      `${HOSTILE_CHART_NAME}-0.1.0`,
    );
  });
});
