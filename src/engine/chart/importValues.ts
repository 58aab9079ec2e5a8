/**
 * Helm's processDependencyImportValues (pkg/chartutil/dependencies.go):
 * Chart.yaml `import-values` copy a subchart's default values up into its
 * parent, deepest charts first, so an umbrella chart can use what a
 * subchart exports.
 *
 * - `import-values: [data]` imports the subchart's `exports.data` map into
 *   the parent's top level;
 * - `import-values: [{child: a.b, parent: c}]` imports the subchart's `a.b`
 *   map as the parent's `c`.
 *
 * The parent's own values win over imported ones (so it can import a large
 * section and override parts); earlier imports win over later ones. Paths
 * that do not lead to a map are skipped, as helm skips them with a warning.
 * Entries are rewritten to the `{child, parent}` form helm stores in the
 * release.
 */
import { coalesceMaps, coalesceValues } from "../values/coalesce.js";
import { isValuesMap, type Values } from "../values/types.js";
import type { Chart, ChartDependency } from "./types.js";

/** Pass the chart as applyDependencyConditions returns it: enabled subcharts, keyed by alias. */
export function applyImportValues(chart: Chart): Chart {
  const withChildren: Chart = { ...chart, dependencies: chart.dependencies.map(applyImportValues) };
  const declared = chart.metadata.dependencies ?? [];
  if (!declared.some((dep) => (dep?.["import-values"]?.length ?? 0) > 0)) return withChildren;

  const defaults = coalesceValues(withChildren, {});
  let imported: Values = {};
  const rewritten = declared.map((dep): ChartDependency => {
    const entries = dep?.["import-values"];
    if (!dep || !entries?.length) return dep;
    const normalized = entries.flatMap((entry) => {
      const link = importLink(entry);
      if (!link) return [];
      const table = tableAt(defaults, `${dep.name}.${link.child}`);
      if (table) imported = coalesceMaps(imported, nestAt(link.parent, table));
      return [link];
    });
    return { ...dep, "import-values": normalized };
  });
  return {
    ...withChildren,
    metadata: { ...chart.metadata, dependencies: rewritten },
    values: coalesceMaps(defaults, imported),
  };
}

function importLink(entry: unknown): { child: string; parent: string } | undefined {
  if (typeof entry === "string") return { child: `exports.${entry}`, parent: "." };
  if (isValuesMap(entry) && typeof entry.child === "string" && typeof entry.parent === "string") {
    return { child: entry.child, parent: entry.parent };
  }
  return undefined;
}

function tableAt(values: Values, path: string): Values | undefined {
  let here: unknown = values;
  for (const key of path.split(".")) {
    if (!isValuesMap(here) || !Object.hasOwn(here, key)) return undefined;
    here = here[key];
  }
  return isValuesMap(here) ? here : undefined;
}

function nestAt(path: string, table: Values): Values {
  if (path === ".") return table;
  return path.split(".").reduceRight<Values>((inner, key) => ({ [key]: inner }) as Values, table);
}
