import { createActor, fromCallback, waitFor } from "xstate";
import type { AnyStateMachine, EventObject, InputFrom, SnapshotFrom } from "xstate";
import type { FlowReport } from "../../../src/state/machine/flows/reports.js";

export { standardBackend } from "./harness.js";

export const web = { name: "web", namespace: "prod" };

/**
 * Runs a flow on its own under a stand-in for the app, which records what the
 * flow reports (its own end, xstate's done event, is left out).
 */
export function runFlow<M extends AnyStateMachine>(flow: M, input: InputFrom<M>) {
  const reports: FlowReport[] = [];
  const app = createActor(
    fromCallback<EventObject>(({ receive }) =>
      receive((event) => {
        if (!event.type.startsWith("xstate.")) reports.push(event as FlowReport);
      }),
    ),
  ).start();
  const actor = createActor(flow, { input, parent: app }).start();
  const until = (predicate: (s: SnapshotFrom<M>) => boolean) =>
    waitFor(actor, predicate, { timeout: 2000 });
  const ended = () => (actor.getSnapshot() as { status: string }).status === "done";
  return { actor, reports, until, ended };
}
