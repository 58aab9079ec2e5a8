import type { Release } from "../release/types.js";
import { diffValues, type ValueChange } from "../values/valuesDiff.js";
import type { ActionContext } from "./context.js";
import { deployedOrFail } from "./diff.js";
import { releaseValues } from "./getValues.js";
import { getRevision } from "./status.js";
import type { ReuseWarning } from "./reuseWarning.js";
import type { UpgradePlan } from "./upgrade.js";

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
  options: ValuesDiffOptions = {},
): ValuesDiffResult {
  const result = valuesDiffOf(plan.current, plan.pending, options);
  return plan.reuseWarning ? { ...result, reuseWarning: plan.reuseWarning } : result;
}

function sideOf(release: Release): ValuesSide {
  const meta = release.chart?.metadata;
  return {
    revision: release.version,
    chart: meta?.name ? `${meta.name}-${meta.version ?? ""}` : "",
  };
}
