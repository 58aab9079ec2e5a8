import { documentOf } from "../screen.js";
import { resourceAt } from "../viewer.js";
import type { KeyEffect, KeyTarget } from "./keyTarget.js";

/** Outside browsing, and on the detail pane, moving keys scroll the viewer; elsewhere they move a list's cursor. */
const viewerFocused = (k: KeyTarget) => k.at.screen !== "browse" || k.at.focus === "detail";

function scrollBy(k: KeyTarget, delta: number): void {
  const max = k.metrics.maxScroll;
  k.setViewer((v) => ({
    ...v,
    scroll: Math.max(0, Math.min(max, Math.min(v.scroll, max) + delta)),
    resource: undefined,
  }));
}

export const moveBy =
  (lines: number): KeyEffect =>
  (k) =>
    viewerFocused(k) ? scrollBy(k, lines) : k.send({ type: "MOVE", delta: lines });

export const pageBy =
  (pages: 1 | -1): KeyEffect =>
  (k) =>
    viewerFocused(k)
      ? scrollBy(k, pages * k.metrics.page)
      : k.send({ type: "MOVE", delta: pages * k.listPage });

export const moveTo =
  (end: "first" | "last"): KeyEffect =>
  (k) =>
    viewerFocused(k)
      ? scrollBy(k, end === "first" ? -Infinity : Infinity)
      : k.send({ type: "MOVE.TO", position: end });

/**
 * Chooses the next or previous resource and scrolls its heading as near the top as the diff
 * allows. Without a choice yet, "current" is the resource at the top of the view, and N first
 * returns to the start of the resource it is in.
 */
export const jumpResource =
  (direction: 1 | -1): KeyEffect =>
  (k) => {
    const { anchors, maxScroll } = k.metrics;
    if (anchors.length === 0) return;
    const top = Math.min(k.viewer.scroll, maxScroll);
    const chosen = k.viewer.resource;
    const at = chosen !== undefined && chosen < anchors.length ? chosen : resourceAt(anchors, top);
    const back = chosen === undefined && (anchors[at] ?? 0) < top ? 0 : 1;
    const next = direction > 0 ? at + 1 : at - back;
    if (next < 0 || next >= anchors.length) return;
    k.setViewer((v) => ({ ...v, resource: next, scroll: Math.min(anchors[next]!, maxScroll) }));
  };

/** Shows or masks Secret values, for the document on screen only. */
export const toggleSecrets: KeyEffect = (k) =>
  k.setViewer((v) => {
    const doc = documentOf(k.snap);
    const shown = v.reveal && v.revealedDoc === doc;
    return { ...v, reveal: !shown, revealedDoc: doc };
  });
