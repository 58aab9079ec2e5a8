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
import { renderChart } from "../render/renderChart.js";
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
}

/** A chart rendered for a release: everything install, upgrade, template and lint need. */
export interface RenderedRelease {
  /** The chart after dependency processing (disabled subcharts dropped). */
  chart: Chart;
  /** The coalesced values the templates saw. */
  values: Values;
  manifests: ManifestDocument[];
  /** The stored manifest string (§5). */
  manifest: string;
  hooks: Hook[];
  notes: string;
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
  });
  const { manifests, hooks } = sortManifests(rendered.files);
  return {
    chart,
    values,
    manifests,
    manifest: assembleManifest(manifests),
    hooks,
    notes: rendered.notes,
  };
}
