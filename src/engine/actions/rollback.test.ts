import { describe, expect, it } from "vitest";
import { configMap, service, withHistory } from "../../../test/support/engine.js";
import { ReleaseLockedError } from "../release/lock.js";
import { OperationFailedError } from "./errors.js";
import { rollback } from "./rollback.js";

describe("rollback", () => {
  it("rolls back to the chosen revision and supersedes the deployed one", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["deployed", configMap("two") + service],
    ]);
    const result = await rollback(engine.ctx, { name: "demo", namespace: "default", revision: 1 });
    expect(result).toMatchObject({
      version: 3,
      info: { status: "deployed", description: "Rollback to 1" },
    });
    expect(await engine.statuses()).toEqual(["1:superseded", "2:superseded", "3:deployed"]);
    expect(engine.cluster.find("ConfigMap", "settings")?.data).toEqual({ value: "one" });
    expect(engine.cluster.find("Service", "web")).toBeUndefined();
  });

  it("copies chart, values and manifest from the target without re-rendering", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["deployed", configMap("two")],
    ]);
    await rollback(engine.ctx, { name: "demo", namespace: "default", revision: 1 });
    const stored = await engine.ctx.storage.get("default", "demo", 3);
    const target = await engine.ctx.storage.get("default", "demo", 1);
    expect(stored.manifest).toBe(target.manifest);
    expect(stored.config).toEqual({ value: "v1" });
    expect(stored.chart).toEqual(target.chart);
  });

  it("defaults to the latest revision minus one, even when that one failed", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["deployed", configMap("two")],
      ["failed", configMap("three")],
    ]);
    const result = await rollback(engine.ctx, { name: "demo", namespace: "default" });
    expect(result.info.description).toBe("Rollback to 2");
  });

  it("refuses a revision that is not in history, listing the ones that are", async () => {
    const engine = await withHistory([["deployed", configMap("one")]]);
    await expect(
      rollback(engine.ctx, { name: "demo", namespace: "default", revision: 7 }),
    ).rejects.toThrow('release "demo" has no revision 7');
    await expect(rollback(engine.ctx, { name: "demo", namespace: "default" })).rejects.toThrow(
      /no earlier revision/,
    );
  });

  it("refuses while another operation holds the lock", async () => {
    const engine = await withHistory([
      ["deployed", configMap("one")],
      ["pending-upgrade", configMap("two")],
    ]);
    await expect(
      rollback(engine.ctx, { name: "demo", namespace: "default", revision: 1 }),
    ).rejects.toThrow(ReleaseLockedError);
    expect(await engine.statuses()).toEqual(["1:deployed", "2:pending-upgrade"]);
  });

  it("records a failed apply on the new revision and keeps the deployed one deployed", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["deployed", configMap("two")],
    ]);
    // The seeded records carry no apply method, as helm 3's: the rollback patches client-side.
    engine.cluster.failOn("patch", /ConfigMap/, new Error("the server is on fire"));
    const attempt = rollback(engine.ctx, { name: "demo", namespace: "default", revision: 1 });
    await expect(attempt).rejects.toThrow(OperationFailedError);
    expect(await engine.statuses()).toEqual(["1:superseded", "2:deployed", "3:failed"]);
    const failed = await engine.ctx.storage.get("default", "demo", 3);
    expect(failed.info.description).toBe(
      'Rollback "demo" failed: failed to apply ConfigMap default/settings: the server is on fire',
    );
  });

  it("prunes history beyond --history-max but keeps the deployed revision", async () => {
    const engine = await withHistory([
      ["superseded", configMap("1")],
      ["superseded", configMap("2")],
      ["superseded", configMap("3")],
      ["deployed", configMap("4")],
    ]);
    await rollback(engine.ctx, { name: "demo", namespace: "default", revision: 3, historyMax: 3 });
    expect(await engine.statuses()).toEqual(["3:superseded", "4:superseded", "5:deployed"]);
  });
});

describe("rollback hooks", () => {
  it("runs the target revision's rollback hooks and fails the revision when one fails", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["deployed", configMap("two")],
    ]);
    const target = await engine.ctx.storage.get("default", "demo", 1);
    target.hooks = [
      {
        name: "check",
        kind: "Job",
        path: "web/templates/check.yaml",
        manifest: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: check\n",
        events: ["pre-rollback"],
        last_run: { phase: "" },
        weight: 0,
      },
    ];
    await engine.ctx.storage.update(target);
    engine.cluster.workloadOutcome = "fail";
    await expect(
      rollback(engine.ctx, { name: "demo", namespace: "default", revision: 1 }),
    ).rejects.toThrow(/Rollback "demo" failed: pre-rollback hook web\/templates\/check.yaml/);
    expect(await engine.statuses()).toEqual(["1:superseded", "2:deployed", "3:failed"]);
    const failed = await engine.ctx.storage.get("default", "demo", 3);
    expect(failed.hooks?.[0]?.last_run.phase).toBe("Failed");
    expect(engine.cluster.find("ConfigMap", "settings")?.data).toEqual({ value: "two" });
  });
});

describe("rollback after review", () => {
  it("refuses when the release changed since the reviewed diff", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["superseded", configMap("two")],
      ["deployed", configMap("three")],
    ]);
    await expect(
      rollback(engine.ctx, {
        name: "demo",
        namespace: "default",
        revision: 1,
        expectedRevision: 3,
      }),
    ).rejects.toThrow(
      'release "demo" changed since the diff was computed: it is now at revision 3',
    );
    expect(await engine.statuses()).toEqual(["1:superseded", "2:superseded", "3:deployed"]);
    await rollback(engine.ctx, {
      name: "demo",
      namespace: "default",
      revision: 1,
      expectedRevision: 4,
    });
    expect(await engine.statuses()).toContain("4:deployed");
  });
});
