import type { Release } from "../release/types.js";
import { coalesceValues } from "../values/coalesce.js";
import { diffValues, formatPath, formatValue, type ValueChange } from "../values/valuesDiff.js";
import type { ActionContext } from "./context.js";
import { deployedOrFail } from "./diff.js";
import { releaseValues } from "./getValues.js";
import { getRevision } from "./status.js";
import { upgradeValues, type UpgradeOptions, type UpgradePlan } from "./upgrade.js";

/** One side of a values diff: which revision, and which chart it was made with. */
export interface ValuesSide {
  revision: number;
  /** "webapp-1.2.3", as `helm history` names a chart. */
  chart: string;
}

/** docs/chart-engine.md#values-diff */
export interface ValuesDiffResult {
  from: ValuesSide;
  to: ValuesSide;
  /** Computed values (chart defaults + user values, as `get values --all`) or the user-supplied ones. */
  computed: boolean;
  changes: ValueChange[];
  /** What --reuse-values will not take from the new chart (upgrade previews only). */
  reuseWarning?: ReuseWarning;
}

export interface ValuesDiffOptions {
  /** Computed values, as `helm get values --all`, instead of the user-supplied ones. */
  all?: boolean;
}

/** The values of revision A → revision B (default: the deployed revision). */
export async function diffRevisionValues(
  ctx: ActionContext,
  name: string,
  namespace: string,
  from: number,
  to?: number,
  options: ValuesDiffOptions = {},
): Promise<ValuesDiffResult> {
  const a = await getRevision(ctx, name, namespace, from);
  const b =
    to === undefined
      ? await deployedOrFail(ctx, name, namespace)
      : await getRevision(ctx, name, namespace, to);
  return valuesDiffOf(a, b, options);
}

/** Two releases' values, compared as `get values [--all]` reads each back. */
export function valuesDiffOf(
  from: Release,
  to: Release,
  options: ValuesDiffOptions = {},
): ValuesDiffResult {
  const all = options.all === true;
  return {
    from: sideOf(from),
    to: sideOf(to),
    computed: all,
    changes: diffValues(releaseValues(from, { all }), releaseValues(to, { all })),
  };
}

/**
 * The values an upgrade plan will store against the revision it replaces: the plan's own
 * revision is read back exactly as `get values [--all]` will read it once written, so the diff
 * is what the upgrade really uses, whichever of --reuse-values and friends chose them.
 */
export function upgradeValuesDiff(
  plan: UpgradePlan,
  options: UpgradeOptions,
  diffOptions: ValuesDiffOptions = {},
): ValuesDiffResult {
  const result = valuesDiffOf(plan.current, plan.pending, diffOptions);
  const warning = options.valuesMode === "reuse" ? reuseWarning(plan, options) : undefined;
  return warning ? { ...result, reuseWarning: warning } : result;
}

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

function reuseWarning(plan: UpgradePlan, options: UpgradeOptions): ReuseWarning | undefined {
  // The same code that chose this plan's values, asked for reset-then-reuse instead.
  const alternative = upgradeValues({ ...options, valuesMode: "reset-then-reuse" }, plan.current);
  // Like with like: a stored chart keeps no subcharts, so neither side holds their defaults.
  const fresh = coalesceValues({ ...alternative.chart, dependencies: [] }, alternative.config);
  const changes = diffValues(releaseValues(plan.pending, { all: true }), fresh);
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

function sideOf(release: Release): ValuesSide {
  const meta = release.chart?.metadata;
  return {
    revision: release.version,
    chart: meta?.name ? `${meta.name}-${meta.version ?? ""}` : "",
  };
}
