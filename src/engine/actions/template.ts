import { assertDependenciesPresent } from "../chart/dependencies.js";
import { applyDependencyConditions } from "../chart/dependencyConditions.js";
import { applyImportValues } from "../chart/importValues.js";
import type { Chart } from "../chart/types.js";
import {
  assembleManifest,
  sortManifests,
  type ManifestDocument,
} from "../manifest/sortManifests.js";
import type { KubeVersion, ReleaseInfo } from "../render/context.js";
import { renderChart, templateLanguage } from "../render/renderChart.js";
import type { LookupFunction } from "../render/gotpl/helmFunctions.js";
import type { Hook } from "../release/types.js";
import { coalesceValues } from "../values/coalesce.js";
import type { Values } from "../values/types.js";
import { validateValues } from "../values/validateSchema.js";

export interface RenderRequest {
  chart: Chart;
  /** What the user supplied (-f, --set…): stored as the release's `config`. */
  userValues: Values;
  release: ReleaseInfo;
  kubeVersion?: KubeVersion;
  /** The cluster's API versions; helm's default set when rendering offline. */
  apiVersions?: readonly string[];
  /** `--api-versions`: added to the above. */
  extraApiVersions?: readonly string[];
  /** What `lookup` reads (install, upgrade, diff upgrade); empty maps when absent. */
  lookup?: LookupFunction;
  /** helm lint's rendering: `required` and `fail` do not stop Go templates. */
  lintMode?: boolean;
}

/** A file of a chart's crds/ folder, named as helm names it ("web/charts/db/crds/x.yaml"). */
export interface CrdFile {
  path: string;
  content: string;
}

/** A chart rendered for a release: everything install, upgrade, template and lint need. */
export interface RenderedRelease {
  /** The chart after dependency processing (disabled subcharts dropped). */
  chart: Chart;
  /** The coalesced values the templates saw. */
  values: Values;
  manifests: ManifestDocument[];
  /** The stored manifest string (docs/chart-engine.md#the-rendered-manifest). */
  manifest: string;
  hooks: Hook[];
  notes: string;
  /** The crds/ files of the chart and its enabled subcharts, in helm's order. */
  crds: CrdFile[];
}

/**
 * Helm's render pipeline: check dependencies, switch subcharts by
 * condition/tags, import subchart values (import-values), coalesce values, validate them against every schema,
 * render, split and sort. Pure: nothing touches a cluster.
 */
export function renderRelease(request: RenderRequest): RenderedRelease {
  assertDependenciesPresent(request.chart);
  const chart = applyImportValues(
    applyDependencyConditions(request.chart, coalesceValues(request.chart, request.userValues)),
  );
  const values = coalesceValues(chart, request.userValues);
  validateValues(chart, values);
  const rendered = renderChart(chart, values, {
    release: request.release,
    ...(request.kubeVersion ? { kubeVersion: request.kubeVersion } : {}),
    ...(request.apiVersions ? { apiVersions: request.apiVersions } : {}),
    ...(request.extraApiVersions ? { extraApiVersions: request.extraApiVersions } : {}),
    ...(request.lookup ? { lookup: request.lookup } : {}),
    ...(request.lintMode ? { lintMode: true } : {}),
  });
  const rules = templateLanguage(chart) === "go" ? "helm" : "wheelhouse";
  const { manifests, hooks } = sortManifests(rendered.files, rules);
  return {
    chart,
    values,
    manifests,
    manifest: assembleManifest(manifests),
    hooks,
    notes: rendered.notes,
    crds: crdFiles(chart, chart.metadata.name),
  };
}

/** helm's CRDObjects: crds/*.yaml|yml|json of the chart, then of each subchart, depth first. */
function crdFiles(chart: Chart, path: string): CrdFile[] {
  const own = chart.files
    .filter((f) => f.name.startsWith("crds/") && /\.(ya?ml|json)$/i.test(f.name))
    .map((f) => ({ path: `${path}/${f.name}`, content: f.data.toString("utf8") }));
  return [
    ...own,
    ...chart.dependencies.flatMap((d) => crdFiles(d, `${path}/charts/${d.metadata.name}`)),
  ];
}
