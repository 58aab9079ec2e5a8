import { describe, expect, it } from "vitest";
import { createActor, createMachine, waitFor, type AnyStateMachine } from "xstate";
import { appMachine } from "../../../src/state/appMachine.js";
import type { FlowEvent } from "../../../src/state/appTypes.js";
import { selectScreen } from "../../../src/state/selectors.js";
import { standardBackend } from "./harness.js";

/** The app with its uninstall flow replaced, on the releases pane with a release under the cursor. */
async function appWithUninstall(flow: AnyStateMachine) {
  const backend = standardBackend();
  backend.clusterInfo.namespace = "prod";
  const machine = appMachine.provide({ actors: { uninstallFlow: flow as never } });
  const actor = createActor(machine, {
    input: { backend, options: { readonly: false } },
  }).start();
  await waitFor(actor, (s) => s.matches({ app: { list: "ready" } }), { timeout: 2000 });
  return actor;
}

const flowKeys: FlowEvent[] = [
  { type: "NEXT" },
  { type: "CONFIRM" },
  { type: "DENY" },
  { type: "CANCEL" },
  { type: "DISMISS" },
  { type: "RETRY" },
  { type: "UPGRADE.CHART", chart: "./web" },
  { type: "UPGRADE.VALUES", values: { mode: "reuse" } },
  { type: "UPGRADE.EDIT" },
  { type: "UNINSTALL.TYPE", text: "web" },
  { type: "UNINSTALL.TOGGLE_KEEP_HISTORY" },
];

describe("app machine: the flow in front", () => {
  it("passes the flows' keys on to the flow in front, and keeps its own", async () => {
    const seen: string[] = [];
    const actor = await appWithUninstall(
      createMachine({ on: { "*": { actions: ({ event }) => seen.push(event.type) } } }),
    );
    actor.send({ type: "UNINSTALL.START" });
    for (const key of flowKeys) actor.send(key);
    actor.send({ type: "MOVE", delta: 1 });
    actor.send({ type: "FOCUS.NEXT" });
    expect(seen).toEqual(flowKeys.map((k) => k.type));
  });

  it("asks before quitting only while the flow in front is busy", async () => {
    const actor = await appWithUninstall(
      createMachine({
        initial: "running",
        states: {
          running: { tags: ["applying", "busy"], on: { CONFIRM: "closed" } },
          closed: { type: "final" },
        },
      }),
    );
    actor.send({ type: "UNINSTALL.START" });
    expect(selectScreen(actor.getSnapshot())).toBe("applying");
    actor.send({ type: "QUIT" });
    expect(selectScreen(actor.getSnapshot())).toBe("quit");
    expect(selectScreen(actor.getSnapshot(), true)).toBe("applying");
    actor.send({ type: "QUIT.CANCEL" });
    actor.send({ type: "CONFIRM" });
    expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
    expect(selectScreen(actor.getSnapshot())).toBe("browse");
    actor.send({ type: "QUIT" });
    expect(actor.getSnapshot().status).toBe("done");
  });
});
