import { describe, expect, it } from "vitest";
import { configMap, withHistory } from "../../../test/support/engine.js";
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
    expect(lock.release.version).toBe(3);
    expect(lock.ageMs).toBe(75 * 60_000);
    const recovered = await recover(engine.ctx, lock);
    expect(recovered.info.description).toMatch(
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
    const recovered = await recover(engine.ctx, await findStaleLock(engine.ctx, "demo", "default"));
    expect(recovered.info.description).toMatch(/^Recovered by wheelhouse: uninstalling for/);
    await uninstall(engine.ctx, { name: "demo", namespace: "default" });
    expect(await engine.statuses()).toEqual([]);
  });
});
