import type { Chart } from "../chart/types.js";
import type { Release } from "../release/types.js";
import { mergeValues } from "../values/mergeValues.js";
import { isValuesMap, type Values } from "../values/types.js";

/**
 * Where the new revision's values come from (docs/chart-engine.md#upgrade-value-modes):
 * - "default": the given values; with none at all, the previous revision's reused verbatim;
 * - "reset": the given values only, over the new chart's defaults;
 * - "reuse": the given values over the previous ones, over the *old* chart's defaults;
 * - "reset-then-reuse": the given values over the previous ones, over the new chart's defaults.
 */
export type ValuesMode = "default" | "reset" | "reuse" | "reset-then-reuse";

/**
 * The chart (with the defaults it will render with) and the user values an upgrade from
 * `current` stores, per values mode: the one place that decides it, for upgrades and previews.
 */
export function upgradeValues(
  options: { chart: Chart; userValues: Values; valuesMode?: ValuesMode | undefined },
  current: Release,
): { chart: Chart; config: Values } {
  const given = options.userValues;
  const previous = current.config ?? {};
  switch (options.valuesMode ?? "default") {
    case "reset":
      return { chart: options.chart, config: given };
    case "reuse": {
      // helm replaces the new chart's defaults with the old chart's computed values.
      const oldDefaults = isValuesMap(current.chart?.values) ? current.chart.values : {};
      return {
        chart: { ...options.chart, values: mergeValues(oldDefaults, previous) },
        config: mergeValues(previous, given),
      };
    }
    case "reset-then-reuse":
      return { chart: options.chart, config: mergeValues(previous, given) };
    default:
      return { chart: options.chart, config: Object.keys(given).length > 0 ? given : previous };
  }
}
