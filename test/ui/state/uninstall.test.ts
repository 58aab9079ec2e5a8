import { describe, expect, it } from "vitest";
import { uninstallFlow } from "../../../src/state/machine/flows/uninstall.js";
import { runFlow, standardBackend, web } from "./flowHarness.js";

function start() {
  const backend = standardBackend();
  return { backend, ...runFlow(uninstallFlow, { backend, release: web }) };
}

describe("uninstall flow", () => {
  it("uninstalls once the name is typed, and reports the release and the keep-history choice", async () => {
    const { actor, backend, until, reports, ended } = start();
    expect(actor.getSnapshot().hasTag("uninstall.confirm")).toBe(true);
    actor.send({ type: "UNINSTALL.TYPE", text: "we" });
    actor.send({ type: "CONFIRM" });
    expect(actor.getSnapshot().matches("confirm")).toBe(true);
    actor.send({ type: "UNINSTALL.TYPE", text: "web" });
    actor.send({ type: "UNINSTALL.TOGGLE_KEEP_HISTORY" });
    actor.send({ type: "CONFIRM" });
    expect(actor.getSnapshot().hasTag("busy")).toBe(true);
    await until((s) => s.status === "done");
    expect(backend.lastCall("uninstall")).toEqual([web, { keepHistory: true }]);
    expect(reports).toEqual([{ type: "FLOW.UNINSTALLED", release: web, keepHistory: true }]);
    expect(ended()).toBe(true);
  });

  it("ends on Esc or n without uninstalling", () => {
    for (const type of ["CANCEL", "DENY"] as const) {
      const { actor, backend, ended, reports } = start();
      actor.send({ type: "UNINSTALL.TYPE", text: "web" });
      actor.send({ type });
      expect(ended()).toBe(true);
      expect(backend.count("uninstall")).toBe(0);
      expect(reports).toEqual([]);
    }
  });

  it("reports a failure as a change, and asks for the name again on retry", async () => {
    const { actor, backend, until, reports } = start();
    backend.fail("uninstall", new Error("forbidden: delete deployments"));
    actor.send({ type: "UNINSTALL.TYPE", text: "web" });
    actor.send({ type: "CONFIRM" });
    await until((s) => s.matches("failed"));
    expect(actor.getSnapshot().context.error?.message).toMatch(/forbidden/);
    expect(reports).toEqual([{ type: "FLOW.APPLIED" }]);
    actor.send({ type: "RETRY" });
    expect(actor.getSnapshot().matches("confirm")).toBe(true);
    expect(actor.getSnapshot().context.typed).toBe("");
  });
});
