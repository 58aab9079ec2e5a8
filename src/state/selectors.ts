import type { ReleaseStatus } from "../engine/release/types.js";
import type { ReleaseRef, ReleaseRow, RevisionRow } from "./backend.js";
import type { AppContext, Pane } from "./appTypes.js";

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

export function revisionUnderCursor(ctx: AppContext): RevisionRow | undefined {
  return ctx.revisions[ctx.cursors.history];
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
      return ctx.revisions.length;
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
