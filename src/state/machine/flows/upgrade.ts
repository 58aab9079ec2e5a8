import { assign, fromPromise, sendParent, setup } from "xstate";
import type { AnyActorRef } from "xstate";
import { toAppError, type FlowEvent, type ValuesEditor } from "../../appTypes.js";
import type {
  Backend,
  OperationResult,
  ReleaseRef,
  UpgradePlan,
  UpgradeRequest,
} from "../../backend.js";
import { planApplySteps, progressSink, type FlowTag, type PlannedOperation } from "./common.js";
import type { FlowReport, ProgressEvent } from "./reports.js";

export interface UpgradeInput {
  backend: Backend;
  /** A protected context: confirm by typing the release name. */
  protect?: boolean;
  /** Without one, values can only be reused or reset. */
  editor?: ValuesEditor;
  release: ReleaseRef;
}

/** The plan is the rendered chart's diff against the deployed revision. */
export interface UpgradeContext extends UpgradeInput, PlannedOperation<UpgradePlan> {
  /** As typed: a folder, a .tgz, a URL or REPO/CHART[@range]. */
  chart: string;
  values: UpgradeRequest["values"];
}

/** Upgrade: chart, values, render, diff review, confirm, apply, result. */
export const upgradeFlow = setup({
  types: {
    context: {} as UpgradeContext,
    input: {} as UpgradeInput,
    events: {} as FlowEvent | ProgressEvent,
    tags: {} as FlowTag,
  },
  actors: {
    edit: fromPromise<string | undefined, UpgradeInput>(async ({ input }) => {
      if (!input.editor) throw new Error("no editor: set $VISUAL or $EDITOR");
      const current = await input.backend.currentValuesYaml(input.release);
      const edited = await input.editor(current, { release: input.release });
      return edited === undefined || edited.trim() === "" ? undefined : edited;
    }),
    plan: fromPromise<UpgradePlan, UpgradeContext>(({ input }) =>
      input.backend.planUpgrade({
        release: input.release,
        chart: input.chart.trim(),
        values: input.values,
      }),
    ),
    execute: fromPromise<
      OperationResult,
      { backend: Backend; plan: UpgradePlan; flow: AnyActorRef }
    >(({ input }) => input.backend.executeUpgrade(input.plan, progressSink(input.flow))),
  },
  guards: {
    chartGiven: ({ context }) => context.chart.trim() !== "",
    hasEditor: ({ context }) => context.editor !== undefined,
  },
  actions: {
    /** Tells the app: named, so that a test walking the flow on its own can leave it out. */
    report: sendParent((_, message: FlowReport) => message),
    typed: assign((_, typed: string) => ({ typed })),
    planned: assign((_, plan: UpgradePlan) => ({ plan })),
    applied: assign((_, result: OperationResult) => ({ result })),
    failed: assign((_, error: unknown) => ({ error: toAppError(error) })),
  },
}).createMachine({
  id: "upgrade",
  context: ({ input }) => ({ ...input, chart: "", values: { mode: "reuse" }, progress: [] }),
  initial: "chart",
  on: {
    PROGRESS: {
      actions: assign({ progress: ({ context, event }) => [...context.progress, event.progress] }),
    },
  },
  states: {
    chart: {
      tags: "upgrade.chart",
      on: {
        "UPGRADE.CHART": { actions: assign({ chart: ({ event }) => event.chart }) },
        NEXT: { guard: "chartGiven", target: "values" },
        CANCEL: "closed",
      },
    },
    values: {
      tags: "upgrade.values",
      on: {
        "UPGRADE.VALUES": {
          target: "planning",
          actions: assign({ values: ({ event }) => event.values }),
        },
        "UPGRADE.EDIT": [
          {
            guard: "hasEditor",
            target: "editing",
            actions: { type: "report", params: { type: "FLOW.NOTICE", notice: undefined } },
          },
          {
            actions: {
              type: "report",
              params: { type: "FLOW.NOTICE", notice: "No editor: set $VISUAL or $EDITOR" },
            },
          },
        ],
        CANCEL: "closed",
      },
    },
    editing: {
      tags: "upgrade.editing",
      invoke: {
        id: "edit",
        src: "edit",
        input: ({ context }) => context,
        onDone: [
          {
            guard: ({ event }) => event.output !== undefined,
            target: "planning",
            actions: assign({
              values: ({ event }) => ({ mode: "edited" as const, yaml: event.output ?? "" }),
            }),
          },
          {
            target: "values",
            actions: {
              type: "report",
              params: { type: "FLOW.NOTICE", notice: "Empty values file: edit cancelled" },
            },
          },
        ],
        onError: {
          target: "values",
          actions: {
            type: "report",
            params: ({ event }: { event: { error: unknown } }) => ({
              type: "FLOW.NOTICE",
              notice: `Editing values failed: ${toAppError(event.error).message}`,
            }),
          },
        },
      },
    },
    ...planApplySteps,
  },
});
