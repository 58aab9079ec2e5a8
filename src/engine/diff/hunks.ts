import type { DiffLine } from "./types.js";

/** A run of changed lines with up to `context` unchanged lines around it. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

/**
 * Cuts a full line diff into unified-diff hunks with `context` lines of
 * context (like `diff -U`). Changes closer than 2×context lines share a hunk.
 */
export function toHunks(lines: DiffLine[], context: number): Hunk[] {
  const changed = lines.map((l, i) => (l.op === "context" ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return [];
  const ranges: Array<[number, number]> = [];
  for (const i of changed) {
    const start = Math.max(0, i - context);
    const end = Math.min(lines.length - 1, i + context);
    const last = ranges.at(-1);
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  }
  return ranges.map(([start, end]) => {
    const slice = lines.slice(start, end + 1);
    const first = lines[start];
    const oldStart = first?.oldLine ?? previousNumber(lines, start, "oldLine") + 1;
    const newStart = first?.newLine ?? previousNumber(lines, start, "newLine") + 1;
    const oldLines = slice.filter((l) => l.op !== "add").length;
    const newLines = slice.filter((l) => l.op !== "remove").length;
    // Unified diff names the line *before* an empty range: "@@ -0,0 +1,3 @@".
    return {
      oldStart: oldLines === 0 ? oldStart - 1 : oldStart,
      newStart: newLines === 0 ? newStart - 1 : newStart,
      oldLines,
      newLines,
      lines: slice,
    };
  });
}

function previousNumber(lines: DiffLine[], index: number, field: "oldLine" | "newLine"): number {
  for (let i = index - 1; i >= 0; i--) {
    const n = lines[i]?.[field];
    if (n !== undefined) return n;
  }
  return 0;
}

/**
 * The hunk's `@@` line exactly as GNU `diff -u`/`-U N` prints it: a count of 1 is left out
 * (`@@ -14 +14 @@`), and an empty side names the line before it with `,0` (`@@ -3,0 +4,2 @@`).
 * The CLI and the UI's diff viewer both print it, so the two agree with each other and with diff.
 */
export function hunkHeader(hunk: Hunk): string {
  return `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`;
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}
