import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install } from "../../src/engine/actions/install.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import { engineOver } from "../support/sandboxEngine.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { TmuxSession } from "../support/tmux.js";

let east: SandboxFixture;
let west: SandboxFixture;
let kubeconfig: string;

/** One kubeconfig, two clusters: the contexts `east` (current) and `west`, each with its user. */
function twoContextKubeconfig(): string {
  const cluster = (name: string, url: string) =>
    `  - name: ${name}\n    cluster:\n      server: ${url}\n      insecure-skip-tls-verify: true\n`;
  const context = (name: string) =>
    `  - name: ${name}\n    context:\n      cluster: ${name}\n      user: ${name}\n      namespace: default\n`;
  const user = (name: string, token: string) =>
    `  - name: ${name}\n    user:\n      token: ${token}\n`;
  return (
    "apiVersion: v1\nkind: Config\ncurrent-context: east\nclusters:\n" +
    cluster("east", east.sandbox.url) +
    cluster("west", west.sandbox.url) +
    "contexts:\n" +
    context("east") +
    context("west") +
    "users:\n" +
    user("east", east.sandbox.token) +
    user("west", west.sandbox.token)
  );
}

describe.skipIf(!TmuxSession.available())("switching kube context in the terminal UI", () => {
  beforeAll(async () => {
    [east, west] = await Promise.all([withSandbox(), withSandbox()]);
    const chart = await loadChart(resolve("demo/charts/webapp"));
    for (const [fx, name] of [
      [east, "shop"],
      [west, "cart"],
    ] as const) {
      const { client, ctx } = engineOver(fx.kubeconfigPath);
      await install(ctx, { name, namespace: "default", chart, userValues: {} });
      client.close();
    }
    kubeconfig = join(east.dir, "two-contexts");
    writeFileSync(kubeconfig, twoContextKubeconfig());
  });
  afterAll(async () => {
    await east?.close();
    await west?.close();
  });

  it("moves to another cluster with :ctx NAME and back", { timeout: 60_000 }, async () => {
    const tui = TmuxSession.wheelhouse("", { kubeconfig, home: east.dir });
    try {
      await tui.waitFor(/shop\s+1\s+deployed/);
      expect(tui.screen()).toMatch(/ctx east/);

      await tui.press(":");
      tui.type("ctx");
      await tui.press("Enter");
      await tui.waitFor(/Contexts: east \(current\), west/);

      await tui.press(":");
      tui.type("ctx north");
      await tui.press("Enter");
      await tui.waitFor(/No context "north" in the kubeconfig/);

      await tui.press(":");
      tui.type("ctx west");
      await tui.press("Enter");
      const onWest = await tui.waitFor(/cart\s+1\s+deployed/);
      expect(onWest).toMatch(/ctx west/);
      expect(onWest).not.toMatch(/shop/);

      await tui.press(":");
      tui.type("ctx east");
      await tui.press("Enter");
      await tui.waitFor(/shop\s+1\s+deployed/);

      await tui.press("q");
      await tui.waitFor(/\[exited 0\]/);
    } finally {
      tui.kill();
    }
  });
});
