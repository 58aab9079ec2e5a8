import { not } from "xstate";
import { errorMessage } from "../../errors.js";
import { appSetup, readonlyReason } from "./appSetup.js";

/** Moving around: panes, cursors, filters, views, and the keys that start flows. */
export const browseMode = appSetup.createStateConfig({
  tags: "browse",
  on: {
    "FOCUS.NEXT": { actions: "moveFocus" },
    "FOCUS.PREV": { actions: "moveFocus" },
    "FOCUS.SET": { actions: "moveFocus" },
    MOVE: { actions: ["moveCursor", "followCursor"] },
    "MOVE.TO": { actions: ["moveCursor", "followCursor"] },
    "FILTER.SET": { actions: "setFilter" },
    MARK: { guard: { type: "focusIs", params: "history" }, actions: "toggleMark" },
    BACK: { actions: "back" },
    "SCOPE.SET": [
      { guard: "scopeKnown", target: "#app", reenter: true, actions: "scopeFromEvent" },
      { guard: "namespacesListed", actions: "unknownNamespace" },
      // Namespaces could not be listed: ask for this one.
      { target: "checkingNamespace", actions: "clearNotice" },
    ],
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
        guard: { type: "locked", params: "rollback" },
        actions: { type: "lockedNotice", params: "rollback" },
      },
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
        guard: { type: "locked", params: "release" },
        actions: { type: "lockedNotice", params: "release" },
      },
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
        guard: { type: "locked", params: "release" },
        actions: { type: "lockedNotice", params: "release" },
      },
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
      // The question is about a running operation: once it has finished there is nothing to ask.
      always: { guard: not("busy"), target: "idle" },
      on: {
        "QUIT.CONFIRM": "#wh.closed",
        "QUIT.CANCEL": "idle",
      },
    },
  },
});

/** `:ns NAME` where namespaces cannot be listed: a GET says whether it exists before the scope moves. */
export const checkingNamespaceMode = appSetup.createStateConfig({
  tags: "browse",
  invoke: {
    id: "checkNamespace",
    src: "checkNamespace",
    input: ({ context, event }) => ({
      backend: context.backend,
      name: event.type === "SCOPE.SET" ? (event.namespace ?? "") : "",
    }),
    onDone: [
      {
        guard: ({ event }) => event.output.exists === false,
        target: "browse",
        actions: {
          type: "notice",
          params: ({ event }) => `No namespace "${event.output.name}" in this cluster`,
        },
      },
      // Not allowed to read it either: let the release list say what the user may see there.
      {
        target: "#app",
        reenter: true,
        actions: { type: "scopeTo", params: ({ event }) => event.output.name },
      },
    ],
    onError: {
      target: "browse",
      actions: {
        type: "notice",
        params: ({ event }) => `Cannot check the namespace: ${errorMessage(event.error)}`,
      },
    },
  },
});
