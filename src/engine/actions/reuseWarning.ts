import type { Chart } from "../chart/types.js";
import type { Release } from "../release/types.js";
import { coalesceValues } from "../values/coalesce.js";
import type { Values } from "../values/types.js";
import { diffValues, formatPath, formatValue, type ValueChange } from "../values/valuesDiff.js";
import { releaseValues } from "./getValues.js";
import { upgradeValues } from "./upgradeValues.js";

/**
 * helm's --reuse-values replaces the new chart's values.yaml with the previous revision's
 * computed values (pkg/action/upgrade.go reuseValues: `chart.Values = oldVals`), so defaults the
 * new chart adds never arrive and defaults it changes keep their old value — helm/helm#9000,
 * checked against helm 4.1.4 (docs/chart-engine.md#upgrade-value-modes).
 * --reset-then-reuse-values keeps the same user values over the new chart's defaults.
 */
export interface ReuseWarning {
  /** New defaults the upgrade will not set. */
  dropped: ValueChange[];
  /** Defaults the new chart changed, kept at their old value. */
  kept: ValueChange[];
  /** One line for a person, offering --reset-then-reuse-values. */
  message: string;
}

/**
 * What --reuse-values will not take from the new chart, for an upgrade from `current` that
 * would store `pending`; undefined when nothing differs.
 */
export function reuseValuesWarning(
  pending: Release,
  current: Release,
  options: { chart: Chart; userValues: Values },
): ReuseWarning | undefined {
  // The same code that chose the plan's values, asked for reset-then-reuse instead.
  const alternative = upgradeValues({ ...options, valuesMode: "reset-then-reuse" }, current);
  // Like with like: a stored chart keeps no subcharts, so neither side holds their defaults.
  const fresh = coalesceValues({ ...alternative.chart, dependencies: [] }, alternative.config);
  const changes = diffValues(releaseValues(pending, { all: true }), fresh);
  const dropped = changes.filter((c) => c.change === "added");
  const kept = changes.filter((c) => c.change === "changed");
  if (dropped.length === 0 && kept.length === 0) return undefined;
  const parts: string[] = [];
  if (dropped.length > 0) {
    parts.push(`leaves out ${dropped.length} new default(s) (${list(dropped, () => "")})`);
  }
  if (kept.length > 0) {
    parts.push(
      `keeps ${kept.length} old default(s) (${list(kept, (c) => `: ${formatValue(c.before)}, new ${formatValue(c.after)}`)})`,
    );
  }
  const message =
    `--reuse-values keeps the previous chart's defaults: this upgrade ${parts.join(" and ")}; ` +
    `--reset-then-reuse-values keeps your values over the new chart's defaults`;
  return { dropped, kept, message };
}

/** The first few paths, then how many more. */
function list(changes: ValueChange[], detail: (c: ValueChange) => string): string {
  const shown = changes.slice(0, 3).map((c) => formatPath(c.path) + detail(c));
  const more = changes.length - shown.length;
  return shown.join(", ") + (more > 0 ? `, and ${more} more` : "");
}
