import { assign } from "xstate";
import { toAppError } from "../../appTypes.js";
import { appSetup } from "../appSetup.js";
import { flowFailed, flowResult } from "./endings.js";

/** Upgrade: chart, values, render, diff review, confirm, apply, result. */
export const upgradeFlow = appSetup.createStateConfig({
  initial: "chart",
  on: { PROGRESS: { actions: "progress" } },
  states: {
    chart: {
      on: {
        "UPGRADE.CHART": {
          actions: assign(({ context, event }) => ({
            upgrade: { ...context.upgrade!, chart: event.chart },
          })),
        },
        NEXT: { guard: "chartGiven", target: "values" },
        CANCEL: "#wh.app.mode.browse",
      },
    },
    values: {
      on: {
        "UPGRADE.VALUES": {
          target: "planning",
          actions: assign(({ context, event }) => ({
            upgrade: { ...context.upgrade!, values: event.values },
          })),
        },
        "UPGRADE.EDIT": [
          { guard: "hasEditor", target: "editing", actions: "clearNotice" },
          { actions: { type: "notice", params: "No editor: set $VISUAL or $EDITOR" } },
        ],
        CANCEL: "#wh.app.mode.browse",
      },
    },
    editing: {
      invoke: {
        id: "editValues",
        src: "editValues",
        input: ({ context }) => ({
          backend: context.backend,
          editor: context.editor!,
          release: context.upgrade!.release,
        }),
        onDone: [
          {
            guard: ({ event }) => event.output !== undefined,
            target: "planning",
            actions: assign(({ context, event }) => ({
              upgrade: {
                ...context.upgrade!,
                values: { mode: "edited" as const, yaml: event.output! },
              },
            })),
          },
          {
            target: "values",
            actions: { type: "notice", params: "Empty values file: edit cancelled" },
          },
        ],
        onError: {
          target: "values",
          actions: assign(({ event }) => ({
            notice: `Editing values failed: ${toAppError(event.error).message}`,
          })),
        },
      },
    },
    planning: {
      invoke: {
        id: "planUpgrade",
        src: "planUpgrade",
        input: ({ context }) => ({
          backend: context.backend,
          request: {
            release: context.upgrade!.release,
            chart: context.upgrade!.chart.trim(),
            values: context.upgrade!.values,
          },
        }),
        onDone: {
          target: "review",
          actions: assign(({ context, event }) => ({
            upgrade: { ...context.upgrade!, plan: event.output },
          })),
        },
        onError: { target: "failed", actions: "upgradeError" },
      },
      on: { CANCEL: "#wh.app.mode.browse" },
    },
    review: {
      on: { NEXT: "confirm", CONFIRM: "confirm", CANCEL: "#wh.app.mode.browse" },
    },
    confirm: {
      on: { CONFIRM: "applying", DENY: "review", CANCEL: "#wh.app.mode.browse" },
    },
    applying: {
      id: "upgradeApplying",
      tags: ["busy"],
      invoke: {
        id: "executeUpgrade",
        src: "executeUpgrade",
        input: ({ context, self }) => ({
          backend: context.backend,
          plan: context.upgrade!.plan!,
          parent: self,
        }),
        onDone: {
          target: "result",
          actions: [
            assign(({ context, event }) => ({
              upgrade: { ...context.upgrade!, result: event.output },
              selectRevision: event.output.revision,
            })),
            "raiseRefresh",
          ],
        },
        onError: { target: "failed", actions: ["upgradeError", "raiseRefresh"] },
      },
    },
    result: flowResult,
    failed: flowFailed,
  },
});
