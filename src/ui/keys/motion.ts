import { documentOf } from "../screen.js";
import type { KeyEffect, KeyTarget } from "./keyTarget.js";

/** Outside browsing, and on the detail pane, moving keys scroll the viewer; elsewhere they move a list's cursor. */
const viewerFocused = (k: KeyTarget) => k.at.screen !== "browse" || k.at.focus === "detail";

function scrollBy(k: KeyTarget, delta: number): void {
  const max = k.metrics.maxScroll;
  k.setViewer((v) => ({
    ...v,
    scroll: Math.max(0, Math.min(max, Math.min(v.scroll, max) + delta)),
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

/** Scrolls the diff to the next or previous resource heading. */
export const jumpResource =
  (direction: 1 | -1): KeyEffect =>
  (k) => {
    const { anchors, maxScroll } = k.metrics;
    const cur = Math.min(k.viewer.scroll, maxScroll);
    const target =
      direction > 0 ? anchors.find((a) => a > cur) : [...anchors].reverse().find((a) => a < cur);
    if (target !== undefined) k.setViewer((v) => ({ ...v, scroll: Math.min(target, maxScroll) }));
  };

/** Shows or masks Secret values, for the document on screen only. */
export const toggleSecrets: KeyEffect = (k) =>
  k.setViewer((v) => {
    const doc = documentOf(k.snap);
    const shown = v.reveal && v.revealedDoc === doc;
    return { ...v, reveal: !shown, revealedDoc: doc };
  });
