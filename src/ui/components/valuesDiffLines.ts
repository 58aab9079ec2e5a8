import { formatChange, type ValueChange } from "../../engine/values/valuesDiff.js";
import type { ValuesDiffPair } from "../../state/backend.js";
import type { ColorName } from "../theme.js";

export interface ValuesLine {
  text: string;
  color?: ColorName;
}

const COLOR: Record<ValueChange["change"], ColorName> = {
  added: "added",
  removed: "removed",
  changed: "changed",
};

/**
 * A values diff as viewer lines (docs/chart-engine.md#values-diff): which values it compares and
 * the key that switches, the --reuse-values warning when there is one, then a line per change.
 */
export function valuesDiffLines(
  pair: ValuesDiffPair,
  computed: boolean,
  width: number,
): ValuesLine[] {
  const changes = computed ? pair.computed : pair.user;
  const lines: ValuesLine[] = [
    {
      text: computed
        ? "# Computed values (chart defaults + user values) · a: user-supplied"
        : "# User-supplied values · a: computed values",
      color: "accent",
    },
  ];
  if (pair.reuseWarning) {
    for (const text of wrapWords(`⚠ ${pair.reuseWarning}`, width))
      lines.push({ text, color: "warn" });
  }
  if (changes.length === 0) lines.push({ text: "No changes", color: "dim" });
  for (const change of changes)
    lines.push({ text: formatChange(change), color: COLOR[change.change] });
  return lines;
}

/** Words to lines of at most `width` columns (a longer word gets a line of its own). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `  ${word}`;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}
