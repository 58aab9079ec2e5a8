import { assign, fromPromise, sendParent, setup } from "xstate";
import type { AnyActorRef } from "xstate";
import { toAppError, type AppError, type FlowEvent, type ValuesEditor } from "../../appTypes.js";
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
  /** The chart once it loaded, e.g. "webapp-1.2.4". */
  chartLabel?: string;
  /** Why the chart did not load: shown at the chart prompt. */
  chartError?: AppError;
  values: UpgradeRequest["values"];
  /** The user's last edit of the values, kept until the upgrade is done with it. */
  edited?: string;
}

/** Without anything but comments and blank lines, an edited file cancels the edit. */
function isBlank(text: string): boolean {
  return text.split("\n").every((line) => /^\s*(#.*)?$/.test(line));
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
    /** Opens the editor on the user's last edit, else on the release's current values. */
    edit: fromPromise<string | undefined, UpgradeContext>(async ({ input }) => {
      if (!input.editor) throw new Error("no editor: set $VISUAL or $EDITOR");
      const start = input.edited ?? (await input.backend.currentValuesYaml(input.release));
      const edited = await input.editor(start, { release: input.release });
      return edited === undefined || isBlank(edited) ? undefined : edited;
    }),
    checkChart: fromPromise<string, UpgradeContext>(({ input }) =>
      input.backend.checkChart(input.chart.trim()),
    ),
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
    >(({ input, signal }) =>
      input.backend.executeUpgrade(input.plan, progressSink(input.flow, signal)),
    ),
  },
  guards: {
    chartGiven: ({ context }) => context.chart.trim() !== "",
    hasEditor: ({ context }) => context.editor !== undefined,
    valuesEdited: ({ context }) => context.values.mode === "edited",
  },
  actions: {
    /** Tells the app: named, so that a test walking the flow on its own can leave it out. */
    report: sendParent((_, message: FlowReport) => message),
    typed: assign((_, typed: string) => ({ typed })),
    planned: assign((_, plan: UpgradePlan) => ({ plan })),
    applied: assign((_, result: OperationResult) => ({ result })),
    /** With edited values, R goes back to the editor on them: say so. */
    failed: assign(({ context }, error: unknown) => {
      const shown = toAppError(error);
      if (context.values.mode !== "edited") return { error: shown };
      const again = "R reopens the editor on your edits";
      return { error: { ...shown, hint: shown.hint ? `${shown.hint}\n${again}` : again } };
    }),
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
        "UPGRADE.CHART": {
          actions: assign({ chart: ({ event }) => event.chart, chartError: undefined }),
        },
        NEXT: { guard: "chartGiven", target: "values" },
        CANCEL: "closed",
      },
    },
    // Before the editor opens: a chart that does not load is said before time goes into editing.
    checkingChart: {
      tags: "upgrade.checking",
      invoke: {
        id: "checkChart",
        src: "checkChart",
        input: ({ context }) => context,
        onDone: {
          target: "editing",
          actions: assign({ chartLabel: ({ event }) => event.output, chartError: undefined }),
        },
        onError: {
          target: "chart",
          actions: assign({ chartError: ({ event }) => toAppError(event.error) }),
        },
      },
      on: { CANCEL: "closed" },
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
            target: "checkingChart",
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
              edited: ({ event }) => event.output,
            }),
          },
          {
            target: "values",
            actions: [
              assign({ edited: undefined }),
              {
                type: "report",
                params: { type: "FLOW.NOTICE", notice: "Empty values file: edit cancelled" },
              },
            ],
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
    // Edited values that did not parse, validate or apply: retrying starts from those edits.
    failed: {
      ...planApplySteps.failed,
      on: {
        ...planApplySteps.failed.on,
        RETRY: [{ guard: "valuesEdited", target: "editing" }, { target: "planning" }],
      },
    },
  },
});
