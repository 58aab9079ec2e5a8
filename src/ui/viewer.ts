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
