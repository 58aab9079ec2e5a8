import { appSetup, readonlyReason } from "./appSetup.js";

/** Moving around: panes, cursors, filters, views, and the keys that start flows. */
export const browseMode = appSetup.createStateConfig({
  tags: "browse",
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
      { guard: "contextKnown", target: "#wh.switching", actions: "clearNotice" },
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
      { guard: "readonly", actions: { type: "notice", params: readonlyReason } },
      {
        guard: "canRollback",
        target: "rollback",
        actions: "clearNotice",
      },
      {
        actions: {
          type: "notice",
          params: "Open a release's history (Enter) and pick the revision to roll back to",
        },
      },
    ],
    "UPGRADE.START": [
      { guard: "readonly", actions: { type: "notice", params: readonlyReason } },
      {
        guard: "hasTarget",
        target: "upgrade",
        actions: "clearNotice",
      },
      { actions: { type: "notice", params: "Select a release to upgrade" } },
    ],
    "UNINSTALL.START": [
      { guard: "readonly", actions: { type: "notice", params: readonlyReason } },
      {
        guard: "hasTarget",
        target: "uninstall",
        actions: "clearNotice",
      },
      { actions: { type: "notice", params: "Select a release to uninstall" } },
    ],
    "RECOVER.START": [
      { guard: "readonly", actions: { type: "notice", params: readonlyReason } },
      {
        guard: "targetPending",
        target: "recover",
        actions: "clearNotice",
      },
      {
        actions: {
          type: "notice",
          params:
            "Only a release stuck in pending-install/upgrade/rollback or uninstalling needs recovering",
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
            guard: "busy",
            target: "asking",
          },
          { target: "#wh.closed" },
        ],
      },
    },
    asking: {
      tags: "quit",
      on: {
        "QUIT.CONFIRM": "#wh.closed",
        "QUIT.CANCEL": "idle",
      },
    },
  },
});
