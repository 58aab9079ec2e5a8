import { assign, fromPromise, sendParent, setup } from "xstate";
import type { AnyActorRef } from "xstate";
import { toAppError, type FlowEvent } from "../../appTypes.js";
import type { Backend, OperationResult, ReleaseRef, RollbackPlan } from "../../backend.js";
import { planApplySteps, progressSink, type FlowTag, type PlannedOperation } from "./common.js";
import type { FlowReport, ProgressEvent } from "./reports.js";

export interface RollbackInput {
  backend: Backend;
  /** A protected context: confirm by typing the release name. */
  protect?: boolean;
  release: ReleaseRef;
  /** The revision to roll back to. */
  target: number;
}

/** The plan is the diff of deployed against the target. */
export interface RollbackContext extends RollbackInput, PlannedOperation<RollbackPlan> {}

/** Rollback: diff deployed vs the picked revision, confirm, apply, show the result. */
export const rollbackFlow = setup({
  types: {
    context: {} as RollbackContext,
    input: {} as RollbackInput,
    events: {} as FlowEvent | ProgressEvent,
    tags: {} as FlowTag,
  },
  actors: {
    plan: fromPromise<RollbackPlan, RollbackInput>(({ input }) =>
      input.backend.planRollback(input.release, input.target),
    ),
    execute: fromPromise<
      OperationResult,
      { backend: Backend; plan: RollbackPlan; flow: AnyActorRef }
    >(({ input, signal }) =>
      input.backend.executeRollback(input.plan, progressSink(input.flow, signal)),
    ),
  },
  actions: {
    /** Tells the app: named, so that a test walking the flow on its own can leave it out. */
    report: sendParent((_, message: FlowReport) => message),
    typed: assign((_, typed: string) => ({ typed })),
    planned: assign((_, plan: RollbackPlan) => ({ plan })),
    applied: assign((_, result: OperationResult) => ({ result })),
    failed: assign((_, error: unknown) => ({ error: toAppError(error) })),
  },
}).createMachine({
  id: "rollback",
  context: ({ input }) => ({ ...input, progress: [] }),
  initial: "planning",
  on: {
    PROGRESS: {
      actions: assign({ progress: ({ context, event }) => [...context.progress, event.progress] }),
    },
  },
  states: planApplySteps,
});
