import { describe, expect, it } from "vitest";
import { rollbackFlow } from "../../../src/state/machine/flows/rollback.js";
import { runFlow, standardBackend, web } from "./flowHarness.js";

function start(backend = standardBackend()) {
  return { backend, ...runFlow(rollbackFlow, { backend, release: web, target: 1 }) };
}

describe("rollback flow", () => {
  it("plans, waits for review and confirmation, applies, then reports the new revision", async () => {
    const { actor, backend, until, reports, ended } = start();
    expect(actor.getSnapshot().hasTag("planning")).toBe(true);
    await until((s) => s.matches("review"));
    expect(backend.lastCall("planRollback")).toEqual([web, 1]);
    expect(actor.getSnapshot().context.plan?.revision).toBe(4);
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().hasTag("confirm")).toBe(true);
    actor.send({ type: "CONFIRM" });
    expect(actor.getSnapshot().hasTag("busy")).toBe(true);
    await until((s) => s.matches("result"));
    expect(actor.getSnapshot().context.progress).toHaveLength(1);
    expect(reports).toEqual([{ type: "FLOW.APPLIED", revision: 4 }]);
    actor.send({ type: "DISMISS" });
    expect(ended()).toBe(true);
  });

  it("ends on Esc while planning, reviewing or confirming, without applying", async () => {
    const held = standardBackend();
    held.hold("planRollback");
    const planning = start(held);
    planning.actor.send({ type: "CANCEL" });
    expect(planning.ended()).toBe(true);
    for (const steps of [[], ["NEXT"]] as const) {
      const { actor, backend, until, ended, reports } = start();
      await until((s) => s.matches("review"));
      for (const step of steps) actor.send({ type: step });
      actor.send({ type: "CANCEL" });
      expect(ended()).toBe(true);
      expect(backend.count("executeRollback")).toBe(0);
      expect(reports).toEqual([]);
    }
  });

  it("reports a failed apply as a change too, and retries by planning again", async () => {
    const { actor, backend, until, reports } = start();
    backend.fail("executeRollback", new Error("timed out waiting for Deployment prod/web"));
    await until((s) => s.matches("review"));
    actor.send({ type: "CONFIRM" });
    actor.send({ type: "CONFIRM" });
    await until((s) => s.matches("failed"));
    expect(actor.getSnapshot().context.error?.message).toMatch(/timed out/);
    expect(reports).toEqual([{ type: "FLOW.APPLIED" }]);
    backend.succeed("executeRollback");
    actor.send({ type: "RETRY" });
    expect(actor.getSnapshot().matches("planning")).toBe(true);
    await until((s) => s.matches("review"));
  });
});
