import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install } from "../../src/engine/actions/install.js";
import { upgrade } from "../../src/engine/actions/upgrade.js";
import type { ActionContext } from "../../src/engine/actions/context.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import type { KubeClient } from "../../src/kube/client.js";
import { engineOver } from "../support/sandboxEngine.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { TmuxSession } from "../support/tmux.js";

let fx: SandboxFixture;
let client: KubeClient;
let ctx: ActionContext;

describe.skipIf(!TmuxSession.available())("the terminal UI in a real terminal", () => {
  beforeAll(async () => {
    fx = await withSandbox();
    ({ client, ctx } = engineOver(fx.kubeconfigPath));
    const chart = await loadChart(resolve("demo/charts/webapp"));
    const shop = { name: "shop", namespace: "default", chart };
    await install(ctx, { ...shop, userValues: { replicaCount: 1 } });
    await upgrade(ctx, { ...shop, userValues: { replicaCount: 2, image: { tag: "2.5.0" } } });
    await upgrade(ctx, { ...shop, userValues: { replicaCount: 3, image: { tag: "2.6.0" } } });
  });
  afterAll(async () => {
    client?.close();
    await fx?.close();
  });

  it(
    "diffs two revisions and rolls back to the first, as a user would",
    { timeout: 120_000 },
    async () => {
      const tui = TmuxSession.wheelhouse("-n default", {
        kubeconfig: fx.kubeconfigPath,
        home: fx.dir,
      });
      try {
        await tui.waitFor(/shop\s+3\s+deployed/);

        tui.keys("Enter"); // open the selected release's history
        await tui.waitFor(/1 superseded/);
        await tui.press("g", "Space", "j", "d"); // mark revision 1, move to 2, diff the two
        const diff = await tui.waitFor(/replicas: 2/);
        expect(diff).toMatch(/-\s+replicas: 1/);
        expect(diff).toMatch(/\+\s+image: "ghcr\.io\/example\/webapp:2\.5\.0"/);

        await tui.press("Escape");
        await tui.waitFor(/History default\/shop/);
        await tui.press("g", "r"); // roll back to revision 1: review the diff first
        await tui.waitFor(/Roll back default\/shop to revision 1/);
        await tui.press("Enter");
        await tui.waitFor(/y\/N|\[y\/N\]|confirm/i);
        await tui.press("y");
        const done = await tui.waitFor(/revision 4 is deployed/);
        expect(done).toContain("Rolled back");

        const history = await ctx.storage.refs("default", "shop");
        expect(history.map((r) => `${r.version}:${r.status}`)).toEqual([
          "1:superseded",
          "2:superseded",
          "3:superseded",
          "4:deployed",
        ]);
        const live = await client.objects.get({
          apiVersion: "apps/v1",
          kind: "Deployment",
          namespace: "default",
          name: "shop-webapp",
        });
        expect((live?.spec as { replicas: number }).replicas).toBe(1);

        await tui.press("Escape", "q");
        const after = await tui.waitFor(/\[exited 0\]/);
        // The alternate screen is gone: the UI's frame is not left on the terminal.
        expect(after).not.toContain("History default/shop");
      } finally {
        tui.kill();
      }
    },
  );
});
