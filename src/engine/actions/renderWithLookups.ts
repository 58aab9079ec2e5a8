/**
 * Rendering against a cluster, as helm's install and upgrade render: `.Capabilities` from the
 * server (its version and discovery) and `lookup` answered by it (see lookupPrefetch.ts).
 */
import { clusterCapabilities } from "../cluster/capabilities.js";
import type { ClusterReader } from "../cluster/clusterReader.js";
import type { Chart } from "../chart/types.js";
import { templateLanguage } from "../render/renderChart.js";
import type { ActionContext } from "./context.js";
import { withLookups, type LookupRead } from "./lookupPrefetch.js";
import { renderRelease, type RenderedRelease, type RenderRequest } from "./template.js";

export type { LookupRead } from "./lookupPrefetch.js";

/** A rendered release with the lookups its templates made. */
export interface ClusterRendered extends RenderedRelease {
  /** Every lookup the render made, with the answers it saw. */
  lookups: LookupRead[];
}

/** A release render whose Capabilities and lookups come from the cluster. */
export type ClusterRenderRequest = Omit<RenderRequest, "kubeVersion" | "apiVersions" | "lookup">;

/**
 * Renders a release with the cluster's Capabilities and lookups (install, upgrade, `diff
 * upgrade`, server dry-runs). Handlebars-only trees get the cluster's version and render once.
 */
export async function renderForCluster(
  reader: ClusterReader,
  request: ClusterRenderRequest,
): Promise<ClusterRendered> {
  const goTemplates = hasGoTemplates(request.chart);
  const capabilities = await clusterCapabilities(reader, { apiVersions: goTemplates });
  const base: RenderRequest = {
    ...request,
    kubeVersion: capabilities.kubeVersion,
    ...(capabilities.apiVersions ? { apiVersions: capabilities.apiVersions } : {}),
  };
  if (!goTemplates) return { ...renderRelease(base), lookups: [] };
  const { result, reads } = await withLookups(reader, (lookup) =>
    renderRelease({ ...base, lookup }),
  );
  return { ...result, lookups: reads };
}

/**
 * Renders as helm's install and upgrade do: against the cluster (its Capabilities, `lookup`
 * answered by it) unless this is a client dry-run, which renders offline with helm's defaults and
 * empty lookups, as `helm template` does.
 */
export async function renderForAction(
  ctx: ActionContext,
  request: ClusterRenderRequest,
  dryRun: boolean | "client" | "server" | undefined,
): Promise<ClusterRendered> {
  if (dryRun === "client") return { ...renderRelease(request), lookups: [] };
  return renderForCluster(ctx.cluster, request);
}

/** Whether any chart of the tree is a Go-template chart (lookup and APIVersions exist there). */
function hasGoTemplates(chart: Chart): boolean {
  return templateLanguage(chart) === "go" || chart.dependencies.some(hasGoTemplates);
}
