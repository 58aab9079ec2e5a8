import { visibleLine } from "../../visibleText.js";
import { paint, type Style } from "./style.js";

/** A cell in one of our colours (a status); the colour goes on after the text is made visible. */
export interface StyledCell {
  text: string;
  style: Style;
}

export type Cell = string | StyledCell;

/**
 * Aligned columns the way helm prints them: upper-case headers, columns
 * separated by a tab and padded to the widest cell, no borders. Cells are
 * untrusted text (names, descriptions, app versions from charts and records):
 * each is shown as one line with its control characters visible, and the
 * widths are measured on what is shown, with our colours around the text only.
 */
export function formatTable(
  headers: string[],
  rows: Cell[][],
  options: { color?: boolean } = {},
): string {
  const shown = rows.map((row) =>
    row.map((cell) =>
      typeof cell === "string"
        ? { text: visibleLine(cell) }
        : { text: visibleLine(cell.text), style: cell.style },
    ),
  );
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...shown.map((r) => (r[i]?.text ?? "").length)),
  );
  const line = (cells: Array<{ text: string; style?: Style }>) =>
    cells
      .map((c, i) => {
        const padding =
          i === cells.length - 1 ? "" : " ".repeat(Math.max(0, (widths[i] ?? 0) - c.text.length));
        return (c.style ? paint(options.color === true, c.style, c.text) : c.text) + padding;
      })
      .join("\t")
      .trimEnd();
  return [line(headers.map((text) => ({ text }))), ...shown.map(line)].join("\n") + "\n";
}
