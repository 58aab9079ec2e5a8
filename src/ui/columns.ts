import { shownLine } from "./shown.js";
import type { ColorName } from "./theme.js";

/**
 * One column of a table pane. A pane's table is a list of these, so adding a column is one entry:
 * `{ title: "SIZE", cell: (r) => kib(r.size), align: "right", priority: 20 }`.
 */
export interface Column<Row> {
  /** The heading, and the column's name (two columns of a table never share one). */
  title: string;
  /** The cell's text; `now` is the one clock every table shares (ages). */
  cell: (row: Row, now: Date) => string;
  /** Numbers and ages line up on the right. */
  align?: "left" | "right";
  /**
   * Narrowest it may be cut to (with an ellipsis) before it is dropped instead; without one the
   * column is never cut (a status, a number), only dropped.
   */
  min?: number;
  /** Widest it takes, however long its content. */
  max?: number;
  /**
   * Which column gives way first when the pane is narrow: the lowest priority (default 0; of
   * equals, the rightmost) is cut to its min, then dropped if that is not enough, then the next.
   * One column is always left.
   */
  priority?: number;
  /** Takes the width left over once every column has its content's width (a description). */
  grow?: boolean;
  /** The cell's colour, for a row (a status). */
  color?: (row: Row) => ColorName | undefined;
  /** Cells in bold (keys in the help). */
  bold?: boolean;
}

/** A column given its width. */
export interface PlacedColumn<Row> extends Column<Row> {
  width: number;
}

/** Where a table's columns go in `width` terminal columns. */
export interface ColumnLayout<Row> {
  /** The columns shown, left to right; dropped ones are left out. */
  columns: PlacedColumn<Row>[];
  /** Spaces between two columns: two when everything fits at its content's width, else one. */
  gap: number;
  width: number;
}

/** Width of text as the UI shows it (./shown.ts makes control characters visible). */
export function shownWidth(text: string): number {
  return shownLine(text).length;
}

/**
 * Sizes columns from their content and the width there is. Each column gets its content's width
 * and no more (a short name leaves room for the rest). When the line is too wide, columns give
 * way from the lowest priority up: each is cut down to its min, and dropped if that is not enough.
 * Width left over goes back to cut columns (highest priority first), then to a second space
 * between columns, then to `grow` columns. Every column keeps at least one space from the next,
 * and the line never passes `width`, so Ink never cuts it a second time.
 */
export function layoutColumns<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  width: number,
  now: Date = new Date(),
): ColumnLayout<Row> {
  const natural = columns.map((c) => {
    let w = shownWidth(c.title);
    for (const row of rows) w = Math.max(w, shownWidth(c.cell(row, now)));
    return Math.min(w, c.max ?? Infinity);
  });
  const min = columns.map((c, i) => Math.min(c.min ?? Infinity, natural[i]!));
  const widths = [...natural];
  let shown = columns.map((_, i) => i);
  const spare = (gap: number) =>
    width - shown.reduce((n, i) => n + widths[i]!, 0) - gap * Math.max(0, shown.length - 1);

  // Lowest priority first; of equals, the rightmost.
  const byPriority = shown.toSorted(
    (a, b) => (columns[a]!.priority ?? 0) - (columns[b]!.priority ?? 0) || b - a,
  );
  for (const i of byPriority) {
    if (spare(1) >= 0) break;
    widths[i] = Math.max(min[i]!, widths[i]! + spare(1));
    if (spare(1) < 0 && shown.length > 1) shown = shown.filter((k) => k !== i);
  }
  // One column left, wider than the pane even at its min.
  if (spare(1) < 0) widths[shown[0]!] = Math.max(0, width);

  for (const i of byPriority.toReversed()) {
    if (shown.includes(i)) widths[i]! += Math.max(0, Math.min(spare(1), natural[i]! - widths[i]!));
  }
  const gap = spare(2) >= 0 ? 2 : 1;
  const growing = shown.filter((i) => columns[i]!.grow);
  for (let k = 0, left = spare(gap); left > 0 && growing.length > 0; k++, left--) {
    widths[growing[k % growing.length]!]!++;
  }
  return { columns: shown.map((i) => ({ ...columns[i]!, width: widths[i]! })), gap, width };
}

/** `text` cut (with an ellipsis) or padded to exactly `width` columns. */
export function fitCell(
  untrusted: string,
  width: number,
  align: "left" | "right" = "left",
): string {
  if (width <= 0) return "";
  const text = shownLine(untrusted);
  if (text.length > width) return width === 1 ? "…" : text.slice(0, width - 1) + "…";
  return align === "right" ? text.padStart(width) : text.padEnd(width);
}

/** A piece of a table line: a cell's padded text, or the gap between two. */
export interface PlacedCell {
  text: string;
  color?: ColorName;
  bold?: boolean;
}

/** A row's cells, gaps included, filling exactly the layout's width. */
export function placeRow<Row>(layout: ColumnLayout<Row>, row: Row, now: Date): PlacedCell[] {
  return place(layout, (c) => ({ text: c.cell(row, now), color: c.color?.(row), bold: c.bold }));
}

/** The headings' cells, as placeRow. */
export function placeHeader<Row>(layout: ColumnLayout<Row>): PlacedCell[] {
  return place(layout, (c) => ({ text: c.title }));
}

function place<Row>(
  layout: ColumnLayout<Row>,
  content: (c: PlacedColumn<Row>) => PlacedCell,
): PlacedCell[] {
  const cells: PlacedCell[] = [];
  let used = 0;
  layout.columns.forEach((c, i) => {
    const { text, ...style } = content(c);
    if (i > 0) cells.push({ text: " ".repeat(layout.gap) });
    cells.push({ text: fitCell(text, c.width, c.align), ...style });
    used += (i > 0 ? layout.gap : 0) + c.width;
  });
  if (used < layout.width) cells.push({ text: " ".repeat(layout.width - used) });
  return cells;
}

/** The row as one string (for views that colour a whole line). */
export function rowText<Row>(layout: ColumnLayout<Row>, row: Row, now: Date): string {
  return placeRow(layout, row, now)
    .map((c) => c.text)
    .join("");
}
