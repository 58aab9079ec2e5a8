/**
 * Helm's ProcessDependencyEnabled (pkg/chartutil/dependencies.go): which subcharts a
 * release uses, decided by Chart.yaml `dependencies` `condition` and `tags`.
 */
import { isCompatibleRange, tryParseConstraint } from "../semver/index.js";
import { coalesceValues } from "../values/coalesce.js";
import { isValuesMap, type Values } from "../values/types.js";
import type { Chart, ChartDependency } from "./types.js";

/**
 * Returns a new chart tree (the input is not changed) in which:
 *
 * - each Chart.yaml dependency is matched to a loaded subchart by name (and, as in
 *   Helm, a version satisfying its range); an `alias` yields a copy of the subchart
 *   named after the alias, so the same chart can be used twice under two aliases;
 * - subcharts in charts/ that no dependency declares are always kept;
 * - `tags`: a dependency is disabled when all of its tags found under `tags:` are
 *   false, enabled when any is true; then `condition` (comma-separated value paths,
 *   relative to this chart's values; the first that resolves to a boolean decides)
 *   overrides tags;
 * - disabled subcharts are dropped from `dependencies` and from
 *   `metadata.dependencies`, whose remaining entries carry `enabled: true` and, for
 *   aliased ones, the alias as `name` (what Helm stores in a release);
 * - the same is applied recursively to the kept subcharts.
 *
 * `values` are the user's values (already coalesced values work too). As in Helm, a
 * chart whose Chart.yaml declares no dependencies is returned as is, subcharts
 * untouched.
 */
export function applyDependencyConditions(chart: Chart, values: Values): Chart {
  return processChart(chart, values, "");
}

/**
 * Helm's IsCompatibleRange (Masterminds semver), except that a missing or unreadable range
 * matches: helm ends with the same subcharts then, through its later name-based pass.
 */
function isCompatible(range: string | undefined, version: string): boolean {
  if (range === undefined || range.trim() === "" || tryParseConstraint(range) === undefined)
    return true;
  return isCompatibleRange(range, version);
}

function processChart(chart: Chart, values: Values, path: string): Chart {
  const declared = chart.metadata.dependencies;
  if (declared === undefined || declared === null) return chart;

  const requirements: ChartDependency[] = declared
    .filter((dep): dep is ChartDependency => dep !== null && dep !== undefined)
    .map((dep) => ({ ...dep }));

  const subcharts: Chart[] = [];
  for (const existing of chart.dependencies) {
    const isDeclared = requirements.some(
      (req) =>
        req.name === existing.metadata.name && isCompatible(req.version, existing.metadata.version),
    );
    if (!isDeclared) subcharts.push(existing);
  }
  for (const req of requirements) {
    const match = chart.dependencies.find(
      (sub) => sub.metadata.name === req.name && isCompatible(req.version, sub.metadata.version),
    );
    if (match !== undefined) {
      subcharts.push(
        req.alias ? { ...match, metadata: { ...match.metadata, name: req.alias } } : match,
      );
    }
    if (req.alias) req.name = req.alias;
    req.enabled = true;
  }

  const withAll: Chart = {
    ...chart,
    metadata: { ...chart.metadata, dependencies: requirements },
    dependencies: subcharts,
  };
  const cvals = coalesceValues(withAll, values);

  applyTags(requirements, cvals);
  applyConditions(requirements, cvals, path);

  const removed = new Set(requirements.filter((req) => !req.enabled).map((req) => req.name));
  const kept = subcharts
    .filter((sub) => !removed.has(sub.metadata.name))
    .map((sub) => processChart(sub, cvals, `${path}${sub.metadata.name}.`));

  return {
    ...chart,
    metadata: {
      ...chart.metadata,
      dependencies: requirements.filter((req) => !removed.has(req.name)),
    },
    dependencies: kept,
  };
}

function applyTags(requirements: ChartDependency[], cvals: Values): void {
  const tags = Object.hasOwn(cvals, "tags") ? cvals.tags : undefined;
  if (!isValuesMap(tags)) return;
  for (const req of requirements) {
    let hasTrue = false;
    let hasFalse = false;
    for (const tag of req.tags ?? []) {
      if (!Object.hasOwn(tags, tag)) continue;
      const value = tags[tag];
      if (value === true) hasTrue = true;
      else if (value === false) hasFalse = true;
    }
    req.enabled = hasTrue || !hasFalse;
  }
}

function applyConditions(requirements: ChartDependency[], cvals: Values, path: string): void {
  for (const req of requirements) {
    const condition = (req.condition ?? "").trim();
    if (condition === "") continue;
    for (const part of condition.split(",")) {
      const trimmed = part.trim();
      if (trimmed === "") continue;
      const value = pathValue(cvals, `${path}${trimmed}`);
      if (typeof value === "boolean") {
        req.enabled = value;
        break;
      }
    }
  }
}

/** Helm's Values.PathValue: a non-table value at a dotted path, else undefined. */
function pathValue(values: Values, path: string): unknown {
  const segments = path.split(".");
  let current: unknown = values;
  for (const segment of segments) {
    if (!isValuesMap(current) || !Object.hasOwn(current, segment)) return undefined;
    current = current[segment];
  }
  return isValuesMap(current) ? undefined : current;
}
