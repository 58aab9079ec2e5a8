import { describe, expect, it } from "vitest";
import { configMap, withHistory } from "../../../test/support/engine.js";
import { isUnreadable } from "../storage/driver.js";
import { findStaleLock, recover } from "./recover.js";
import { rollback } from "./rollback.js";
import { uninstall } from "./uninstall.js";

describe("recover", () => {
  it("marks a stale pending revision failed, after which operations work again", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["deployed", configMap("two")],
      ["pending-upgrade", configMap("three")],
    ]);
    // The pending revision was written at 04:00 (makeRelease); the clock reads 05:15.
    engine.advance(15 * 60_000);
    const lock = await findStaleLock(engine.ctx, "demo", "default");
    expect(lock.release?.version).toBe(3);
    expect(lock.ageMs).toBe(75 * 60_000);
    const recovered = await recover(engine.ctx, lock);
    expect(isUnreadable(recovered) ? "" : recovered.info.description).toMatch(
      /^Recovered by wheelhouse: pending-upgrade for 75m without finishing/,
    );
    expect(await engine.statuses()).toEqual(["1:superseded", "2:deployed", "3:failed"]);
    await rollback(engine.ctx, { name: "demo", namespace: "default", revision: 1 });
    expect(await engine.statuses()).toEqual([
      "1:superseded",
      "2:superseded",
      "3:failed",
      "4:deployed",
    ]);
  });

  it("says there is nothing to recover when the release is not locked", async () => {
    const engine = await withHistory([["deployed", configMap("one")]]);
    await expect(findStaleLock(engine.ctx, "demo", "default")).rejects.toThrow(
      'release "demo" is not locked: its latest revision 1 is deployed',
    );
  });

  it("does nothing if the pending revision finished while the user was deciding", async () => {
    const engine = await withHistory([["pending-install", configMap("one")]]);
    const lock = await findStaleLock(engine.ctx, "demo", "default");
    const finished = await engine.ctx.storage.get("default", "demo", 1);
    finished.info.status = "deployed";
    await engine.ctx.storage.update(finished);
    await expect(recover(engine.ctx, lock)).rejects.toThrow(
      /revision 1 of "demo" changed to deployed meanwhile \(.*\); nothing recovered/,
    );
  });

  it("does nothing if the operation wrote its pending revision since it was shown: it is alive", async () => {
    const engine = await withHistory([
      ["deployed", configMap("one")],
      ["pending-upgrade", configMap("two")],
    ]);
    const lock = await findStaleLock(engine.ctx, "demo", "default");
    // The upgrade records a hook's progress: same status, new resourceVersion.
    const progress = await engine.ctx.storage.get("default", "demo", 2);
    progress.info.description = "Preparing upgrade (hook running)";
    await engine.ctx.storage.update(progress);
    await expect(recover(engine.ctx, lock)).rejects.toThrow(
      /revision 2 of "demo" was written meanwhile, still pending-upgrade: its operation is alive/,
    );
    expect(await engine.statuses()).toEqual(["1:deployed", "2:pending-upgrade"]);
  });

  it("unlocks a release an uninstall died on, so that uninstalling it again works", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["uninstalling", configMap("two")],
    ]);
    await expect(uninstall(engine.ctx, { name: "demo", namespace: "default" })).rejects.toThrow(
      /is locked: revision 2 is uninstalling/,
    );
    await recover(engine.ctx, await findStaleLock(engine.ctx, "demo", "default"));
    expect((await engine.ctx.storage.get("default", "demo", 2)).info.description).toMatch(
      /^Recovered by wheelhouse: uninstalling for/,
    );
    await uninstall(engine.ctx, { name: "demo", namespace: "default" });
    expect(await engine.statuses()).toEqual([]);
  });

  describe("a pending revision whose record cannot be read", () => {
    const plantUnreadable = async () => {
      const engine = await withHistory([
        ["superseded", configMap("one")],
        ["deployed", configMap("two")],
      ]);
      const labels = { name: "demo", owner: "helm", status: "pending-upgrade", version: "3" };
      engine.driver.putRaw("default", "sh.helm.release.v1.demo.v3", labels, "garbage!");
      return engine;
    };

    it("is marked failed by its status label alone, its payload kept, and work goes on", async () => {
      const engine = await plantUnreadable();
      const lock = await findStaleLock(engine.ctx, "demo", "default");
      expect(lock.unreadable).toMatchObject({ version: 3, status: "pending-upgrade" });
      expect(lock.unreadable && lock.record).toMatchObject({
        bytes: 8,
        labels: { status: "pending-upgrade" },
      });
      await recover(engine.ctx, lock);
      const raw = engine.driver.getRaw("default", "sh.helm.release.v1.demo.v3");
      expect(raw?.payload).toBe("garbage!");
      expect(raw?.labels.status).toBe("failed");
      expect(raw?.annotations?.["wheelhouse.dev/relabelled"]).toMatch(/its payload is not base64/);
      expect(await engine.statuses()).toEqual(["1:superseded", "2:deployed", "3:failed"]);
      await rollback(engine.ctx, { name: "demo", namespace: "default", revision: 1 });
      expect(await engine.statuses()).toEqual([
        "1:superseded",
        "2:superseded",
        "3:failed",
        "4:deployed",
      ]);
    });

    it("is left alone if its record changed while the user was deciding", async () => {
      const engine = await plantUnreadable();
      const lock = await findStaleLock(engine.ctx, "demo", "default");
      const seen = await engine.driver.inspect("default", "demo", 3);
      await engine.driver.relabel(seen, "pending-upgrade", "someone else was here");
      await expect(recover(engine.ctx, lock)).rejects.toThrow(
        /sh\.helm\.release\.v1\.demo\.v3 changed since it was read; nothing was changed/,
      );
      expect(await engine.statuses()).toEqual(["1:superseded", "2:deployed", "3:pending-upgrade"]);
    });
  });
});
