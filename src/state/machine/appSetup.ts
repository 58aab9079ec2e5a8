import { isReadonly } from "../contextSafety.js";
import { assign, enqueueActions, forwardTo, setup } from "xstate";
import type { Backend, ReleaseRef, ReleaseRow, RevisionRow } from "../backend.js";
import {
  PANES,
  type AppContext,
  type AppEvent,
  type AppInput,
  type DetailRequest,
  type Pane,
  type ViewKind,
} from "../appTypes.js";
import { appActors, type StatusEvent } from "../actors.js";
import { contextSwitchFlow } from "./flows/contextSwitch.js";
import { recoverFlow } from "./flows/recover.js";
import type { FlowReport } from "./flows/reports.js";
import { rollbackFlow } from "./flows/rollback.js";
import { uninstallFlow } from "./flows/uninstall.js";
import { upgradeFlow } from "./flows/upgrade.js";
import { lockedReason, recoverStart, releaseStart, rollbackStart } from "./flowStarts.js";
import {
  deployedRevision,
  listLength,
  namespaceItems,
  releaseUnderCursor,
  revisionUnderCursor,
  sameRelease,
  targetRelease,
  filteredPane,
  visibleReleases,
  visibleRevisions,
} from "../selectors.js";

/** Events the machine sends itself between regions. */
type InternalEvent = { type: "HISTORY.LOAD" } | { type: "DETAIL.LOAD" } | { type: "DETAIL.CLEAR" };
export type MachineEvent = AppEvent | InternalEvent | FlowReport | StatusEvent;

/** Which release a flow's key acts on: rollback's is the open history's, the others' the target. */
type Acting = "rollback" | "release";
const actingOn = (context: AppContext, acting: Acting) =>
  acting === "rollback" ? rollbackStart(context)?.release : releaseStart(context)?.release;

/** The flows, each a child actor run while the app is in its mode; the id is the flow's kind. */
export type FlowId = "rollback" | "upgrade" | "uninstall" | "recover";

export const READONLY = "Read-only mode: wheelhouse was started with --readonly";

/** Why changes are refused: the flag, or the context's place in the config file. */
export const readonlyReason = ({ context }: { context: AppContext }): string =>
  context.options.readonly
    ? READONLY
    : `Read-only context ${context.cluster?.context ?? ""}: it matches readonlyContexts in the config file`;

function clamp(n: number, length: number): number {
  return Math.max(0, Math.min(n, length - 1));
}

/** Which revision view keys act on: the history cursor when history is loaded, else the latest. */
function viewRevision(ctx: AppContext, release: ReleaseRef): number | undefined {
  if (sameRelease(release, ctx.selected) && ctx.revisions.length > 0) {
    return revisionUnderCursor(ctx)?.revision;
  }
  return ctx.releases.find((r) => sameRelease(r, release))?.revision;
}

/** The revision pair of `d` and `V`: the two marked, or the one under the cursor vs deployed. */
function diffRequest(ctx: AppContext, view: "diff" | "valuesDiff"): DetailRequest | string {
  const release = ctx.selected;
  const current = revisionUnderCursor(ctx);
  if (!release || !current) return "Open a release's history first (Enter), then pick a revision";
  if (ctx.marked !== undefined && ctx.marked !== current.revision) {
    return {
      view,
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
  return { view, release, from: deployed.revision, revision: current.revision };
}

/** Views of one stored revision: the history cursor picks which. */
const REVISION_VIEWS: readonly ViewKind[] = ["manifest", "values", "notes"];

/**
 * What the detail pane shows once the cursor moved, as k9s and lazygit keep
 * a detail beside a list: the status of the release under the Releases
 * cursor, or the same view of the revision under the History cursor.
 * Undefined when it already shows that, or shows something the cursor does
 * not pick (a diff of two chosen revisions).
 */
function followedRequest(ctx: AppContext): DetailRequest | undefined {
  const shown = ctx.detailRequest;
  if (!shown) return undefined;
  if (ctx.focus === "releases" && shown.view === "status") {
    const row = releaseUnderCursor(ctx);
    if (!row || sameRelease(row, shown.release)) return undefined;
    return {
      view: "status",
      release: { name: row.name, namespace: row.namespace },
      revision: row.revision,
    };
  }
  if (
    ctx.focus === "history" &&
    REVISION_VIEWS.includes(shown.view) &&
    sameRelease(shown.release, ctx.selected)
  ) {
    const rev = revisionUnderCursor(ctx);
    if (!rev || rev.revision === shown.revision) return undefined;
    return { ...shown, revision: rev.revision };
  }
  return undefined;
}

/**
 * The statechart's typed parts — context, events, actors, guards and
 * actions — for the state configs in this folder, which appMachine.ts
 * assembles into the machine.
 */
export const appSetup = setup({
  types: {
    context: {} as AppContext,
    events: {} as MachineEvent,
    input: {} as AppInput,
    children: {} as {
      loadCluster: "loadCluster";
      checkNamespace: "checkNamespace";
      loadReleases: "loadReleases";
      watchReleases: "watchReleases";
      loadHistory: "loadHistory";
      loadDetail: "loadDetail";
      watchStatus: "watchStatus";
      rollback: "rollbackFlow";
      upgrade: "upgradeFlow";
      uninstall: "uninstallFlow";
      recover: "recoverFlow";
      contextSwitch: "contextSwitchFlow";
    },
  },
  actors: {
    ...appActors,
    rollbackFlow,
    upgradeFlow,
    uninstallFlow,
    recoverFlow,
    contextSwitchFlow,
  },
  guards: {
    readonly: ({ context }) => isReadonly(context),
    focusIs: ({ context }, pane: Pane) => context.focus === pane,
    hasSelection: ({ context }) => context.selected !== undefined,
    /** The records that changed include the selected release's (or any may have). */
    selectionChanged: ({ context, event }) =>
      context.selected !== undefined &&
      event.type === "RELEASES.CHANGED" &&
      (event.releases === undefined ||
        event.releases.some((r) => sameRelease(r, context.selected))),
    hasTarget: ({ context }) => releaseStart(context) !== undefined,
    canRollback: ({ context }) => rollbackStart(context) !== undefined,
    locked: ({ context }, acting: Acting) =>
      lockedReason(context, actingOn(context, acting)) !== undefined,
    listStale: ({ context }) => context.listStale === true,
    statusShown: ({ context }) => context.detailRequest?.view === "status",
    /** The pane already shows the requested release's status: a restart keeps it until rows arrive. */
    statusOfRequestShown: ({ context }) =>
      context.detail?.view === "status" &&
      context.detailRequest !== undefined &&
      sameRelease(context.detail.release, context.detailRequest.release),
    /** The records that changed include the release the detail pane shows (or any may have). */
    detailReleaseChanged: ({ context, event }) =>
      context.detailRequest !== undefined &&
      event.type === "RELEASES.CHANGED" &&
      (event.releases === undefined ||
        event.releases.some((r) => sameRelease(r, context.detailRequest?.release))),
    targetPending: ({ context }) => recoverStart(context) !== undefined,
    busy: ({ context }) => context.busy,
    /**
     * `:ns NAME` may go ahead at once: all namespaces, the one in view, one the cluster listed,
     * or namespaces not known yet.
     */
    scopeKnown: ({ context, event }) =>
      event.type === "SCOPE.SET" &&
      (event.namespace === undefined ||
        event.namespace === context.scope.namespace ||
        context.namespaces === undefined ||
        context.namespaces.namespaces.some((n) => n.name === event.namespace)),
    /** The namespace list is the cluster's whole list (listing was not forbidden). */
    namespacesListed: ({ context }) => context.namespaces?.forbidden === false,
    /** The kubeconfig has the context (unknown until the cluster answered once: then let it try). */
    contextKnown: ({ context, event }) =>
      event.type === "CONTEXT.SWITCH" &&
      (context.cluster === undefined || context.cluster.contexts.includes(event.name)),
    clusterKnown: ({ context }) => context.cluster !== undefined,
    currentContext: ({ context, event }) =>
      event.type === "CONTEXT.SWITCH" && context.cluster?.context === event.name,
  },
  actions: {
    notice: assign((_, message: string) => ({ notice: message })),
    clearNotice: assign({ notice: undefined }),
    lockedNotice: assign(({ context }, acting: Acting) => ({
      notice: lockedReason(context, actingOn(context, acting)),
    })),
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
    followCursor: enqueueActions(({ context, enqueue }) => {
      const request = followedRequest(context);
      if (!request) return;
      enqueue.assign({ detailRequest: request });
      enqueue.raise({ type: "DETAIL.LOAD" });
    }),
    setFilter: assign(({ context, event }) => {
      const pane = filteredPane(context);
      if (event.type !== "FILTER.SET" || !pane) return {};
      return {
        filters: { ...context.filters, [pane]: event.text },
        cursors: { ...context.cursors, [pane]: 0 },
      };
    }),
    scopeFromEvent: assign(({ context, event }) => {
      if (event.type !== "SCOPE.SET") return {};
      return resetForScope(context, event.namespace);
    }),
    scopeTo: assign(({ context }, namespace: string) => resetForScope(context, namespace)),
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
        filters: { ...context.filters, history: "" },
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
    // One step back per Esc: out of the viewer to the history (its cursor and mark as they
    // were, so the next key acts on the revision the user left), then the mark, then an applied
    // filter, then the list.
    back: assign(({ context }) => {
      if (context.focus === "detail") return { focus: "history" as Pane, notice: undefined };
      if (context.marked !== undefined) return { marked: undefined, notice: undefined };
      // Then an applied filter, keeping the cursor on the row it was on.
      const pane = filteredPane(context);
      if (pane && pane !== "namespaces" && context.filters[pane] !== "") {
        const cleared = { ...context, filters: { ...context.filters, [pane]: "" } };
        const here =
          pane === "releases" ? releaseUnderCursor(context) : revisionUnderCursor(context);
        const rows: readonly object[] =
          pane === "releases" ? visibleReleases(cleared) : visibleRevisions(cleared);
        return {
          filters: cleared.filters,
          cursors: { ...context.cursors, [pane]: Math.max(0, here ? rows.indexOf(here) : 0) },
          notice: undefined,
        };
      }
      if (pane === "namespaces" && context.filters.namespaces !== "") {
        return {
          filters: { ...context.filters, namespaces: "" },
          cursors: { ...context.cursors, namespaces: 0 },
          notice: undefined,
        };
      }
      if (context.focus === "history") return { focus: "releases" as Pane, notice: undefined };
      return { notice: undefined };
    }),
    assignHistory: assign(({ context }, revisions: RevisionRow[]) => {
      // The cursor moves over the rows the history filter lets through.
      const visible = visibleRevisions({ revisions, filters: context.filters });
      const at = (revision: number | undefined) =>
        visible.findIndex((r) => r.revision === revision);
      let cursor = context.cursors.history;
      if (context.selectRevision !== undefined) {
        const i = at(context.selectRevision);
        if (i >= 0) cursor = i;
      } else if (context.revisions.length === 0) {
        const i = at(deployedRevision({ revisions })?.revision);
        cursor = i >= 0 ? i : visible.length - 1;
      }
      return {
        revisions,
        historyError: undefined,
        selectRevision: undefined,
        cursors: { ...context.cursors, history: clamp(cursor, visible.length) },
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
    openView: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== "VIEW.OPEN") return;
      let request: DetailRequest | string;
      if (event.view === "diff" || event.view === "valuesDiff") {
        request = diffRequest(context, event.view);
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
            filters: { ...context.filters, history: "" },
            cursors: { ...context.cursors, history: 0 },
          });
          enqueue.raise({ type: "HISTORY.LOAD" });
        }
      }
      if (typeof request === "string") {
        enqueue.assign({ notice: request });
        return;
      }
      // A diff takes the keyboard: its keys (n/N, x, [ ]) are the ones the viewer shows.
      const focus = event.view === "diff" ? { focus: "detail" as Pane } : {};
      enqueue.assign({ detailRequest: request, notice: undefined, ...focus });
      enqueue.raise({ type: "DETAIL.LOAD" });
    }),
    unknownNamespace: assign(({ event }) => ({
      notice:
        event.type === "SCOPE.SET"
          ? `No namespace "${event.namespace}" in this cluster (:ns lists them)`
          : undefined,
    })),
    unknownContext: assign(({ context, event }) => ({
      notice:
        event.type === "CONTEXT.SWITCH"
          ? `No context "${event.name}" in the kubeconfig (contexts: ${context.cluster?.contexts.join(", ") ?? "unknown"})`
          : undefined,
    })),
    /** Everything seen belonged to the old context: start over on the new backend. */
    adoptBackend: assign(({ context }, backend: Backend) => ({
      ...resetForScope(context, undefined),
      backend,
      cluster: undefined,
      namespaces: undefined,
      bootError: undefined,
      // The new context's own namespace, unless the app shows every namespace.
      options: { ...context.options, namespace: undefined, context: undefined },
      focus: "releases" as Pane,
      filters: { namespaces: "", releases: "", history: "" },
      cursors: { namespaces: 0, releases: 0, history: 0 },
    })),
    forwardToFlow: forwardTo((_, flow: FlowId) => flow),
    /** Whether the flow in front is applying something; each of its steps is an app snapshot too. */
    trackBusy: assign((_, busy: boolean) => ({ busy })),
    notBusy: assign({ busy: false }),
    flowNotice: assign((_, notice: string | undefined) => ({ notice })),
    /** The cluster changed: refresh what is shown, and land on the revision just written. */
    applied: enqueueActions(({ enqueue }, revision: number | undefined) => {
      if (revision !== undefined) enqueue.assign({ selectRevision: revision });
      enqueue.raise({ type: "REFRESH" });
    }),
    uninstalled: enqueueActions(
      (
        { context, enqueue },
        { release, keepHistory }: { release: ReleaseRef; keepHistory: boolean },
      ) => {
        const gone = !keepHistory && sameRelease(release, context.selected);
        enqueue.assign({
          notice: `Uninstalled ${release.namespace}/${release.name}${keepHistory ? " (history kept)" : ""}`,
          ...(gone ? { selected: undefined, revisions: [], marked: undefined } : {}),
          focus: "releases" as Pane,
        });
        enqueue.raise({ type: "DETAIL.CLEAR" });
        enqueue.raise({ type: "REFRESH" });
      },
    ),
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
    filters: { ...context.filters, releases: "", history: "" },
    cursors: { ...context.cursors, releases: 0, history: 0 },
    notice: undefined,
  };
}
