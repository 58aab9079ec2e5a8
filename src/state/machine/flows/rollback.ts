import { assign } from "xstate";
import { appSetup } from "../appSetup.js";
import { flowFailed, flowResult } from "./endings.js";

/** Rollback: diff deployed vs the picked revision, confirm, apply, show the result. */
export const rollbackFlow = appSetup.createStateConfig({
  initial: "planning",
  on: { PROGRESS: { actions: "progress" } },
  states: {
    planning: {
      invoke: {
        id: "planRollback",
        src: "planRollback",
        input: ({ context }) => ({
          backend: context.backend,
          release: context.rollback!.release,
          target: context.rollback!.target,
        }),
        onDone: {
          target: "review",
          actions: assign(({ context, event }) => ({
            rollback: { ...context.rollback!, plan: event.output },
          })),
        },
        onError: { target: "failed", actions: "rollbackError" },
      },
      on: { CANCEL: "#wh.app.mode.browse" },
    },
    review: {
      on: { NEXT: "confirm", CONFIRM: "confirm", CANCEL: "#wh.app.mode.browse" },
    },
    confirm: {
      on: {
        CONFIRM: "applying",
        DENY: "review",
        CANCEL: "#wh.app.mode.browse",
      },
    },
    applying: {
      id: "rollbackApplying",
      tags: ["busy"],
      invoke: {
        id: "executeRollback",
        src: "executeRollback",
        input: ({ context, self }) => ({
          backend: context.backend,
          plan: context.rollback!.plan!,
          parent: self,
        }),
        onDone: {
          target: "result",
          actions: [
            assign(({ context, event }) => ({
              rollback: { ...context.rollback!, result: event.output },
              selectRevision: event.output.revision,
            })),
            "raiseRefresh",
          ],
        },
        onError: { target: "failed", actions: ["rollbackError", "raiseRefresh"] },
      },
    },
    result: flowResult,
    failed: flowFailed,
  },
});
