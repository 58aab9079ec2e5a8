/**
 * The UI over the engine on the sandbox (issue 15): a release uninstalled with its history kept
 * has nothing deployed, and rolling it back is previewed as every object added.
 */
import { resolve } from "node:path";
import { render } from "ink-testing-library";
import React from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionContext } from "../../src/engine/actions/context.js";
import { install } from "../../src/engine/actions/install.js";
import { uninstall } from "../../src/engine/actions/uninstall.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import type { KubeClient } from "../../src/kube/client.js";
import { EngineBackend } from "../../src/state/engineBackend.js";
import { App } from "../../src/ui/App.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { engineOver } from "../support/sandboxEngine.js";
import { KEY } from "../ui/harness.js";

let fx: SandboxFixture;
let client: KubeClient;
let ctx: ActionContext;
const legacy = { name: "legacy", namespace: "default" };

beforeAll(async () => {
  fx = await withSandbox();
  ({ client, ctx } = engineOver(fx.kubeconfigPath));
  await install(ctx, {
    ...legacy,
    chart: await loadChart(resolve("demo/charts/webapp")),
    userValues: {},
  });
  await uninstall(ctx, { ...legacy, keepHistory: true });
});
afterAll(async () => {
  client.close();
  await fx.close();
});

describe("the UI on a release uninstalled with its history kept", () => {
  it("previews its rollback as every object added, then rolls it back", async () => {
    const backend = new EngineBackend(ctx, client, process.cwd());
    const app = render(<App backend={backend} options={{ readonly: false }} noColor />);
    const frame = () => app.lastFrame() ?? "";
    const press = async (...keys: string[]) => {
      for (const key of keys) {
        app.stdin.write(key);
        await new Promise((r) => setTimeout(r, 30));
      }
    };
    try {
      await expect.poll(frame).toMatch(/legacy\s+1\s+uninstalled/);
      await press(KEY.enter);
      await expect.poll(frame).toMatch(/History default\/legacy[\s\S]*1 uninstalled/);
      await press("r");
      await expect
        .poll(frame, { timeout: 10_000 })
        .toMatch(/legacy to revision 1[\s\S]*resource 1\//);
      expect(frame()).toContain("Nothing deployed → revision 1; this writes revision 2.");
      expect(frame()).toMatch(/\+\d+ ~0 -0/);
      expect(frame()).not.toContain("has no deployed revision");
      await press(KEY.enter, "y");
      await expect
        .poll(frame, { timeout: 10_000 })
        .toContain("Rolled back: revision 2 is deployed");
    } finally {
      app.unmount();
      backend.close();
    }
  });
});
