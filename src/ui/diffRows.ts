import { hunkHeader, toHunks } from "../engine/diff/hunks.js";
import type { DiffLine, ManifestDiff, ResourceChange } from "../engine/diff/types.js";

/** One screen row of the diff viewer. */
export type DiffRow =
  | {
      kind: "resource";
      index: number;
      title: string;
      change: ResourceChange;
      added: number;
      removed: number;
    }
  /** The `@@ -a,b +c,d @@` line, as GNU diff and the CLI print it. */
  | { kind: "hunk"; header: string }
  | { kind: "line"; line: DiffLine }
  | { kind: "pair"; left?: DiffLine; right?: DiffLine };

export interface DiffRowsOptions {
  /** Unchanged lines shown around each change. */
  context: number;
  sideBySide: boolean;
}

export interface DiffRows {
  rows: DiffRow[];
  /** Row index of each resource heading, for n/N. */
  resourceStarts: number[];
}

export function resourceTitle(r: { kind: string; namespace?: string; name: string }): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`;
}

/** Lays a per-resource diff out as rows: a heading per changed resource, then its hunks. */
export function diffRows(diff: ManifestDiff, options: DiffRowsOptions): DiffRows {
  const rows: DiffRow[] = [];
  const resourceStarts: number[] = [];
  diff.resources.forEach((r, index) => {
    if (r.change === "unchanged") return;
    resourceStarts.push(rows.length);
    rows.push({
      kind: "resource",
      index,
      title: resourceTitle(r),
      change: r.change,
      added: r.added,
      removed: r.removed,
    });
    for (const hunk of toHunks(r.lines, options.context)) {
      rows.push({ kind: "hunk", header: hunkHeader(hunk) });
      if (options.sideBySide) rows.push(...pairs(hunk.lines));
      else for (const line of hunk.lines) rows.push({ kind: "line", line });
    }
  });
  return { rows, resourceStarts };
}

/** Side by side: removals on the left against the additions that replace them. */
function pairs(hunk: DiffLine[]): DiffRow[] {
  const out: DiffRow[] = [];
  let i = 0;
  while (i < hunk.length) {
    const l = hunk[i]!;
    if (l.op === "context") {
      out.push({ kind: "pair", left: l, right: l });
      i++;
      continue;
    }
    const removed: DiffLine[] = [];
    const added: DiffLine[] = [];
    while (i < hunk.length && hunk[i]!.op === "remove") removed.push(hunk[i++]!);
    while (i < hunk.length && hunk[i]!.op === "add") added.push(hunk[i++]!);
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      out.push({ kind: "pair", left: removed[k], right: added[k] });
    }
  }
  return out;
}
