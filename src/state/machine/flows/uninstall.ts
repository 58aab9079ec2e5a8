import { assign, fromPromise, sendParent, setup } from "xstate";
import type { AnyActorRef } from "xstate";
import { toAppError, type FlowEvent } from "../../appTypes.js";
import type { Backend, ReleaseRef } from "../../backend.js";
import { progressSink, type FlowTag, type OperationState } from "./common.js";
import type { FlowReport, ProgressEvent } from "./reports.js";

export interface UninstallInput {
  backend: Backend;
  release: ReleaseRef;
}

export interface UninstallContext extends UninstallInput, OperationState {
  /** What the user typed so far: the release's name confirms. */
  typed: string;
  keepHistory: boolean;
}

/** Uninstall: confirm by typing the release name, then remove it. */
export const uninstallFlow = setup({
  types: {
    context: {} as UninstallContext,
    input: {} as UninstallInput,
    events: {} as FlowEvent | ProgressEvent,
    tags: {} as FlowTag,
  },
  actors: {
    uninstall: fromPromise<void, UninstallContext & { flow: AnyActorRef }>(({ input, signal }) =>
      input.backend.uninstall(
        input.release,
        { keepHistory: input.keepHistory },
        progressSink(input.flow, signal),
      ),
    ),
  },
  actions: {
    /** Tells the app: named, so that a test walking the flow on its own can leave it out. */
    report: sendParent((_, message: FlowReport) => message),
  },
  guards: {
    nameTyped: ({ context }) => context.typed === context.release.name,
  },
}).createMachine({
  id: "uninstall",
  context: ({ input }) => ({ ...input, typed: "", keepHistory: false, progress: [] }),
  initial: "confirm",
  on: {
    PROGRESS: {
      actions: assign({ progress: ({ context, event }) => [...context.progress, event.progress] }),
    },
  },
  states: {
    confirm: {
      tags: "uninstall.confirm",
      on: {
        "UNINSTALL.TYPE": { actions: assign({ typed: ({ event }) => event.text }) },
        "UNINSTALL.TOGGLE_KEEP_HISTORY": {
          actions: assign({ keepHistory: ({ context }) => !context.keepHistory }),
        },
        CONFIRM: { guard: "nameTyped", target: "running" },
        DENY: "closed",
        CANCEL: "closed",
      },
    },
    running: {
      tags: ["applying", "busy"],
      invoke: {
        id: "uninstall",
        src: "uninstall",
        input: ({ context, self }) => ({ ...context, flow: self }),
        onDone: {
          target: "closed",
          actions: {
            type: "report",
            params: ({ context }) => ({
              type: "FLOW.UNINSTALLED",
              release: context.release,
              keepHistory: context.keepHistory,
            }),
          },
        },
        onError: {
          target: "failed",
          actions: [
            assign({ error: ({ event }) => toAppError(event.error) }),
            { type: "report", params: { type: "FLOW.APPLIED" } },
          ],
        },
      },
    },
    failed: {
      tags: "failed",
      on: {
        // Asks again: the release may have changed since the name was typed.
        RETRY: { target: "confirm", actions: assign({ typed: "", error: undefined }) },
        DISMISS: "closed",
        CANCEL: "closed",
      },
    },
    closed: { type: "final" },
  },
});
