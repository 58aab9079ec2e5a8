import { describe, expect, it } from "vitest";
import type { ValuesEditor } from "../../../src/state/appTypes.js";
import { upgradeFlow } from "../../../src/state/machine/flows/upgrade.js";
import { runFlow, standardBackend, web } from "./flowHarness.js";

function start(editor?: ValuesEditor) {
  const backend = standardBackend();
  return { backend, ...runFlow(upgradeFlow, { backend, release: web, editor }) };
}

describe("upgrade flow", () => {
  it("takes a chart and values, plans with them, applies and reports the new revision", async () => {
    const { actor, backend, until, reports, ended } = start();
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().matches("chart")).toBe(true);
    actor.send({ type: "UPGRADE.CHART", chart: " ./charts/web " });
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().hasTag("upgrade.values")).toBe(true);
    actor.send({ type: "UPGRADE.VALUES", values: { mode: "reset" } });
    await until((s) => s.matches("review"));
    expect(backend.lastCall("planUpgrade")).toEqual([
      { release: web, chart: "./charts/web", values: { mode: "reset" } },
    ]);
    actor.send({ type: "NEXT" });
    actor.send({ type: "CONFIRM" });
    await until((s) => s.matches("result"));
    expect(actor.getSnapshot().context.result?.notes).toBe("upgraded to ./charts/web");
    expect(reports).toEqual([{ type: "FLOW.APPLIED", revision: 4 }]);
    actor.send({ type: "DISMISS" });
    expect(ended()).toBe(true);
  });

  it("plans with the values saved in the editor", async () => {
    const { actor, backend, until, reports } = start(async () => "replicas: 5\n");
    actor.send({ type: "UPGRADE.CHART", chart: "./web" });
    actor.send({ type: "NEXT" });
    actor.send({ type: "UPGRADE.EDIT" });
    await until((s) => s.hasTag("upgrade.editing"));
    await until((s) => s.matches("review"));
    expect(backend.lastCall("planUpgrade")?.[0]).toMatchObject({
      values: { mode: "edited", yaml: "replicas: 5\n" },
    });
    expect(reports).toEqual([{ type: "FLOW.NOTICE", notice: undefined }]);
  });

  it("tells the app why values cannot be edited, and stays on the values step", async () => {
    const none = start();
    none.actor.send({ type: "UPGRADE.CHART", chart: "./web" });
    none.actor.send({ type: "NEXT" });
    none.actor.send({ type: "UPGRADE.EDIT" });
    expect(none.actor.getSnapshot().matches("values")).toBe(true);
    expect(none.reports).toEqual([
      { type: "FLOW.NOTICE", notice: "No editor: set $VISUAL or $EDITOR" },
    ]);

    const failing = start(async () => {
      throw new Error("vim exited with 1");
    });
    failing.actor.send({ type: "UPGRADE.CHART", chart: "./web" });
    failing.actor.send({ type: "NEXT" });
    failing.actor.send({ type: "UPGRADE.EDIT" });
    await failing.until((s) => s.matches("values"));
    expect(failing.reports.at(-1)).toEqual({
      type: "FLOW.NOTICE",
      notice: "Editing values failed: vim exited with 1",
    });
  });

  it("ends on Esc at the chart step", () => {
    const { actor, ended } = start();
    actor.send({ type: "CANCEL" });
    expect(ended()).toBe(true);
  });
});
