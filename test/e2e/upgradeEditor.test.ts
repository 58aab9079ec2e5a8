import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install } from "../../src/engine/actions/install.js";
import type { ActionContext } from "../../src/engine/actions/context.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import type { KubeClient } from "../../src/kube/client.js";
import { engineOver } from "../support/sandboxEngine.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { TmuxSession } from "../support/tmux.js";

const webapp = resolve("demo/charts/webapp");
let fx: SandboxFixture;
let client: KubeClient;
let ctx: ActionContext;

/**
 * An $EDITOR that keeps what it was opened on: the first time it breaks the indentation, then
 * it fixes what it is given.
 */
function scriptedEditor(dir: string): string {
  const path = join(dir, "editor.sh");
  writeFileSync(
    path,
    [
      "#!/bin/sh",
      `n=$(cat "${dir}/count" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "${dir}/count"`,
      `cp "$1" "${dir}/opened-$n"`,
      `if [ $n = 1 ]; then printf 'replicaCount: 4\\n tag: broken\\n' > "$1"; else sed -i '/^ tag/d' "$1"; fi`,
      "",
    ].join("\n"),
  );
  chmodSync(path, 0o755);
  return path;
}

describe.skipIf(!TmuxSession.available())("upgrading with values edited in $EDITOR", () => {
  beforeAll(async () => {
    fx = await withSandbox();
    ({ client, ctx } = engineOver(fx.kubeconfigPath));
    const chart = await loadChart(webapp);
    await install(ctx, {
      name: "shop",
      namespace: "default",
      chart,
      userValues: { replicaCount: 2 },
    });
  });
  afterAll(async () => {
    client?.close();
    await fx?.close();
  });

  it(
    "shows where the YAML is wrong and reopens the editor on the user's own edits",
    { timeout: 120_000 },
    async () => {
      const tui = TmuxSession.wheelhouse("-n default", {
        kubeconfig: fx.kubeconfigPath,
        home: fx.dir,
        env: { EDITOR: scriptedEditor(fx.dir) },
      });
      try {
        await tui.waitFor(/shop\s+1\s+deployed/);
        await tui.press("u");
        await tui.waitFor(/Chart to upgrade to/);
        tui.type(webapp);
        await tui.press("Enter");
        await tui.waitFor(/edit the current values/);
        await tui.press("e");
        const failed = await tui.waitFor(/Upgrade failed/);
        expect(failed).toMatch(/line 2, column 5: bad indentation of a mapping entry/);
        expect(failed).toMatch(/2 \| {2}tag: broken/);
        expect(failed).toMatch(/R reopens the editor on your edits/);
        expect(readFileSync(join(fx.dir, "opened-1"), "utf8")).toBe("replicaCount: 2\n");

        await tui.press("R");
        await tui.waitFor(/this writes revision 2/);
        expect(readFileSync(join(fx.dir, "opened-2"), "utf8")).toBe(
          "replicaCount: 4\n tag: broken\n",
        );
        await tui.press("Enter");
        await tui.waitFor(/y\/N|\[y\/N\]|confirm/i);
        await tui.press("y");
        await tui.waitFor(/revision 2 is deployed/);
        const deployed = await ctx.storage.deployed("default", "shop");
        expect(deployed?.config).toEqual({ replicaCount: 4 });
        await tui.press("Escape", "q");
        await tui.waitFor(/\[exited 0\]/);
      } finally {
        tui.kill();
      }
    },
  );
});
