import { assign, or, stateIn } from "xstate";
import { appSetup, READONLY } from "./appSetup.js";
import { revisionUnderCursor, sameRelease, targetRelease } from "../selectors.js";

/** Moving around: panes, cursors, filters, views, and the keys that start flows. */
export const browseMode = appSetup.createStateConfig({
  // Flows keep their context until the transition out of them has used it.
  entry: "endFlows",
  on: {
    "FOCUS.NEXT": { actions: "moveFocus" },
    "FOCUS.PREV": { actions: "moveFocus" },
    "FOCUS.SET": { actions: "moveFocus" },
    MOVE: { actions: "moveCursor" },
    "MOVE.TO": { actions: "moveCursor" },
    "FILTER.SET": { actions: "setFilter" },
    MARK: { guard: { type: "focusIs", params: "history" }, actions: "toggleMark" },
    BACK: { actions: "back" },
    "SCOPE.SET": { target: "#app", reenter: true, actions: "scopeFromEvent" },
    "CONTEXT.SWITCH": [
      {
        guard: "currentContext",
        actions: { type: "notice", params: "Already on that context" },
      },
      { guard: "contextKnown", target: "#wh.switching", actions: "beginSwitch" },
      { actions: "unknownContext" },
    ],
    OPEN: [
      {
        guard: { type: "focusIs", params: "namespaces" },
        target: "#app",
        reenter: true,
        actions: "scopeFromCursor",
      },
      {
        guard: { type: "focusIs", params: "releases" },
        actions: ["selectUnderCursor", "loadSelection"],
      },
      {
        guard: { type: "focusIs", params: "history" },
        actions: "openManifestUnderCursor",
      },
    ],
    "VIEW.OPEN": { actions: "openView" },
    "ROLLBACK.START": [
      { guard: "readonly", actions: { type: "notice", params: READONLY } },
      {
        guard: "canRollback",
        target: "rollback",
        actions: assign(({ context }) => ({
          notice: undefined,
          rollback: {
            release: context.selected!,
            target: revisionUnderCursor(context)!.revision,
            progress: [],
          },
        })),
      },
      {
        actions: {
          type: "notice",
          params: "Open a release's history (Enter) and pick the revision to roll back to",
        },
      },
    ],
    "UPGRADE.START": [
      { guard: "readonly", actions: { type: "notice", params: READONLY } },
      {
        guard: "hasTarget",
        target: "upgrade",
        actions: assign(({ context }) => ({
          notice: undefined,
          upgrade: {
            release: targetRelease(context)!,
            chart: "",
            values: { mode: "reuse" as const },
            progress: [],
          },
        })),
      },
      { actions: { type: "notice", params: "Select a release to upgrade" } },
    ],
    "UNINSTALL.START": [
      { guard: "readonly", actions: { type: "notice", params: READONLY } },
      {
        guard: "hasTarget",
        target: "uninstall",
        actions: assign(({ context }) => ({
          notice: undefined,
          uninstall: {
            release: targetRelease(context)!,
            typed: "",
            keepHistory: false,
            progress: [],
          },
        })),
      },
      { actions: { type: "notice", params: "Select a release to uninstall" } },
    ],
    "RECOVER.START": [
      { guard: "readonly", actions: { type: "notice", params: READONLY } },
      {
        guard: "targetPending",
        target: "recover",
        actions: assign(({ context }) => {
          const release = targetRelease(context)!;
          const row = context.releases.find((r) => sameRelease(r, release))!;
          return { notice: undefined, recover: { release, status: row.status } };
        }),
      },
      {
        actions: {
          type: "notice",
          params: "Only a release stuck in pending-install/upgrade/rollback needs recovering",
        },
      },
    ],
  },
});

/** Quitting, which asks first while an operation runs. */
export const quitRegion = appSetup.createStateConfig({
  initial: "idle",
  states: {
    idle: {
      on: {
        QUIT: [
          {
            guard: or([
              stateIn("#rollbackApplying"),
              stateIn("#upgradeApplying"),
              stateIn("#uninstallRunning"),
              stateIn("#recoverRunning"),
            ]),
            target: "asking",
          },
          { target: "#wh.closed" },
        ],
      },
    },
    asking: {
      on: {
        "QUIT.CONFIRM": "#wh.closed",
        "QUIT.CANCEL": "idle",
      },
    },
  },
});
