/** Scroll and toggles of the detail/diff viewer: presentation only, so it lives in the UI. */
export interface ViewerState {
  scroll: number;
  /** Secret values shown instead of masked (x). */
  reveal: boolean;
  /** The document the reveal was asked for; any other document shows masked. */
  revealedDoc?: unknown;
  /** Side-by-side instead of unified, when wide enough (t). */
  sideBySide: boolean;
  /** Context lines around each change ([ and ]). */
  context: number;
  /** Values diffs: computed values rather than user-supplied ones (a). */
  computedValues?: boolean;
  /** The upgrade review: its values diff rather than its manifest diff (V). */
  valuesPreview?: boolean;
  /**
   * The resource n/N last chose (an index of the headings). Scrolling cannot always bring a
   * heading to the top — a diff shorter than the pane does not scroll at all — so the choice is
   * kept apart from the scroll; moving by lines clears it.
   */
  resource?: number;
}

export const INITIAL_VIEWER: ViewerState = {
  scroll: 0,
  reveal: false,
  sideBySide: true,
  context: 3,
};

/** What the viewer last rendered, so keys can clamp and jump. */
export interface ViewerMetrics {
  maxScroll: number;
  /** Rows to jump between with n/N (resource headings). */
  anchors: number[];
  page: number;
}

/** The index of the resource whose rows are at `row`: the last heading at or above it. */
export function resourceAt(anchors: number[], row: number): number {
  let i = 0;
  while (i + 1 < anchors.length && anchors[i + 1]! <= row) i++;
  return i;
}
