import { fromPromise, sendParent, setup } from "xstate";
import { toAppError } from "../../appTypes.js";
import type { Backend } from "../../backend.js";
import type { FlowReport } from "./reports.js";

export interface ContextSwitchInput {
  /** The backend on the current context, which knows how to reach the others. */
  backend: Backend;
  /** The kubeconfig context to switch to (`:ctx NAME`). */
  name: string;
}

function switchFailed(name: string, err: unknown): FlowReport {
  const error = toAppError(err);
  return {
    type: "CONTEXT.SWITCH_FAILED",
    notice: `Cannot switch to context "${name}": ${error.message}`,
    error,
  };
}

/**
 * `:ctx NAME`: reaches the other context's cluster and hands its backend to the
 * app, or says why not; the app stays where it was until then.
 */
export const contextSwitchFlow = setup({
  types: {
    context: {} as ContextSwitchInput,
    input: {} as ContextSwitchInput,
    tags: {} as "boot",
  },
  actions: {
    /** Tells the app: named, so that a test walking the flow on its own can leave it out. */
    report: sendParent((_, message: FlowReport) => message),
  },
  actors: {
    connect: fromPromise<Backend, ContextSwitchInput>(({ input }) =>
      input.backend.switchContext(input.name),
    ),
  },
}).createMachine({
  id: "contextSwitch",
  context: ({ input }) => input,
  initial: "connecting",
  states: {
    connecting: {
      // The app has nothing to show until the other cluster answers.
      tags: "boot",
      invoke: {
        id: "connect",
        src: "connect",
        input: ({ context }) => context,
        onDone: {
          target: "closed",
          actions: {
            type: "report",
            params: ({ event }) => ({ type: "CONTEXT.SWITCHED", backend: event.output }),
          },
        },
        onError: {
          target: "closed",
          actions: {
            type: "report",
            params: ({
              context,
              event,
            }: {
              context: ContextSwitchInput;
              event: { error: unknown };
            }) => switchFailed(context.name, event.error),
          },
        },
      },
    },
    closed: { type: "final" },
  },
});
