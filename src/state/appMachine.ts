import { assign, enqueueActions, or, raise, setup, stateIn } from "xstate";
import type { ClusterInfo, ReleaseRef, ReleaseRow, RevisionRow, Scope } from "./backend.js";
import {
  PANES,
  toAppError,
  type AppContext,
  type AppEvent,
  type AppInput,
  type DetailRequest,
  type Pane,
  type ViewKind,
} from "./appTypes.js";
import { isPending } from "../engine/release/types.js";
import { appActors } from "./actors.js";
import {
  deployedRevision,
  listLength,
  namespaceItems,
  revisionUnderCursor,
  sameRelease,
  targetRelease,
  visibleReleases,
} from "./selectors.js";

/** Events the machine sends itself between regions. */
type InternalEvent = { type: "HISTORY.LOAD" } | { type: "DETAIL.LOAD" } | { type: "DETAIL.CLEAR" };
export type MachineEvent = AppEvent | InternalEvent;

const READONLY = "Read-only mode: wheelhouse was started with --readonly";

function clamp(n: number, length: number): number {
  return Math.max(0, Math.min(n, length - 1));
}

/** The scope the app opens on: -A, then -n, then the context's namespace. */
function initialScope(ctx: AppContext, cluster: ClusterInfo): Scope {
  if (ctx.options.allNamespaces) return {};
  return { namespace: ctx.options.namespace ?? cluster.namespace };
}

/** Which revision view keys act on: the history cursor when history is loaded, else the latest. */
function viewRevision(ctx: AppContext, release: ReleaseRef): number | undefined {
  if (sameRelease(release, ctx.selected) && ctx.revisions.length > 0) {
    return revisionUnderCursor(ctx)?.revision;
  }
  return ctx.releases.find((r) => sameRelease(r, release))?.revision;
}

function diffRequest(ctx: AppContext): DetailRequest | string {
  const release = ctx.selected;
  const current = revisionUnderCursor(ctx);
  if (!release || !current) return "Open a release's history first (Enter), then pick a revision";
  if (ctx.marked !== undefined && ctx.marked !== current.revision) {
    return {
      view: "diff",
      release,
      from: Math.min(ctx.marked, current.revision),
      revision: Math.max(ctx.marked, current.revision),
    };
  }
  const deployed = deployedRevision(ctx);
  if (!deployed) return "No deployed revision to compare with; mark one with Space";
  if (deployed.revision === current.revision) {
    return "This is the deployed revision; move to another or mark one with Space";
  }
  return { view: "diff", release, from: deployed.revision, revision: current.revision };
}

export const appMachine = setup({
  types: {
    context: {} as AppContext,
    events: {} as MachineEvent,
    input: {} as AppInput,
  },
  actors: appActors,
  guards: {
    readonly: ({ context }) => context.options.readonly,
    focusIs: ({ context }, pane: Pane) => context.focus === pane,
    hasSelection: ({ context }) => context.selected !== undefined,
    hasTarget: ({ context }) => targetRelease(context) !== undefined,
    canRollback: ({ context }) =>
      context.selected !== undefined && revisionUnderCursor(context) !== undefined,
    listStale: ({ context }) => context.listStale === true,
    statusShown: ({ context }) => context.detailRequest?.view === "status",
    targetPending: ({ context }) => {
      const release = targetRelease(context);
      const row = release && context.releases.find((r) => sameRelease(r, release));
      return row !== undefined && isPending(row.status);
    },
    hasEditor: ({ context }) => context.editor !== undefined,
    chartGiven: ({ context }) => (context.upgrade?.chart.trim() ?? "") !== "",
    nameTyped: ({ context }) =>
      context.uninstall !== undefined && context.uninstall.typed === context.uninstall.release.name,
  },
  actions: {
    notice: assign((_, message: string) => ({ notice: message })),
    clearNotice: assign({ notice: undefined }),
    raiseRefresh: raise({ type: "REFRESH" }),
    moveFocus: assign(({ context, event }) => {
      let focus = context.focus;
      if (event.type === "FOCUS.SET") focus = event.pane;
      else {
        const step = event.type === "FOCUS.PREV" ? -1 : 1;
        focus = PANES[(PANES.indexOf(focus) + step + PANES.length) % PANES.length]!;
      }
      return { focus, notice: undefined };
    }),
    moveCursor: assign(({ context, event }) => {
      const pane = context.focus;
      if (pane === "detail") return {};
      const length = listLength(context, pane);
      let next = context.cursors[pane];
      if (event.type === "MOVE") next += event.delta;
      else if (event.type === "MOVE.TO") next = event.position === "first" ? 0 : length - 1;
      return { cursors: { ...context.cursors, [pane]: clamp(next, length) }, notice: undefined };
    }),
    setFilter: assign(({ context, event }) => {
      if (event.type !== "FILTER.SET") return {};
      const pane = context.focus === "namespaces" ? "namespaces" : "releases";
      return {
        filters: { ...context.filters, [pane]: event.text },
        cursors: { ...context.cursors, [pane]: 0 },
      };
    }),
    scopeFromEvent: assign(({ context, event }) => {
      if (event.type !== "SCOPE.SET") return {};
      return resetForScope(context, event.namespace);
    }),
    scopeFromCursor: assign(({ context }) => {
      const item = namespaceItems(context)[context.cursors.namespaces];
      return { ...resetForScope(context, item?.namespace), focus: "releases" as Pane };
    }),
    selectUnderCursor: assign(({ context }) => {
      const row = visibleReleases(context)[context.cursors.releases];
      if (!row) return {};
      const release = { name: row.name, namespace: row.namespace };
      return {
        selected: release,
        revisions: [],
        marked: undefined,
        focus: "history" as Pane,
        cursors: { ...context.cursors, history: 0 },
        detailRequest: { view: "status" as ViewKind, release, revision: row.revision },
      };
    }),
    loadSelection: enqueueActions(({ enqueue }) => {
      enqueue.raise({ type: "HISTORY.LOAD" });
      enqueue.raise({ type: "DETAIL.LOAD" });
    }),
    openManifestUnderCursor: enqueueActions(({ context, enqueue }) => {
      const rev = revisionUnderCursor(context);
      if (!context.selected || !rev) return;
      enqueue.assign({
        focus: "detail" as Pane,
        detailRequest: {
          view: "manifest" as ViewKind,
          release: context.selected,
          revision: rev.revision,
        },
      });
      enqueue.raise({ type: "DETAIL.LOAD" });
    }),
    toggleMark: assign(({ context }) => {
      const rev = revisionUnderCursor(context);
      if (!rev) return {};
      return { marked: context.marked === rev.revision ? undefined : rev.revision };
    }),
    back: assign(({ context }) => {
      if (context.marked !== undefined) return { marked: undefined, notice: undefined };
      if (context.focus === "detail") return { focus: "history" as Pane, notice: undefined };
      if (context.focus === "history") return { focus: "releases" as Pane, notice: undefined };
      return { notice: undefined };
    }),
    assignHistory: assign(({ context }, revisions: RevisionRow[]) => {
      let cursor = context.cursors.history;
      if (context.selectRevision !== undefined) {
        const i = revisions.findIndex((r) => r.revision === context.selectRevision);
        if (i >= 0) cursor = i;
      } else if (context.revisions.length === 0) {
        const deployed = deployedRevision({ revisions });
        cursor = deployed ? revisions.indexOf(deployed) : revisions.length - 1;
      }
      return {
        revisions,
        historyError: undefined,
        selectRevision: undefined,
        cursors: { ...context.cursors, history: clamp(cursor, revisions.length) },
      };
    }),
    assignReleases: assign(({ context }, releases: ReleaseRow[]) => {
      const next = { ...context, releases };
      return {
        releases,
        releasesLoaded: true,
        listError: undefined,
        listStale: false,
        cursors: {
          ...context.cursors,
          releases: clamp(context.cursors.releases, visibleReleases(next).length),
        },
      };
    }),
    progress: assign(({ context, event }) => {
      if (event.type !== "PROGRESS") return {};
      const add = <T extends { progress: unknown[] }>(flow: T | undefined): T | undefined =>
        flow && { ...flow, progress: [...flow.progress, event.progress] };
      return {
        rollback: add(context.rollback),
        upgrade: add(context.upgrade),
        uninstall: add(context.uninstall),
      };
    }),
    rollbackError: assign(({ context, event }) => ({
      rollback: { ...context.rollback!, error: toAppError((event as { error?: unknown }).error) },
    })),
    upgradeError: assign(({ context, event }) => ({
      upgrade: { ...context.upgrade!, error: toAppError((event as { error?: unknown }).error) },
    })),
    openView: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== "VIEW.OPEN") return;
      let request: DetailRequest | string;
      if (event.view === "diff") {
        request = diffRequest(context);
      } else {
        const release = targetRelease(context);
        const revision = release && viewRevision(context, release);
        request =
          release && revision !== undefined
            ? { view: event.view, release, revision }
            : "Select a release first";
        if (release && !sameRelease(release, context.selected)) {
          enqueue.assign({
            selected: release,
            revisions: [],
            marked: undefined,
            cursors: { ...context.cursors, history: 0 },
          });
          enqueue.raise({ type: "HISTORY.LOAD" });
        }
      }
      if (typeof request === "string") {
        enqueue.assign({ notice: request });
        return;
      }
      enqueue.assign({ detailRequest: request, notice: undefined });
      enqueue.raise({ type: "DETAIL.LOAD" });
    }),
    endFlows: assign({
      rollback: undefined,
      upgrade: undefined,
      uninstall: undefined,
      recover: undefined,
    }),
  },
}).createMachine({
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
      on: { RETRY: "boot", QUIT: "closed" },
    },
    app: {
      id: "app",
      type: "parallel",
      states: {
        list: {
          invoke: {
            id: "watchReleases",
            src: "watchReleases",
            input: ({ context }) => ({ backend: context.backend, scope: context.scope }),
          },
          initial: "loading",
          states: {
            loading: {
              invoke: {
                id: "loadReleases",
                src: "loadReleases",
                input: ({ context }) => ({ backend: context.backend, scope: context.scope }),
                onDone: {
                  target: "ready",
                  actions: { type: "assignReleases", params: ({ event }) => event.output },
                },
                onError: {
                  target: "failed",
                  actions: assign(({ event }) => ({ listError: toAppError(event.error) })),
                },
              },
            },
            ready: {
              on: { "RELEASES.CHANGED": "refreshing", REFRESH: "refreshing" },
            },
            refreshing: {
              on: {
                "RELEASES.CHANGED": { actions: assign({ listStale: true }) },
                REFRESH: { actions: assign({ listStale: true }) },
              },
              invoke: {
                id: "loadReleases",
                src: "loadReleases",
                input: ({ context }) => ({ backend: context.backend, scope: context.scope }),
                onDone: [
                  {
                    guard: "listStale",
                    target: "refreshing",
                    reenter: true,
                    actions: { type: "assignReleases", params: ({ event }) => event.output },
                  },
                  {
                    target: "ready",
                    actions: { type: "assignReleases", params: ({ event }) => event.output },
                  },
                ],
                onError: {
                  target: "failed",
                  actions: assign(({ event }) => ({ listError: toAppError(event.error) })),
                },
              },
            },
            failed: {
              on: { RETRY: "loading", REFRESH: "loading", "RELEASES.CHANGED": "loading" },
            },
          },
        },
        revisions: {
          initial: "none",
          on: {
            // Not `reenter`: the region's parent is parallel, so re-entering the region
            // would re-enter the whole app. An internal transition still restarts `loading`.
            "HISTORY.LOAD": { target: ".loading" },
          },
          states: {
            none: {},
            loading: {
              invoke: {
                id: "loadHistory",
                src: "loadHistory",
                input: ({ context }) => ({ backend: context.backend, release: context.selected! }),
                onDone: {
                  target: "ready",
                  actions: { type: "assignHistory", params: ({ event }) => event.output },
                },
                onError: {
                  target: "failed",
                  actions: assign(({ event }) => ({ historyError: toAppError(event.error) })),
                },
              },
            },
            ready: {
              on: {
                REFRESH: [{ guard: "hasSelection", target: "loading" }, { target: "none" }],
                // Someone else may have upgraded or rolled back the open release.
                "RELEASES.CHANGED": { guard: "hasSelection", target: "loading" },
              },
            },
            failed: {
              on: {
                RETRY: { guard: "hasSelection", target: "loading" },
                REFRESH: [{ guard: "hasSelection", target: "loading" }, { target: "none" }],
              },
            },
          },
        },
        detail: {
          initial: "closed",
          on: {
            "DETAIL.LOAD": { target: ".loading" },
            "DETAIL.CLEAR": {
              target: ".closed",
              actions: assign({
                detail: undefined,
                detailRequest: undefined,
                detailError: undefined,
              }),
            },
          },
          states: {
            closed: {},
            loading: {
              invoke: {
                id: "loadDetail",
                src: "loadDetail",
                input: ({ context }) => ({
                  backend: context.backend,
                  request: context.detailRequest!,
                }),
                onDone: {
                  target: "shown",
                  actions: assign(({ event }) => ({
                    detail: event.output,
                    detailError: undefined,
                  })),
                },
                onError: {
                  target: "failed",
                  actions: assign(({ event }) => ({ detailError: toAppError(event.error) })),
                },
              },
            },
            shown: {
              on: {
                // Readiness is live; manifests, values and notes of a revision never change.
                REFRESH: { guard: "statusShown", target: "loading" },
              },
            },
            failed: { on: { RETRY: "loading" } },
          },
        },
        mode: {
          initial: "browse",
          states: {
            browse: {
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
                      params:
                        "Open a release's history (Enter) and pick the revision to roll back to",
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
                      params:
                        "Only a release stuck in pending-install/upgrade/rollback needs recovering",
                    },
                  },
                ],
              },
            },
            // `wheelhouse recover`: marks a stale pending revision failed so the release can move again.
            recover: {
              initial: "confirm",
              states: {
                confirm: {
                  on: {
                    CONFIRM: "running",
                    DENY: "#wh.app.mode.browse",
                    CANCEL: "#wh.app.mode.browse",
                  },
                },
                running: {
                  id: "recoverRunning",
                  invoke: {
                    id: "recover",
                    src: "recover",
                    input: ({ context }) => ({
                      backend: context.backend,
                      release: context.recover!.release,
                    }),
                    onDone: {
                      target: "#wh.app.mode.browse",
                      actions: [
                        assign(({ context }) => ({
                          notice: `Recovered ${context.recover!.release.namespace}/${context.recover!.release.name}: its ${context.recover!.status} revision is now failed`,
                        })),
                        "raiseRefresh",
                      ],
                    },
                    onError: {
                      target: "failed",
                      actions: assign(({ context, event }) => ({
                        recover: { ...context.recover!, error: toAppError(event.error) },
                      })),
                    },
                  },
                },
                failed: {
                  on: {
                    RETRY: "confirm",
                    DISMISS: "#wh.app.mode.browse",
                    CANCEL: "#wh.app.mode.browse",
                  },
                },
              },
            },
            rollback: {
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
                result: {
                  on: { DISMISS: "#wh.app.mode.browse", CANCEL: "#wh.app.mode.browse" },
                },
                failed: {
                  on: {
                    RETRY: "planning",
                    DISMISS: "#wh.app.mode.browse",
                    CANCEL: "#wh.app.mode.browse",
                  },
                },
              },
            },
            upgrade: {
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
                result: {
                  on: { DISMISS: "#wh.app.mode.browse", CANCEL: "#wh.app.mode.browse" },
                },
                failed: {
                  on: {
                    RETRY: "planning",
                    DISMISS: "#wh.app.mode.browse",
                    CANCEL: "#wh.app.mode.browse",
                  },
                },
              },
            },
            uninstall: {
              initial: "confirm",
              on: { PROGRESS: { actions: "progress" } },
              states: {
                confirm: {
                  on: {
                    "UNINSTALL.TYPE": {
                      actions: assign(({ context, event }) => ({
                        uninstall: { ...context.uninstall!, typed: event.text },
                      })),
                    },
                    "UNINSTALL.TOGGLE_KEEP_HISTORY": {
                      actions: assign(({ context }) => ({
                        uninstall: {
                          ...context.uninstall!,
                          keepHistory: !context.uninstall!.keepHistory,
                        },
                      })),
                    },
                    CONFIRM: { guard: "nameTyped", target: "running" },
                    DENY: "#wh.app.mode.browse",
                    CANCEL: "#wh.app.mode.browse",
                  },
                },
                running: {
                  id: "uninstallRunning",
                  tags: ["busy"],
                  invoke: {
                    id: "uninstall",
                    src: "uninstall",
                    input: ({ context, self }) => ({
                      backend: context.backend,
                      release: context.uninstall!.release,
                      keepHistory: context.uninstall!.keepHistory,
                      parent: self,
                    }),
                    onDone: {
                      target: "#wh.app.mode.browse",
                      actions: [
                        assign(({ context }) => {
                          const { release, keepHistory } = context.uninstall!;
                          const gone = !keepHistory && sameRelease(release, context.selected);
                          return {
                            notice: `Uninstalled ${release.namespace}/${release.name}${keepHistory ? " (history kept)" : ""}`,
                            ...(gone
                              ? { selected: undefined, revisions: [], marked: undefined }
                              : {}),
                            focus: "releases" as Pane,
                          };
                        }),
                        raise({ type: "DETAIL.CLEAR" }),
                        "raiseRefresh",
                      ],
                    },
                    onError: {
                      target: "failed",
                      actions: [
                        assign(({ context, event }) => ({
                          uninstall: { ...context.uninstall!, error: toAppError(event.error) },
                        })),
                        "raiseRefresh",
                      ],
                    },
                  },
                },
                failed: {
                  on: {
                    // Asks again: the release may have changed since the name was typed.
                    RETRY: {
                      target: "confirm",
                      actions: assign(({ context }) => ({
                        uninstall: { ...context.uninstall!, typed: "", error: undefined },
                      })),
                    },
                    DISMISS: "#wh.app.mode.browse",
                    CANCEL: "#wh.app.mode.browse",
                  },
                },
              },
            },
          },
        },
        quit: {
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
        },
      },
    },
    closed: { type: "final" },
  },
});

function resetForScope(context: AppContext, namespace: string | undefined): Partial<AppContext> {
  return {
    scope: namespace === undefined ? {} : { namespace },
    releases: [],
    releasesLoaded: false,
    selected: undefined,
    revisions: [],
    marked: undefined,
    detail: undefined,
    detailRequest: undefined,
    filters: { ...context.filters, releases: "" },
    cursors: { ...context.cursors, releases: 0, history: 0 },
    notice: undefined,
  };
}
