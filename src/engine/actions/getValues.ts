import { fromStoredChart } from "../release/storedChart.js";
import type { Release } from "../release/types.js";
import { coalesceValues } from "../values/coalesce.js";
import type { Values } from "../values/types.js";

/**
 * A revision's values: what the user supplied (`config`), or with `all` the
 * computed values — the stored chart's defaults coalesced with them, as
 * `helm get values --all` computes them (docs/release-storage.md#reading-a-revision-back; the
 * stored chart has no subcharts, so their defaults are not included, exactly as in helm).
 */
export function releaseValues(release: Release, options: { all?: boolean } = {}): Values {
  const config = release.config ?? {};
  if (!options.all) return config;
  if (!release.chart) return config;
  return coalesceValues(
    fromStoredChart(release.chart, `${release.name} revision ${release.version}`),
    config,
  );
}
