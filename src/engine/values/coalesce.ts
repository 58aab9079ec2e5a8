/**
 * Helm's CoalesceValues (pkg/chartutil/coalesce.go): the values a chart and its
 * subcharts render with.
 *
 * - User values win over the chart's values.yaml, deeply: maps merge key by key,
 *   lists and scalars replace.
 * - A null in the user values deletes the key, default included; the result never
 *   holds those nulls. (Nulls written in a chart's own values.yaml stay, as in Helm.)
 * - A subchart's values live under its name (its alias once applyDependencyConditions
 *   has run) and the subchart's own defaults are coalesced in there, recursively. A
 *   null the parent chart or the user puts under a subchart's section deletes that
 *   subchart's default (Helm ≥ 3.13 behaviour).
 * - `global` flows down: each subchart section gets a `global` map holding the
 *   parent's globals (parent wins) over its own.
 *
 * Neither the chart nor the user values are changed; the result shares no map or list
 * with them.
 */
import type { Chart } from "../chart/types.js";
import { cloneValue, cloneValues, getOwn, setOwn } from "./clone.js";
import { ValuesError } from "./errors.js";
import { isValuesMap, type Values } from "./types.js";

export const GLOBAL_KEY = "global";

/**
 * Pass the chart as returned by applyDependencyConditions, so that disabled subcharts
 * are left out and aliased ones are keyed by alias.
 */
export function coalesceValues(chart: Chart, userValues: Values): Values {
  return coalesceChart(chart, cloneValues(userValues));
}

function coalesceChart(chart: Chart, values: Values): Values {
  const subcharts = new Set(chart.dependencies.map((sub) => sub.metadata.name));
  const result = coalesceTables(values, chart.values, false, subcharts);
  for (const sub of chart.dependencies) {
    const key = sub.metadata.name;
    let section = getOwn(result, key);
    if (section === undefined || section === null) {
      section = {};
    } else if (!isValuesMap(section)) {
      throw new ValuesError(
        `chart ${chart.metadata.name}: the values for subchart ${key} must be a map, not ${describe(section)}`,
        { hint: `set values of the subchart as ${key}.<key>=…` },
      );
    }
    coalesceGlobals(section as Values, result);
    setOwn(result, key, coalesceChart(sub, section as Values));
  }
  return result;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "a list";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Helm's CoalesceTables: `dst` wins over `src`, maps merging key by key; nulls in `dst` delete. */
export function coalesceMaps(dst: Values, src: Values): Values {
  return coalesceTables(dst, src, false);
}

/**
 * `dst` wins over `src`. Without `merge`, a null in `dst` deletes the key; with
 * `merge` (sections destined for a subchart), nulls are kept so that the subchart's
 * own coalescing deletes its defaults. Keys keep values.yaml's order, then the new ones.
 */
function coalesceTables(dst: Values, src: Values, merge: boolean, mergeKeys?: Set<string>): Values {
  const out: Values = {};
  const put = (key: string, dv: unknown, sv: unknown, inSrc: boolean): void => {
    const keepNull = merge || (mergeKeys?.has(key) ?? false);
    if (dv === null) {
      if (keepNull) setOwn(out, key, null);
      return;
    }
    if (isValuesMap(dv)) {
      // A table over a non-table default: Helm warns and keeps the user's table.
      setOwn(out, key, coalesceTables(dv, inSrc && isValuesMap(sv) ? sv : {}, keepNull));
      return;
    }
    setOwn(out, key, dv);
  };
  for (const [key, sv] of Object.entries(src)) {
    if (Object.hasOwn(dst, key)) put(key, dst[key], sv, true);
    else setOwn(out, key, cloneValue(sv));
  }
  // helm deletes a null only where it shadows a default; other user keys stay as given, nulls too.
  for (const [key, dv] of Object.entries(dst)) {
    if (!Object.hasOwn(src, key)) setOwn(out, key, cloneValue(dv));
  }
  return out;
}

/** Helm's coalesceGlobals: the parent's `global` merged into the subchart section's. */
function coalesceGlobals(section: Values, parent: Values): void {
  let dg: Values = {};
  if (Object.hasOwn(section, GLOBAL_KEY)) {
    const existing = section[GLOBAL_KEY];
    if (!isValuesMap(existing)) return; // Helm skips globals that are not a table
    dg = existing;
  }
  let sg: Values = {};
  if (Object.hasOwn(parent, GLOBAL_KEY)) {
    const existing = parent[GLOBAL_KEY];
    if (!isValuesMap(existing)) return;
    sg = existing;
  }
  for (const [key, val] of Object.entries(sg)) {
    const current = getOwn(dg, key);
    if (isValuesMap(val)) {
      if (!Object.hasOwn(dg, key)) setOwn(dg, key, cloneValue(val));
      else if (isValuesMap(current))
        setOwn(dg, key, coalesceTables(cloneValues(val), current, true));
      // a parent table over a subchart scalar: Helm skips it
    } else if (!isValuesMap(current)) {
      setOwn(dg, key, cloneValue(val));
    }
  }
  setOwn(section, GLOBAL_KEY, dg);
}

/**
 * What a subchart's templates see as `.Values`: its section of the parent's coalesced
 * values, `global` included. Shares structure with `parentValues` (do not mutate).
 */
export function valuesForSubchart(parentValues: Values, subchartKey: string): Values {
  const section = getOwn(parentValues, subchartKey);
  const own = isValuesMap(section) ? section : {};
  if (isValuesMap(getOwn(own, GLOBAL_KEY))) return own;
  const parentGlobal = getOwn(parentValues, GLOBAL_KEY);
  const out: Values = {};
  for (const [key, val] of Object.entries(own)) setOwn(out, key, val);
  setOwn(out, GLOBAL_KEY, isValuesMap(parentGlobal) ? parentGlobal : {});
  return out;
}
