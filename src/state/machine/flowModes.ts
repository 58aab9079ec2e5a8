import type { AppContext, FlowEvent } from "../appTypes.js";
import { currentSafety } from "../contextSafety.js";
import { appSetup, type FlowId } from "./appSetup.js";
import { checked, recoverStart, releaseStart, rollbackStart } from "./flowStarts.js";

/** The keys a flow takes, all passed on to it: the app itself does not handle them here. */
function forwardedTo(flow: FlowId) {
  const forward = { actions: { type: "forwardToFlow", params: flow } } as const;
  return {
    NEXT: forward,
    CONFIRM: forward,
    DENY: forward,
    CANCEL: forward,
    DISMISS: forward,
    RETRY: forward,
    "UPGRADE.CHART": forward,
    "UPGRADE.VALUES": forward,
    "UPGRADE.EDIT": forward,
    "UNINSTALL.TYPE": forward,
    "CONFIRM.TYPE": forward,
    "UNINSTALL.TOGGLE_KEEP_HISTORY": forward,
  } satisfies Record<FlowEvent["type"], typeof forward>;
}

/** What every flow can report while it runs. */
const reports = {
  "FLOW.NOTICE": { actions: { type: "flowNotice", params: ({ event }) => event.notice } },
  "FLOW.APPLIED": { actions: { type: "applied", params: ({ event }) => event.revision } },
} satisfies Parameters<typeof appSetup.createStateConfig>[0]["on"];

/**
 * Each step of the flow reaches the app as a snapshot event: the app records
 * whether it is busy, which also makes it a new app snapshot, so whoever
 * watches the app (the UI) sees the flow move.
 */
const trackBusy = {
  actions: {
    type: "trackBusy",
    params: ({ event }: { event: { snapshot: { hasTag(tag: "busy"): boolean } } }) =>
      event.snapshot.hasTag("busy"),
  },
} as const;

/**
 * A mode that runs one flow as a child actor named by its kind: the flow's
 * keys go to it, what it reports is handled, and its end is back to browsing.
 */
function flowMode<const Invoke extends { id: FlowId }>(invoke: Invoke) {
  return {
    invoke: { ...invoke, onSnapshot: trackBusy, onDone: "#wh.app.mode.browse" },
    exit: "notBusy",
    on: { ...forwardedTo(invoke.id), ...reports },
  } as const;
}

type Args = { context: AppContext };

/** Changes on this context are confirmed by typing the release's name. */
const protectedContext = (context: AppContext) => currentSafety(context) === "protected";

export const rollbackMode = appSetup.createStateConfig(
  flowMode({
    id: "rollback",
    src: "rollbackFlow",
    input: ({ context }: Args) => ({
      backend: context.backend,
      protect: protectedContext(context),
      ...checked(rollbackStart(context)),
    }),
  }),
);

export const upgradeMode = appSetup.createStateConfig(
  flowMode({
    id: "upgrade",
    src: "upgradeFlow",
    input: ({ context }: Args) => ({
      backend: context.backend,
      editor: context.editor,
      protect: protectedContext(context),
      ...checked(releaseStart(context)),
    }),
  }),
);

const uninstall = flowMode({
  id: "uninstall",
  src: "uninstallFlow",
  input: ({ context }: Args) => ({ backend: context.backend, ...checked(releaseStart(context)) }),
});

export const uninstallMode = appSetup.createStateConfig({
  ...uninstall,
  on: {
    ...uninstall.on,
    "FLOW.UNINSTALLED": { actions: { type: "uninstalled", params: ({ event }) => event } },
  },
});

export const recoverMode = appSetup.createStateConfig(
  flowMode({
    id: "recover",
    src: "recoverFlow",
    input: ({ context }: Args) => ({
      backend: context.backend,
      protect: protectedContext(context),
      ...checked(recoverStart(context)),
    }),
  }),
);
