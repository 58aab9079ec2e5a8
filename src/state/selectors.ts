import type { SnapshotFrom } from "xstate";
import type { ReleaseStatus } from "../engine/release/types.js";
import type { ReleaseRef, ReleaseRow, RevisionRow } from "./backend.js";
import type { AppContext, FilteredPane, Pane } from "./appTypes.js";
import type { FlowScreen } from "./machine/flows/common.js";
import type { contextSwitchFlow } from "./machine/flows/contextSwitch.js";
import type { recoverFlow } from "./machine/flows/recover.js";
import type { rollbackFlow } from "./machine/flows/rollback.js";
import type { uninstallFlow } from "./machine/flows/uninstall.js";
import type { upgradeFlow } from "./machine/flows/upgrade.js";

/** The namespaces pane lists "all" first, then each namespace. */
export interface NamespaceItem {
  name: string;
  /** Undefined for the "all namespaces" row. */
  namespace?: string;
  releases: number;
}

function matches(text: string, filter: string): boolean {
  return filter === "" || text.toLowerCase().includes(filter.toLowerCase());
}

/**
 * "all" first, then each namespace with its release count. Counts follow the
 * live release list where it covers the namespace, so they stay current
 * between full namespace listings.
 */
export function namespaceItems(
  ctx: Pick<AppContext, "namespaces" | "filters" | "releases" | "scope" | "releasesLoaded">,
): NamespaceItem[] {
  const counts = new Map<string, number>();
  for (const ns of ctx.namespaces?.namespaces ?? []) counts.set(ns.name, ns.releases);
  if (ctx.releasesLoaded) {
    const live = new Map<string, number>();
    for (const r of ctx.releases) live.set(r.namespace, (live.get(r.namespace) ?? 0) + 1);
    if (ctx.scope.namespace === undefined) {
      for (const name of counts.keys()) counts.set(name, 0);
      for (const [name, n] of live) counts.set(name, n);
    } else {
      counts.set(ctx.scope.namespace, live.get(ctx.scope.namespace) ?? 0);
    }
  }
  const names = [...counts.keys()].sort((a, b) => a.localeCompare(b));
  const total = names.reduce((n, name) => n + counts.get(name)!, 0);
  const items: NamespaceItem[] = [{ name: "all", releases: total }];
  for (const name of names) {
    if (matches(name, ctx.filters.namespaces)) {
      items.push({ name, namespace: name, releases: counts.get(name)! });
    }
  }
  return items;
}

/** Releases after the filter of the releases pane (name, namespace, chart or status). */
export function visibleReleases(ctx: Pick<AppContext, "releases" | "filters">): ReleaseRow[] {
  const f = ctx.filters.releases;
  if (f === "") return ctx.releases;
  return ctx.releases.filter(
    (r) =>
      matches(r.name, f) || matches(r.namespace, f) || matches(r.chart, f) || matches(r.status, f),
  );
}

export function releaseUnderCursor(ctx: AppContext): ReleaseRow | undefined {
  return visibleReleases(ctx)[ctx.cursors.releases];
}

/** Revisions after the history pane's filter (number, status, chart, app version, description). */
export function visibleRevisions(ctx: Pick<AppContext, "revisions" | "filters">): RevisionRow[] {
  const f = ctx.filters.history;
  if (f === "") return ctx.revisions;
  return ctx.revisions.filter(
    (r) =>
      matches(String(r.revision), f) ||
      matches(r.status, f) ||
      matches(r.chartVersion, f) ||
      matches(r.appVersion, f) ||
      matches(r.description, f),
  );
}

export function revisionUnderCursor(ctx: AppContext): RevisionRow | undefined {
  return visibleRevisions(ctx)[ctx.cursors.history];
}

/** The pane a / filter applies to: the focused list (the detail pane has none). */
export function filteredPane(ctx: Pick<AppContext, "focus">): FilteredPane | undefined {
  return ctx.focus === "detail" ? undefined : ctx.focus;
}

export function deployedRevision(ctx: Pick<AppContext, "revisions">): RevisionRow | undefined {
  for (let i = ctx.revisions.length - 1; i >= 0; i--) {
    if (ctx.revisions[i]!.status === "deployed") return ctx.revisions[i];
  }
  return undefined;
}

export function sameRelease(a: ReleaseRef | undefined, b: ReleaseRef | undefined): boolean {
  return a !== undefined && b !== undefined && a.name === b.name && a.namespace === b.namespace;
}

/** The release a key acts on: the one under the cursor in the releases pane, else the selected one. */
export function targetRelease(ctx: AppContext): ReleaseRef | undefined {
  if (ctx.focus === "releases" || ctx.focus === "namespaces") {
    const row = releaseUnderCursor(ctx);
    if (row) return { name: row.name, namespace: row.namespace };
  }
  return ctx.selected;
}

export function listLength(ctx: AppContext, pane: Pane): number {
  switch (pane) {
    case "namespaces":
      return namespaceItems(ctx).length;
    case "releases":
      return visibleReleases(ctx).length;
    case "history":
      return visibleRevisions(ctx).length;
    case "detail":
      return 0;
  }
}

export type StatusCounts = Partial<Record<ReleaseStatus, number>>;

export function countsByStatus(releases: readonly ReleaseRow[]): StatusCounts {
  const counts: StatusCounts = {};
  for (const r of releases) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

export function scopeLabel(ctx: Pick<AppContext, "scope">): string {
  return ctx.scope.namespace ?? "all namespaces";
}

type Running<Flow> = { getSnapshot(): SnapshotFrom<Flow> };

/** What the snapshot selectors read of the app's snapshot: its tags and its flows. */
export interface AppView {
  status: string;
  tags: ReadonlySet<string>;
  children: {
    rollback?: Running<typeof rollbackFlow>;
    upgrade?: Running<typeof upgradeFlow>;
    uninstall?: Running<typeof uninstallFlow>;
    recover?: Running<typeof recoverFlow>;
    contextSwitch?: Running<typeof contextSwitchFlow>;
  };
}

/** The flow in front, by kind, with its own snapshot (state, tags and context). */
export type ActiveFlow =
  | { kind: "rollback"; snapshot: SnapshotFrom<typeof rollbackFlow> }
  | { kind: "upgrade"; snapshot: SnapshotFrom<typeof upgradeFlow> }
  | { kind: "uninstall"; snapshot: SnapshotFrom<typeof uninstallFlow> }
  | { kind: "recover"; snapshot: SnapshotFrom<typeof recoverFlow> }
  | { kind: "contextSwitch"; snapshot: SnapshotFrom<typeof contextSwitchFlow> };

export type FlowKind = ActiveFlow["kind"];

/** The flow the app runs now, if any; one that has just ended is no longer in front. */
export function selectFlow(snap: AppView): ActiveFlow | undefined {
  const { rollback, upgrade, uninstall, recover, contextSwitch } = snap.children;
  let flow: ActiveFlow | undefined;
  if (rollback) flow = { kind: "rollback", snapshot: rollback.getSnapshot() };
  else if (upgrade) flow = { kind: "upgrade", snapshot: upgrade.getSnapshot() };
  else if (uninstall) flow = { kind: "uninstall", snapshot: uninstall.getSnapshot() };
  else if (recover) flow = { kind: "recover", snapshot: recover.getSnapshot() };
  else if (contextSwitch) flow = { kind: "contextSwitch", snapshot: contextSwitch.getSnapshot() };
  return flow?.snapshot.status === "active" ? flow : undefined;
}

/** The screens the statechart decides, each a tag of the state that shows it. */
export type StateScreen = "boot" | "bootFailed" | "browse" | "quit" | FlowScreen;

const SCREENS: readonly StateScreen[] = [
  "boot",
  "bootFailed",
  "browse",
  "planning",
  "review",
  "confirm",
  "applying",
  "result",
  "failed",
  "upgrade.chart",
  "upgrade.checking",
  "upgrade.values",
  "upgrade.editing",
  "uninstall.confirm",
  "confirm.typed",
];

/**
 * Which screen the state shows: the flow in front names it, else the app's own
 * states do. The quit question covers the screen; `pastQuit` looks under it.
 */
export function selectScreen(snap: AppView, pastQuit = false): StateScreen {
  if (snap.status === "done") return "boot";
  if (!pastQuit && snap.tags.has("quit")) return "quit";
  const flow = selectFlow(snap);
  const tags: ReadonlySet<string> = flow ? flow.snapshot.tags : snap.tags;
  return SCREENS.find((screen) => tags.has(screen)) ?? "browse";
}

/** The text the flow in front is editing: the chart to upgrade to, or the name typed to uninstall. */
export function selectFlowText(snap: AppView): string | undefined {
  const flow = selectFlow(snap);
  if (flow?.kind === "upgrade" && flow.snapshot.hasTag("upgrade.chart")) {
    return flow.snapshot.context.chart;
  }
  if (flow?.kind === "uninstall" && flow.snapshot.hasTag("uninstall.confirm")) {
    return flow.snapshot.context.typed;
  }
  if (flow && flow.kind !== "contextSwitch" && flow.snapshot.hasTag("confirm.typed")) {
    return (flow.snapshot.context as { typed?: string }).typed ?? "";
  }
  return undefined;
}

/** The latest update among the releases and revisions on screen: the age that changes first. */
export function youngestUpdate(ctx: Pick<AppContext, "releases" | "revisions">): Date | undefined {
  let youngest: Date | undefined;
  for (const { updated } of [...ctx.releases, ...ctx.revisions]) {
    if (updated && (!youngest || updated > youngest)) youngest = updated;
  }
  return youngest;
}
