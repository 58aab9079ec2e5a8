import { describe, expect, it } from "vitest";
import { configMap, withHistory } from "../../../test/support/engine.js";
import { isUnreadable } from "../storage/driver.js";
import { findStaleLock, recover } from "./recover.js";
import { rollback } from "./rollback.js";

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
    await expect(recover(engine.ctx, lock)).rejects.toThrow(/changed to deployed meanwhile/);
  });
});
