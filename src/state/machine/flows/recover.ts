import { assign, fromPromise, sendParent, setup } from "xstate";
import { toAppError, type AppError, type FlowEvent } from "../../appTypes.js";
import type { Backend, ReleaseRef } from "../../backend.js";
import { typedConfirmStep, type FlowTag, type TypedConfirmation } from "./common.js";
import type { FlowReport } from "./reports.js";

export interface RecoverInput {
  backend: Backend;
  release: ReleaseRef;
  /** The pending status being cleared, e.g. "pending-upgrade". */
  status: string;
  /** A protected context: confirm by typing the release name. */
  protect?: boolean;
}

export interface RecoverContext extends RecoverInput, TypedConfirmation {
  error?: AppError;
}

/** Marks a stuck pending revision failed, after a confirmation. */
export const recoverFlow = setup({
  types: {
    context: {} as RecoverContext,
    input: {} as RecoverInput,
    events: {} as FlowEvent,
    tags: {} as FlowTag,
  },
  actors: {
    recover: fromPromise<void, RecoverInput>(({ input }) => input.backend.recover(input.release)),
  },
  actions: {
    /** Tells the app: named, so that a test walking the flow on its own can leave it out. */
    report: sendParent((_, message: FlowReport) => message),
    typed: assign((_, typed: string) => ({ typed })),
  },
}).createMachine({
  id: "recover",
  context: ({ input }) => input,
  initial: "confirm",
  states: {
    confirm: {
      tags: "confirm",
      always: { guard: ({ context }) => context.protect === true, target: "confirmTyped" },
      on: { CONFIRM: "running", DENY: "closed", CANCEL: "closed" },
    },
    confirmTyped: typedConfirmStep("running", "closed"),
    running: {
      tags: ["applying", "busy"],
      invoke: {
        id: "recover",
        src: "recover",
        input: ({ context }) => context,
        onDone: {
          target: "closed",
          actions: [
            {
              type: "report",
              params: ({ context: { release, status } }) => ({
                type: "FLOW.NOTICE",
                notice: `Recovered ${release.namespace}/${release.name}: its ${status} revision is now failed`,
              }),
            },
            { type: "report", params: { type: "FLOW.APPLIED" } },
          ],
        },
        onError: {
          target: "failed",
          actions: assign({ error: ({ event }) => toAppError(event.error) }),
        },
      },
    },
    failed: {
      tags: "failed",
      on: { RETRY: "confirm", DISMISS: "closed", CANCEL: "closed" },
    },
    closed: { type: "final" },
  },
});
