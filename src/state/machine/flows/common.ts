import type { AnyActorRef } from "xstate";
import type { AppError } from "../../appTypes.js";
import type { Backend, OperationProgress, OperationResult, ReleaseRef } from "../../backend.js";
import type { FlowReport, ProgressEvent } from "./reports.js";

/**
 * The screens a flow shows, each the tag of the state that shows it; the UI's
 * key map and panels know them by these names.
 */
export type FlowScreen =
  | "planning"
  | "review"
  | "confirm"
  | "applying"
  | "result"
  | "failed"
  | "upgrade.chart"
  | "upgrade.checking"
  | "upgrade.values"
  | "upgrade.editing"
  | "uninstall.confirm"
  | "confirm.typed";

/** Tags a flow's states carry: the screen, and `busy` while an operation runs (quitting asks first). */
export type FlowTag = FlowScreen | "busy";

/** What a flow keeps of the operation it runs: the engine's progress, and why it failed. */
export interface OperationState {
  progress: OperationProgress[];
  error?: AppError;
}

/**
 * On a protected context (README.md "Configuration") the confirmation is the release's name,
 * typed, instead of y: one keystroke cannot change a production release.
 */
export interface TypedConfirmation {
  /** The context is protected: confirm by typing the release name. */
  protect?: boolean;
  /** What the user typed so far. */
  typed?: string;
}

/**
 * The confirmation a flow on a protected context asks for, in place of its y/n question. The
 * flow provides the action `typed` (store the text).
 */
export const typedConfirmStep = <const Apply extends string, const Deny extends string>(
  applyTarget: Apply,
  denyTarget: Deny,
) =>
  ({
    tags: "confirm.typed",
    on: {
      "CONFIRM.TYPE": {
        actions: { type: "typed", params: ({ event }: { event: { text: string } }) => event.text },
      },
      CONFIRM: { guard: nameTyped, target: applyTarget },
      DENY: { target: denyTarget, actions: { type: "typed", params: "" } },
      CANCEL: "closed",
    },
  }) as const;

function nameTyped({ context }: { context: TypedConfirmation & { release: ReleaseRef } }): boolean {
  return context.typed === context.release.name;
}

/** Where a confirmation goes: typed on a protected context, else y/n. */
const confirmation = [
  {
    guard: ({ context }: { context: TypedConfirmation }) => context.protect === true,
    target: "confirmTyped",
  },
  { target: "confirm" },
] as const;

/** ...and, for a flow that plans first, the plan once made and the outcome once applied. */
export interface PlannedOperation<Plan> extends OperationState, TypedConfirmation {
  plan?: Plan;
  result?: OperationResult;
}

/**
 * Hands the engine's progress reports to the flow running the operation, for
 * as long as it runs: an operation is not stopped halfway when the flow is
 * (the user quit during it), so its last reports come after, and go nowhere.
 */
export function progressSink(flow: AnyActorRef, running: AbortSignal) {
  return (progress: OperationProgress) => {
    if (!running.aborted) flow.send({ type: "PROGRESS", progress } satisfies ProgressEvent);
  };
}

/**
 * The plan being applied. Applying is entered only from the confirmation of a
 * reviewed plan, so a missing one is a bug in the flow, not a user error.
 */
export function reviewedPlan<P>(plan: P | undefined): P {
  if (plan === undefined) throw new Error("a flow applied a plan it never reviewed");
  return plan;
}

type PlanArgs<Plan> = {
  context: { backend: Backend } & PlannedOperation<Plan>;
  self: AnyActorRef;
};

/**
 * Plan, review the diff, confirm, apply, then the outcome — the steps a
 * rollback and an upgrade share. A flow using them provides the actors `plan`
 * (given its context) and `execute`, and the actions `planned`, `applied`,
 * `failed` and `report`. A failure is retried by planning again: nothing was
 * applied past it. `closed` ends the flow, and the app goes back to browsing.
 */
export const planApplySteps = {
  planning: {
    tags: "planning",
    invoke: {
      id: "plan",
      src: "plan",
      input: <C>({ context }: { context: C }) => context,
      onDone: { target: "review", actions: { type: "planned", params: outputOf } },
      onError: { target: "failed", actions: { type: "failed", params: errorOf } },
    },
    on: { CANCEL: "closed" },
  },
  review: {
    tags: "review",
    on: { NEXT: confirmation, CONFIRM: confirmation, CANCEL: "closed" },
  },
  confirm: {
    tags: "confirm",
    on: { CONFIRM: "applying", DENY: "review", CANCEL: "closed" },
  },
  confirmTyped: typedConfirmStep("applying", "review"),
  applying: {
    tags: ["applying", "busy"],
    invoke: {
      id: "execute",
      src: "execute",
      input: <Plan>({ context, self }: PlanArgs<Plan>) => ({
        backend: context.backend,
        plan: reviewedPlan(context.plan),
        flow: self,
      }),
      // Whatever happened, the cluster may have changed: the app refreshes.
      onDone: {
        target: "result",
        actions: [
          { type: "applied", params: outputOf },
          {
            type: "report",
            params: ({ event }: { event: { output: OperationResult } }): FlowReport => ({
              type: "FLOW.APPLIED",
              revision: event.output.revision,
            }),
          },
        ],
      },
      onError: {
        target: "failed",
        actions: [
          { type: "failed", params: errorOf },
          { type: "report", params: { type: "FLOW.APPLIED" } },
        ],
      },
    },
  },
  result: {
    tags: "result",
    on: { DISMISS: "closed", CANCEL: "closed" },
  },
  failed: {
    tags: "failed",
    on: { RETRY: "planning", DISMISS: "closed", CANCEL: "closed" },
  },
  closed: { type: "final" },
} as const;

function outputOf<T>({ event }: { event: { output: T } }): T {
  return event.output;
}

function errorOf({ event }: { event: { error: unknown } }): unknown {
  return event.error;
}
