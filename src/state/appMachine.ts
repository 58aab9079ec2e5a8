import { appSetup } from "./machine/appSetup.js";
import { browseMode, quitRegion } from "./machine/browse.js";
import { recoverFlow } from "./machine/flows/recover.js";
import { rollbackFlow } from "./machine/flows/rollback.js";
import { uninstallFlow } from "./machine/flows/uninstall.js";
import { upgradeFlow } from "./machine/flows/upgrade.js";
import { detailRegion, listRegion, revisionsRegion } from "./machine/regions.js";
import { assign } from "xstate";
import { toAppError, type AppContext } from "./appTypes.js";
import type { ClusterInfo, Scope } from "./backend.js";

export type { MachineEvent } from "./machine/appSetup.js";

const errorOf = ({ event }: { event: { error: unknown } }) => event.error;

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
  }),
  initial: "boot",
  states: {
    boot: {
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
      on: {
        RETRY: "boot",
        QUIT: "closed",
        // An unreachable cluster is a common reason to want another one.
        "CONTEXT.SWITCH": { target: "switching", actions: "beginSwitch" },
      },
    },
    switching: {
      invoke: {
        id: "switchContext",
        src: "switchContext",
        input: ({ context }) => ({ backend: context.backend, name: context.switchingTo ?? "" }),
        onDone: {
          target: "boot",
          actions: { type: "adoptBackend", params: ({ event }) => event.output },
        },
        onError: [
          // Back where the user was, still on the old context.
          {
            guard: "clusterKnown",
            target: "app",
            actions: { type: "switchFailed", params: errorOf },
          },
          {
            target: "bootFailed",
            actions: [
              { type: "switchFailed", params: errorOf },
              assign(({ event }) => ({ bootError: toAppError(event.error) })),
            ],
          },
        ],
      },
      on: { QUIT: "closed" },
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
            recover: recoverFlow,
            rollback: rollbackFlow,
            upgrade: upgradeFlow,
            uninstall: uninstallFlow,
          },
        },
        quit: quitRegion,
      },
    },
    closed: { type: "final" },
  },
});
