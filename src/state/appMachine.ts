import { appSetup } from "./machine/appSetup.js";
import { browseMode, checkingNamespaceMode, quitRegion } from "./machine/browse.js";
import { recoverMode, rollbackMode, uninstallMode, upgradeMode } from "./machine/flowModes.js";
import { detailRegion, listRegion, revisionsRegion } from "./machine/regions.js";
import { assign } from "xstate";
import { toAppError, type AppContext } from "./appTypes.js";
import type { ClusterInfo, Scope } from "./backend.js";

export type { MachineEvent } from "./machine/appSetup.js";

/** The scope the app opens on: -A, then -n, then the context's namespace. */
function initialScope(ctx: AppContext, cluster: ClusterInfo): Scope {
  if (ctx.options.allNamespaces) return {};
  return { namespace: ctx.options.namespace ?? cluster.namespace };
}

/**
 * The app statechart: boot (cluster and namespaces), then parallel regions —
 * the release list, the selected release's history, the detail pane, the
 * mode (browsing or one flow at a time) and quitting.
 */
export const appMachine = appSetup.createMachine({
  id: "wh",
  context: ({ input }) => ({
    backend: input.backend,
    editor: input.editor,
    options: input.options,
    scope: input.options.allNamespaces ? {} : { namespace: input.options.namespace },
    releases: [],
    releasesLoaded: false,
    focus: "releases",
    cursors: { namespaces: 0, releases: 0, history: 0 },
    filters: { namespaces: "", releases: "" },
    revisions: [],
    busy: false,
  }),
  initial: "boot",
  states: {
    boot: {
      tags: "boot",
      invoke: {
        id: "loadCluster",
        src: "loadCluster",
        input: ({ context }) => ({ backend: context.backend }),
        onDone: {
          target: "app",
          actions: assign(({ context, event }) => ({
            cluster: event.output.cluster,
            namespaces: event.output.namespaces,
            scope: initialScope(context, event.output.cluster),
            bootError: undefined,
          })),
        },
        onError: {
          target: "bootFailed",
          actions: assign(({ event }) => ({ bootError: toAppError(event.error) })),
        },
      },
      on: { QUIT: "closed" },
    },
    bootFailed: {
      tags: "bootFailed",
      on: {
        RETRY: "boot",
        QUIT: "closed",
        // An unreachable cluster is a common reason to want another one.
        "CONTEXT.SWITCH": { target: "switching", actions: "clearNotice" },
      },
    },
    switching: {
      tags: "boot",
      invoke: {
        id: "contextSwitch",
        src: "contextSwitchFlow",
        input: ({ context, event }) => ({
          backend: context.backend,
          name: event.type === "CONTEXT.SWITCH" ? event.name : "",
        }),
      },
      on: {
        "CONTEXT.SWITCHED": {
          target: "boot",
          actions: { type: "adoptBackend", params: ({ event }) => event.backend },
        },
        "CONTEXT.SWITCH_FAILED": [
          // Back where the user was, still on the old context.
          {
            guard: "clusterKnown",
            target: "app",
            actions: { type: "notice", params: ({ event }) => event.notice },
          },
          {
            target: "bootFailed",
            actions: assign(({ event }) => ({ notice: event.notice, bootError: event.error })),
          },
        ],
        QUIT: "closed",
      },
    },
    app: {
      id: "app",
      type: "parallel",
      states: {
        list: listRegion,
        revisions: revisionsRegion,
        detail: detailRegion,
        mode: {
          initial: "browse",
          states: {
            browse: browseMode,
            checkingNamespace: checkingNamespaceMode,
            recover: recoverMode,
            rollback: rollbackMode,
            upgrade: upgradeMode,
            uninstall: uninstallMode,
          },
        },
        quit: quitRegion,
      },
    },
    closed: { type: "final" },
  },
});
