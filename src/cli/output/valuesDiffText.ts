import type { ValuesDiffResult, ValuesSide } from "../../engine/actions/valuesDiff.js";
import { formatChange, formatPath, type ValueChange } from "../../engine/values/valuesDiff.js";
import { visibleLine } from "../../visibleText.js";
import { paint, type Style } from "./style.js";

const STYLE: Record<ValueChange["change"], Style> = {
  added: "green",
  removed: "red",
  changed: "yellow",
};

/** A change as the terminal is shown it (docs/chart-engine.md#values-diff). */
export function valueChangeLine(change: ValueChange): string {
  return visibleLine(formatChange(change));
}

/** A heading, one line per change, and a count; colour marks the kind of change. */
export function formatValuesDiff(
  result: ValuesDiffResult,
  release: { name: string; namespace: string },
  color: boolean,
): string {
  const which = result.computed ? "computed values" : "user-supplied values";
  const out = [
    paint(
      color,
      "bold",
      visibleLine(
        `${which} of ${release.namespace}/${release.name}: ${side(result.from)} → ${side(result.to)}`,
      ),
    ),
  ];
  for (const change of result.changes) {
    out.push(paint(color, STYLE[change.change], valueChangeLine(change)));
  }
  const count = (kind: ValueChange["change"]) =>
    result.changes.filter((c) => c.change === kind).length;
  out.push(`${count("added")} added, ${count("changed")} changed, ${count("removed")} removed`);
  return out.join("\n") + "\n";
}

function side(s: ValuesSide): string {
  return `revision ${s.revision}${s.chart ? ` (${s.chart})` : ""}`;
}

/** `-o json|yaml`: the paths as printed, with their segments for scripts that walk them. */
export function valuesDiffData(
  result: ValuesDiffResult,
  release: { name: string; namespace: string },
): Record<string, unknown> {
  return {
    name: release.name,
    namespace: release.namespace,
    values: result.computed ? "computed" : "user-supplied",
    from: result.from,
    to: result.to,
    changes: result.changes.map((c) => ({
      path: formatPath(c.path),
      segments: c.path,
      change: c.change,
      ...(c.change !== "added" ? { before: c.before ?? null } : {}),
      ...(c.change !== "removed" ? { after: c.after ?? null } : {}),
    })),
    ...(result.reuseWarning ? { warnings: [result.reuseWarning.message] } : {}),
  };
}
