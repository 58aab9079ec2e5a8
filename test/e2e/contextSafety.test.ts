import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { TmuxSession } from "../support/tmux.js";

let fx: SandboxFixture;
let kubeconfig: string;

/** One sandbox under two context names: `dev` (current) and `prod-eu`. */
function kubeconfigText(): string {
  const context = (name: string) =>
    `  - name: ${name}\n    context:\n      cluster: sandbox\n      user: me\n      namespace: default\n`;
  return (
    "apiVersion: v1\nkind: Config\ncurrent-context: dev\nclusters:\n" +
    `  - name: sandbox\n    cluster:\n      server: ${fx.sandbox.url}\n      insecure-skip-tls-verify: true\n` +
    `contexts:\n${context("dev")}${context("prod-eu")}` +
    `users:\n  - name: me\n    user:\n      token: ${fx.sandbox.token}\n`
  );
}

function start(config: string) {
  const xdg = join(fx.dir, `xdg-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(xdg, "wheelhouse"), { recursive: true });
  writeFileSync(join(xdg, "wheelhouse", "config.yaml"), config);
  return TmuxSession.wheelhouse("", {
    kubeconfig: kubeconfig,
    home: fx.dir,
    env: { XDG_CONFIG_HOME: xdg },
  });
}

describe.skipIf(!TmuxSession.available())("contexts named in the config file", () => {
  beforeAll(async () => {
    fx = await withSandbox();
    kubeconfig = join(fx.dir, "two-names");
    writeFileSync(kubeconfig, kubeconfigText());
  });
  afterAll(() => fx?.close());

  it(
    "a protected context shows its banner once :ctx moves there",
    { timeout: 60_000 },
    async () => {
      const tui = start('protectedContexts: ["prod-*"]\n');
      try {
        await tui.waitFor(/ctx dev/);
        expect(tui.screen()).not.toContain("PROTECTED");
        await tui.press(":");
        tui.type("ctx prod-eu");
        await tui.press("Enter");
        await tui.waitFor(/PROTECTED CONTEXT .*ctx prod-eu/);
      } finally {
        tui.kill();
      }
    },
  );

  it("a mistake in the file stops the UI with the file and line", { timeout: 60_000 }, async () => {
    const tui = start("readonlyContexts:\n  - dev\n  - 7\n");
    try {
      const screen = await tui.waitFor("[exited 1]");
      expect(screen).toMatch(/wheelhouse\/config\.yaml:3: readonlyContexts\.1 must be string/);
      expect(screen).not.toMatch(/\s+at /);
    } finally {
      tui.kill();
    }
  });
});
