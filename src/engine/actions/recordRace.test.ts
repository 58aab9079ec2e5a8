import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { configMap, fakeEngine, otherClient } from "../../../test/support/engine.js";
import { makeRelease } from "../../../test/support/releases.js";
import { loadChart } from "../chart/loadChart.js";
import type { Hook } from "../release/types.js";
import { install } from "./install.js";
import { findStaleLock, recover } from "./recover.js";
import { rollback } from "./rollback.js";
import { testRelease } from "./test.js";
import { uninstall } from "./uninstall.js";
import { upgrade } from "./upgrade.js";

const webapp = () => loadChart(resolve("demo/charts/webapp"));

const testHook: Hook = {
  name: "demo-check",
  kind: "Pod",
  path: "web/templates/tests/check.yaml",
  manifest:
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo-check\n  annotations:\n    helm.sh/hook: test\nspec:\n  restartPolicy: Never\n  containers: []",
  events: ["test"],
  last_run: { phase: "" },
  weight: 0,
};

/** demo at revision 2 (deployed, with a test hook) over revision 1. */
async function withTests() {
  const engine = fakeEngine();
  await engine.driver.create(
    makeRelease({ version: 1, status: "superseded", manifest: configMap("one") }),
  );
  await engine.driver.create(
    makeRelease({ version: 2, manifest: configMap("two"), hooks: [structuredClone(testHook)] }),
  );
  return engine;
}

describe("who takes what: operations that race on the records", () => {
  it("a test run records its results without resurrecting the revision a rollback superseded", async () => {
    const engine = await withTests();
    const tester = otherClient(engine);
    // The test has read revision 2 and is about to record its first hook's start ...
    const recording = tester.gates.hold((c) => c.op === "update");
    const testing = testRelease(tester.ctx, "demo", "default");
    await recording.reached;
    // ... when a rollback to revision 1 supersedes revision 2.
    await rollback(engine.ctx, { name: "demo", namespace: "default", revision: 1 });
    recording.open();
    await testing;
    expect(await engine.statuses()).toEqual(["1:superseded", "2:superseded", "3:deployed"]);
    const tested = await engine.ctx.storage.get("default", "demo", 2);
    expect(tested.hooks?.[0]?.last_run.phase).toBe("Succeeded");
  });

  it("an uninstall racing another uninstall is refused while the first holds the release", async () => {
    const engine = await withTests();
    const first = otherClient(engine);
    const marked = first.gates.hold((c) => c.op === "update", { after: true });
    const uninstalling = uninstall(first.ctx, { name: "demo", namespace: "default" });
    await marked.reached;
    await expect(uninstall(engine.ctx, { name: "demo", namespace: "default" })).rejects.toThrow(
      /is locked: revision 2 is uninstalling/,
    );
    marked.open();
    await uninstalling;
    expect(await engine.statuses()).toEqual([]);
  });

  it("an upgrade whose pending revision recover marked failed stops without overwriting it", async () => {
    const engine = fakeEngine();
    const chart = await webapp();
    await install(engine.ctx, { name: "shop", namespace: "default", chart, userValues: {} });
    const upgrader = otherClient(engine);
    // The upgrade has created revision 2 and gone on to apply it, taking its time ...
    const applying = upgrader.gates.hold((c) => c.op === "create", { after: true });
    const upgrading = upgrade(upgrader.ctx, {
      name: "shop",
      namespace: "default",
      chart,
      userValues: { replicaCount: 5 },
    });
    await applying.reached;
    // ... when someone decides it died and recovers the release.
    await recover(engine.ctx, await findStaleLock(engine.ctx, "shop", "default"));
    applying.open();
    await expect(upgrading).rejects.toThrow(
      /revision 2 of release "shop" was changed by another client while this operation held it as pending-upgrade: it is now failed \(Recovered by wheelhouse/,
    );
    expect(await engine.statuses("shop")).toEqual(["1:deployed", "2:failed"]);
  });

  it("a rollback that creates its revision after an uninstall marked the release backs out", async () => {
    const engine = await withTests();
    const rollingBack = otherClient(engine);
    const uninstaller = otherClient(engine);
    const creating = rollingBack.gates.hold((c) => c.op === "create");
    const rolling = rollback(rollingBack.ctx, { name: "demo", namespace: "default" });
    await creating.reached;
    const marked = uninstaller.gates.hold((c) => c.op === "update", { after: true });
    const uninstalling = uninstall(uninstaller.ctx, { name: "demo", namespace: "default" });
    await marked.reached;
    creating.open();
    await expect(rolling).rejects.toThrow(
      /revision 2 of "demo" changed to uninstalling meanwhile: this rollback applied nothing and withdrew revision 3/,
    );
    marked.open();
    await uninstalling;
    expect(await engine.statuses()).toEqual([]);
    expect(engine.cluster.find("ConfigMap", "settings", "default")).toBeUndefined();
  });

  it("a rollback whose target another client pruned meanwhile says so", async () => {
    const engine = await withTests();
    const rollingBack = otherClient(engine);
    const listed = rollingBack.gates.hold((c) => c.op === "listRefs", { after: true });
    const rolling = rollback(rollingBack.ctx, { name: "demo", namespace: "default" });
    await listed.reached;
    await engine.driver.delete("default", "demo", 1);
    listed.open();
    await expect(rolling).rejects.toThrow(
      /revision 1 of "demo" was deleted meanwhile \(pruned or uninstalled by another client\); nothing was rolled back/,
    );
    expect(await engine.statuses()).toEqual(["2:deployed"]);
  });

  it("of two installs of one name, the one that loses the create applies nothing", async () => {
    const engine = fakeEngine();
    const chart = await webapp();
    const slow = otherClient(engine);
    const creating = slow.gates.hold((c) => c.op === "create");
    const losing = install(slow.ctx, { name: "shop", namespace: "default", chart, userValues: {} });
    await creating.reached;
    await install(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart,
      userValues: { replicaCount: 3 },
    });
    creating.open();
    await expect(losing).rejects.toThrow(
      /revision 1 of release "shop" .* was created by another client first/,
    );
    expect(await engine.statuses("shop")).toEqual(["1:deployed"]);
    expect(engine.cluster.find("Deployment", "shop-webapp", "default")?.spec).toMatchObject({
      replicas: 3,
    });
  });

  it("a reinstall racing the purge of an uninstalled release's history backs out", async () => {
    const engine = fakeEngine();
    const chart = await webapp();
    const opts = { name: "shop", namespace: "default", chart, userValues: {} };
    await install(engine.ctx, opts);
    await uninstall(engine.ctx, { name: "shop", namespace: "default", keepHistory: true });
    const installer = otherClient(engine);
    const purger = otherClient(engine);
    const creating = installer.gates.hold((c) => c.op === "create");
    const reinstalling = upgrade(installer.ctx, { ...opts, install: true });
    await creating.reached;
    const marked = purger.gates.hold((c) => c.op === "update", { after: true });
    const purging = uninstall(purger.ctx, { name: "shop", namespace: "default" });
    await marked.reached;
    creating.open();
    await expect(reinstalling).rejects.toThrow(
      /revision 1 of "shop" changed to uninstalling meanwhile: this install applied nothing/,
    );
    marked.open();
    await expect(purging).resolves.toMatchObject({ purged: [1] });
    expect(await engine.statuses("shop")).toEqual([]);
    expect(engine.cluster.find("Deployment", "shop-webapp", "default")).toBeUndefined();
  });
});
