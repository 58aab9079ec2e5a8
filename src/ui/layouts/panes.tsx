import React, { useCallback } from "react";
import type { ReleaseRow } from "../../state/backend.js";
import type { Pane } from "../../state/appTypes.js";
import { namespaceItems, visibleReleases, visibleRevisions } from "../../state/selectors.js";
import { DetailPane } from "../components/DetailPane.js";
import { NamespacesPane } from "../components/NamespacesPane.js";
import { ReleasesTable } from "../components/ReleasesTable.js";
import { RevisionTimeline } from "../components/RevisionTimeline.js";
import { useAppActorContext } from "../contexts/AppActorContext.js";
import type { AppSnapshot } from "../hooks/useAppActor.js";
import type { Layout } from "../hooks/useLayout.js";
import type { ViewerMetrics, ViewerState } from "../viewer.js";

/** The box the browse screen gives a pane. */
export interface PaneBox {
  focused: boolean;
  height: number;
  width: number;
}

/** What the browse screen hands every pane: its box, and what all panes may show. */
export interface PaneProps {
  box: PaneBox;
  snap: AppSnapshot;
  now: Date;
  viewer: ViewerState;
  wide: boolean;
  onMetrics: (m: ViewerMetrics) => void;
}

/** The browse screen's two rows of panes: lists on top, history and detail below. */
export type PaneRow = "top" | "bottom";

export const ROW_HEIGHT: Record<PaneRow, (l: Layout) => number> = {
  top: (l) => l.topHeight,
  bottom: (l) => l.bottomHeight,
};

interface PaneRegistration {
  row: PaneRow;
  /** Columns it takes; the last pane of a row takes what is left. */
  width?: (l: Layout) => number;
  Component: React.ComponentType<PaneProps>;
}

/**
 * Every pane of the browse screen, left to right within its row: adding a pane
 * is a component and a line here (and the statechart's focus order).
 */
export const PANE_REGISTRY: Record<Pane, PaneRegistration> = {
  namespaces: { row: "top", width: (l) => l.namespacesWidth, Component: Namespaces },
  releases: { row: "top", Component: Releases },
  history: { row: "bottom", width: (l) => l.historyWidth, Component: History },
  detail: { row: "bottom", Component: Detail },
};

/** Rows a page key moves a list by: what shows of it, less borders and headings. */
export function listPageOf(pane: Pane, layout: Layout): number {
  return Math.max(1, ROW_HEIGHT[PANE_REGISTRY[pane].row](layout) - 4);
}

function Namespaces(p: PaneProps) {
  const ctx = p.snap.context;
  return (
    <NamespacesPane
      items={namespaceItems(ctx)}
      cursor={ctx.cursors.namespaces}
      current={ctx.scope.namespace}
      {...p.box}
      forbidden={ctx.namespaces?.forbidden ?? false}
      filter={ctx.filters.namespaces}
    />
  );
}

function Releases(p: PaneProps) {
  const ctx = p.snap.context;
  const { actor } = useAppActorContext();
  // Only rows on screen have their payloads read (chart, app version).
  const onShown = useCallback(
    (rows: ReleaseRow[]) =>
      actor.send({
        type: "RELEASES.SHOWN",
        releases: rows.map((r) => ({ name: r.name, namespace: r.namespace })),
      }),
    [actor],
  );
  return (
    <ReleasesTable
      releases={visibleReleases(ctx)}
      cursor={ctx.cursors.releases}
      focused={p.box.focused}
      height={p.box.height}
      innerWidth={p.box.width - 2}
      showNamespace={ctx.scope.namespace === undefined}
      filter={ctx.filters.releases}
      loading={!ctx.releasesLoaded}
      error={ctx.listError}
      now={p.now}
      onShown={onShown}
    />
  );
}

function History(p: PaneProps) {
  const ctx = p.snap.context;
  return (
    <RevisionTimeline
      release={ctx.selected}
      revisions={visibleRevisions(ctx)}
      filter={ctx.filters.history}
      cursor={ctx.cursors.history}
      marked={ctx.marked}
      {...p.box}
      loading={p.snap.hasTag("history.loading")}
      error={ctx.historyError}
      now={p.now}
    />
  );
}

function Detail(p: PaneProps) {
  const ctx = p.snap.context;
  return (
    <DetailPane
      request={ctx.detailRequest}
      detail={ctx.detail}
      loading={p.snap.hasTag("detail.loading")}
      error={ctx.detailError}
      viewer={p.viewer}
      {...p.box}
      wide={p.wide}
      onMetrics={p.onMetrics}
    />
  );
}
