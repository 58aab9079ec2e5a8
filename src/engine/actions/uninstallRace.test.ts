import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeEngine, otherClient } from "../../../test/support/engine.js";
import { loadChart } from "../chart/loadChart.js";
import type { ActionContext } from "./context.js";
import { install } from "./install.js";
import { uninstall } from "./uninstall.js";
import { upgrade } from "./upgrade.js";

const webapp = () => loadChart(resolve("demo/charts/webapp"));

/**
 * A release at revision 2 (deployed) and two more clients of it, each of which a test can hold
 * at a storage call: `upgrader` and `uninstaller` (docs/release-storage.md#claiming-the-latest-revision).
 */
async function deployedTwice() {
  const engine = fakeEngine();
  const chart = await webapp();
  await install(engine.ctx, { name: "shop", namespace: "default", chart, userValues: {} });
  const up = (ctx: ActionContext) =>
    upgrade(ctx, { name: "shop", namespace: "default", chart, userValues: { replicaCount: 4 } });
  await up(engine.ctx);
  const remove = (ctx: ActionContext, keepHistory = false) =>
    uninstall(ctx, { name: "shop", namespace: "default", keepHistory });
  const live = () =>
    ["Deployment/shop-webapp", "Service/shop-webapp", "ConfigMap/shop-webapp"].filter((id) => {
      const [kind, name] = id.split("/") as [string, string];
      return engine.cluster.find(kind, name, "default") !== undefined;
    });
  return {
    engine,
    upgrader: otherClient(engine),
    uninstaller: otherClient(engine),
    up,
    remove,
    live,
  };
}

describe("upgrade racing uninstall", () => {
  it("an upgrade that creates its revision after the uninstall marked the release backs out", async () => {
    const { engine, upgrader, uninstaller, up, remove, live } = await deployedTwice();
    expect(live()).toHaveLength(3);
    // The upgrade has planned revision 3 and is about to create it ...
    const creating = upgrader.gates.hold((c) => c.op === "create");
    const upgrading = up(upgrader.ctx);
    await creating.reached;
    // ... when the uninstall marks revision 2 uninstalling.
    const marked = uninstaller.gates.hold((c) => c.op === "update", { after: true });
    const uninstalling = remove(uninstaller.ctx);
    await marked.reached;
    creating.open();
    await expect(upgrading).rejects.toThrow(
      /revision 2 of "shop" changed to uninstalling meanwhile: this upgrade applied nothing and withdrew revision 3/,
    );
    marked.open();
    await uninstalling;
    expect(await engine.statuses("shop")).toEqual([]);
    expect(live()).toEqual([]);
  });

  it("the same, keeping history: the release ends uninstalled, not upgraded", async () => {
    const { engine, upgrader, uninstaller, up, remove, live } = await deployedTwice();
    const creating = upgrader.gates.hold((c) => c.op === "create");
    const upgrading = up(upgrader.ctx);
    await creating.reached;
    const marked = uninstaller.gates.hold((c) => c.op === "update", { after: true });
    const uninstalling = remove(uninstaller.ctx, true);
    await marked.reached;
    creating.open();
    await expect(upgrading).rejects.toThrow(/uninstalling/);
    marked.open();
    await uninstalling;
    expect(await engine.statuses("shop")).toEqual(["1:superseded", "2:uninstalled"]);
    expect(live()).toEqual([]);
  });

  it("an uninstall that read the release before an upgrade finished uninstalls the upgrade", async () => {
    const { engine, uninstaller, up, remove, live } = await deployedTwice();
    // The uninstall has read revision 2 as the latest and is about to mark it ...
    const marking = uninstaller.gates.hold((c) => c.op === "update");
    const uninstalling = remove(uninstaller.ctx);
    await marking.reached;
    // ... when a whole upgrade to revision 3 runs.
    await up(engine.ctx);
    marking.open();
    await uninstalling;
    // As if they had run one after the other: nothing of revision 3 is left behind.
    expect(await engine.statuses("shop")).toEqual([]);
    expect(live()).toEqual([]);
  });

  it("an uninstall that read the release while an upgrade is under way is refused, deleting nothing", async () => {
    const { engine, upgrader, uninstaller, up, remove, live } = await deployedTwice();
    const marking = uninstaller.gates.hold((c) => c.op === "update");
    const uninstalling = remove(uninstaller.ctx);
    await marking.reached;
    // The upgrade has created revision 3 and taken revision 2 (its first write after creating).
    const applying = upgrader.gates.hold((c) => c.op === "update" && c.version === 2, {
      after: true,
    });
    const upgrading = up(upgrader.ctx);
    await applying.reached;
    marking.open();
    await expect(uninstalling).rejects.toThrow(/is locked: revision 3 is pending-upgrade/);
    applying.open();
    await upgrading;
    expect(await engine.statuses("shop")).toEqual(["1:superseded", "2:superseded", "3:deployed"]);
    expect(live()).toHaveLength(3);
  });
});
