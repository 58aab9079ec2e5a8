import { hunkHeader, toHunks } from "../../engine/diff/hunks.js";
import type { ManifestDiff, ResourceDiff } from "../../engine/diff/types.js";
import { groupOf } from "../../engine/manifest/resourceKey.js";
import { visible, visibleText } from "../../visibleText.js";
import { paint } from "./style.js";

export interface DiffTextOptions {
  /** Lines of context around each change (`--context`, default 3 as diff -u). */
  context: number;
  color: boolean;
}

const VERB = {
  added: "has been added",
  removed: "has been removed",
  changed: "has changed",
} as const;

/**
 * A per-resource unified diff: for each changed resource a helm-diff style
 * heading (`ns, name, Kind (group) has changed:`), then @@ hunks; last a
 * summary line. Unchanged resources are not printed. The manifests are the chart's: their
 * control characters show, coloured or not, because people pipe a diff into `less -R`, which
 * passes them to the terminal (a comment of ESC[17A ESC[0J would erase the lines above it).
 */
export function formatDiff(diff: ManifestDiff, options: DiffTextOptions): string {
  const out: string[] = [];
  for (const resource of diff.resources) {
    if (resource.change === "unchanged") continue;
    out.push(paint(options.color, "yellow", heading(resource)));
    for (const hunk of toHunks(resource.lines, options.context)) {
      out.push(paint(options.color, "cyan", hunkHeader(hunk)));
      for (const line of hunk.lines) {
        const text = visibleText(line.text);
        if (line.op === "add") out.push(paint(options.color, "green", `+ ${text}`));
        else if (line.op === "remove") out.push(paint(options.color, "red", `- ${text}`));
        else out.push(`  ${text}`);
      }
    }
    out.push("");
  }
  out.push(summaryLine(diff));
  return out.join("\n") + "\n";
}

export function summaryLine(diff: ManifestDiff): string {
  const { added, changed, removed } = diff.summary;
  return `${added} added, ${changed} changed, ${removed} removed`;
}

function heading(r: ResourceDiff): string {
  const verb = VERB[r.change as keyof typeof VERB];
  return visible`${r.namespace ?? ""}, ${r.name}, ${r.kind} (${groupOf(r.apiVersion) || r.apiVersion}) ${verb}:`;
}
