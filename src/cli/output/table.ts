/**
 * Aligned columns the way helm prints them: upper-case headers, columns
 * separated by a tab and padded to the widest cell, no borders.
 */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join("\t")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n") + "\n";
}
