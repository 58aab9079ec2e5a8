import { describe, expect, it } from "vitest";
import { recoverFlow } from "../../../src/state/machine/flows/recover.js";
import { runFlow, standardBackend } from "./flowHarness.js";

const api = { name: "api", namespace: "prod" };

function start() {
  const backend = standardBackend();
  backend.release(api)!.revisions[0]!.status = "pending-upgrade";
  return { backend, ...runFlow(recoverFlow, { backend, release: api, status: "pending-upgrade" }) };
}

describe("recover flow", () => {
  it("marks the pending revision failed after confirmation, and says so", async () => {
    const { actor, backend, until, reports } = start();
    expect(actor.getSnapshot().hasTag("confirm")).toBe(true);
    actor.send({ type: "CONFIRM" });
    expect(actor.getSnapshot().hasTag("busy")).toBe(true);
    await until((s) => s.status === "done");
    expect(backend.lastCall("recover")).toEqual([api]);
    expect(reports).toEqual([
      {
        type: "FLOW.NOTICE",
        notice: "Recovered prod/api: its pending-upgrade revision is now failed",
      },
      { type: "FLOW.APPLIED" },
    ]);
  });

  it("ends on n without recovering", () => {
    const { actor, backend, ended } = start();
    actor.send({ type: "DENY" });
    expect(ended()).toBe(true);
    expect(backend.count("recover")).toBe(0);
  });

  it("shows a failure that can be retried", async () => {
    const { actor, backend, until, reports } = start();
    backend.fail("recover", new Error("release is locked by a running operation"));
    actor.send({ type: "CONFIRM" });
    await until((s) => s.matches("failed"));
    expect(actor.getSnapshot().context.error?.message).toMatch(/locked/);
    expect(reports).toEqual([]);
    actor.send({ type: "RETRY" });
    expect(actor.getSnapshot().matches("confirm")).toBe(true);
  });
});
