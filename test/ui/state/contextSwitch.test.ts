import { describe, expect, it } from "vitest";
import { contextSwitchFlow } from "../../../src/state/machine/flows/contextSwitch.js";
import { FakeBackend } from "./harness.js";
import { runFlow, standardBackend } from "./flowHarness.js";

describe("context switch flow", () => {
  it("hands the app the other context's backend", async () => {
    const backend = standardBackend();
    const staging = new FakeBackend();
    backend.otherContexts.set("staging-eu", staging);
    const { actor, until, reports } = runFlow(contextSwitchFlow, { backend, name: "staging-eu" });
    expect(actor.getSnapshot().hasTag("boot")).toBe(true);
    await until((s) => s.status === "done");
    expect(reports).toEqual([{ type: "CONTEXT.SWITCHED", backend: staging }]);
  });

  it("tells the app why it could not switch", async () => {
    const { until, reports } = runFlow(contextSwitchFlow, {
      backend: standardBackend(),
      name: "nowhere",
    });
    await until((s) => s.status === "done");
    expect(reports).toEqual([
      {
        type: "CONTEXT.SWITCH_FAILED",
        notice: 'Cannot switch to context "nowhere": context "nowhere" not found in the kubeconfig',
        error: { message: 'context "nowhere" not found in the kubeconfig' },
      },
    ]);
  });
});
