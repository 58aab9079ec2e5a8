import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionContext } from "../../src/engine/actions/context.js";
import type { KubeClient } from "../../src/kube/client.js";
import { runCli } from "../support/cli.js";
import {
  HOSTILE_CHART_NAME,
  HOSTILE_DESCRIPTION,
  writeHostileCharts,
} from "../support/hostileText.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { engineOver } from "../support/sandboxEngine.js";
import { TmuxSession } from "../support/tmux.js";

// Issue 14, item 3, as the terminal sees it: a chart name, a release description, NOTES and a
// manifest comment full of ESC, OSC, CR, C1 and bidi characters neither retitle the window nor
// erase a line, in the UI, in `status` and in `diff upgrade` (on its own and through `less -R`).
const main = resolve("dist/cli/main.js");
const TITLE = "wh-e2e";
let fx: SandboxFixture;
let client: KubeClient;
let ctx: ActionContext;
let charts: { v1: string; v2: string };
let env: Record<string, string>;

function available(program: string): boolean {
  try {
    execFileSync(program, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Runs `command` in a fresh terminal whose title is TITLE first. */
function terminal(command: string): TmuxSession {
  return TmuxSession.start(`printf '\\033]2;${TITLE}\\007'; ${command}`, {
    env,
    width: 200,
    height: 60,
  });
}

describe.skipIf(!TmuxSession.available())("untrusted text in a real terminal", () => {
  beforeAll(async () => {
    fx = await withSandbox();
    env = {
      KUBECONFIG: fx.kubeconfigPath,
      HOME: fx.dir,
      PATH: process.env.PATH ?? "",
      TERM: "xterm-256color",
      LESS: "",
    };
    ({ client, ctx } = engineOver(fx.kubeconfigPath));
    charts = await writeHostileCharts();
    const install = await runCli(
      ["install", "evil", charts.v1, "--description", HOSTILE_DESCRIPTION],
      { env },
    );
    expect(install.stderr).toBe("");
    // A chart name no Chart.yaml may have, as another tool (or a forger) could store it; the
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

  it(
    "status keeps the title and every line, and shows the controls",
    { timeout: 60_000 },
    async () => {
      const tmux = terminal(`node ${main} status evil`);
      try {
        const screen = await tmux.waitFor("[exited 0]");
        expect(tmux.title()).toBe(TITLE);
        expect(screen).toContain("NAME: evil"); // not cleared by the NOTES' ESC[2J
        expect(screen).toContain("DESCRIPTION: Upgrade complete\\e]0;PWNED\\a\\u202enimda\\u202c");
        expect(screen).toContain("Thanks for installing.\\e]0;PWNED\\a\\e[2J");
        expect(screen).toContain("Secrets are safe\\rOVERWRITTEN"); // the CR did not go back
        expect(screen).toContain("Single-character controls: \\x9b2J\\x9d0;PWNED-C1\\x9c");
      } finally {
        tmux.kill();
      }
    },
  );

  it("diff upgrade keeps the ClusterRoleBinding on screen", { timeout: 60_000 }, async () => {
    const tmux = terminal(`node ${main} diff upgrade evil ${charts.v2}`);
    try {
      const screen = await tmux.waitFor("[exited 0]");
      expect(tmux.title()).toBe(TITLE);
      expect(screen).toContain(
        ", evil-cluster-admin, ClusterRoleBinding (rbac.authorization.k8s.io) has been added:",
      );
      expect(screen).toContain("+   name: cluster-admin");
      expect(screen).toContain("+   # \\e[17A\\e[0J");
    } finally {
      tmux.kill();
    }
  });

  it.skipIf(!available("less"))(
    "diff upgrade piped into less -R keeps it on screen too",
    { timeout: 60_000 },
    async () => {
      const tmux = terminal(`node ${main} diff upgrade evil ${charts.v2} | less -R`);
      try {
        const screen = await tmux.waitFor("added, 0 changed, 0 removed");
        expect(tmux.title()).toBe(TITLE);
        expect(screen).toContain(
          ", evil-cluster-admin, ClusterRoleBinding (rbac.authorization.k8s.io) has been added:",
        );
        expect(screen).toContain("+   # \\e[17A\\e[0J");
        // What the reviewer saw is checked; how less is left (the pane is killed) is not the point,
        // and under a loaded test run its exit was not reliably prompt.
      } finally {
        tmux.kill();
      }
    },
  );

  it("the UI keeps the title and its frame while showing them", { timeout: 60_000 }, async () => {
    const tmux = terminal(`node ${main} -n default`);
    try {
      const list = await tmux.waitFor("evil\\e]0;PWNED\\a\\x9b2J");
      expect(tmux.title()).toBe(TITLE);
      expect(list).toContain("1.0\\e]0;");
      tmux.keys("Enter"); // the release's history
      await tmux.waitFor("Upgrade complete\\e]0");
      await tmux.press("n"); // its NOTES
      const notes = await tmux.waitFor("Thanks for installing.\\e]0;PWNED\\a\\e[2J");
      expect(notes).toContain("Secrets are safe\\rOVERWRITTEN");
      expect(notes).toMatch(/^wheelhouse /); // the header, not cleared
      await tmux.press("m"); // the manifest, with its comment
      const manifest = await tmux.waitFor("# \\e]0;PWNED\\a\\e[2J");
      expect(manifest).toMatch(/^wheelhouse /);
      expect(manifest).toContain("History default/evil");
      expect(tmux.title()).toBe(TITLE);
      await tmux.press("q");
      await tmux.waitFor("[exited 0]");
    } finally {
      tmux.kill();
    }
  });
});
