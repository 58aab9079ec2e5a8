import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install } from "../../src/engine/actions/install.js";
import type { ActionContext } from "../../src/engine/actions/context.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import type { KubeClient } from "../../src/kube/client.js";
import { engineOver } from "../support/sandboxEngine.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { TmuxSession } from "../support/tmux.js";

const run = promisify(execFile);
let fx: SandboxFixture;
let client: KubeClient;
let ctx: ActionContext;

async function kubectl(...args: string[]): Promise<void> {
  // Async: the sandbox answers from this process, so a synchronous child would hang it.
  await run("kubectl", args, { env: { ...process.env, KUBECONFIG: fx.kubeconfigPath } });
}

describe.skipIf(!TmuxSession.available())("the status pane in a real terminal", () => {
  beforeAll(async () => {
    fx = await withSandbox();
    ({ client, ctx } = engineOver(fx.kubeconfigPath));
    const chart = await loadChart(resolve("demo/charts/webapp"));
    await install(ctx, {
      name: "shop",
      namespace: "default",
      chart,
      userValues: { replicaCount: 3 },
    });
  });
  afterAll(async () => {
    client?.close();
    await fx?.close();
  });

  it(
    "shows an outside kubectl scale and delete without a key press",
    { timeout: 120_000 },
    async () => {
      const tui = TmuxSession.wheelhouse("-n default", {
        kubeconfig: fx.kubeconfigPath,
        home: fx.dir,
      });
      try {
        await tui.waitFor(/shop\s+1\s+deployed/);
        tui.keys("Enter");
        await tui.waitFor(/Deployment\s+default\/shop-webapp\s+3\/3 replicas/);

        await kubectl("scale", "deployment/shop-webapp", "--replicas=4", "-n", "default");
        // The replicas kubectl set are drift too: the DRIFT column counts the field.
        const scaled = await tui.waitFor(
          /Deployment\s+default\/shop-webapp\s+1 field\s+4\/4 replica/,
        );
        expect(scaled).toContain("Status default/shop");

        await kubectl("delete", "service/shop-webapp", "-n", "default");
        await tui.waitFor(/missing\s+Service\s+default\/shop-webapp/);
      } finally {
        tui.kill();
      }
    },
  );
});
