import type { KubeVersion } from "../render/context.js";
import type { ClusterReader, GroupVersionKinds } from "./clusterReader.js";

/** `.Capabilities` as helm builds it from a cluster (pkg/action/action.go getCapabilities). */
export interface ClusterCapabilities {
  kubeVersion: KubeVersion;
  /** undefined: the server listed nothing, and helm falls back to its default set. */
  apiVersions: string[] | undefined;
}

/**
 * helm's GetVersionSet: every served group-version ("apps/v1") and every group-version/Kind
 * ("apps/v1/Deployment", subresource kinds too, e.g. "apps/v1/Scale"), once each. helm collects
 * them in a Go map, so its order is random; this one is discovery's, which is stable.
 */
export function versionSet(resources: readonly GroupVersionKinds[]): string[] | undefined {
  if (resources.length === 0) return undefined;
  const set = new Set<string>();
  for (const r of resources) set.add(r.groupVersion);
  for (const r of resources) for (const kind of r.kinds) set.add(`${r.groupVersion}/${kind}`);
  return [...set];
}

/**
 * Asks the cluster for its version and, when the chart needs them (Go templates can test
 * `.Capabilities.APIVersions.Has`), its API versions; helm asks discovery afresh on every
 * install and upgrade.
 */
export async function clusterCapabilities(
  reader: ClusterReader,
  options: { apiVersions: boolean },
): Promise<ClusterCapabilities> {
  const [version, resources] = await Promise.all([
    reader.serverVersion(),
    options.apiVersions ? reader.apiResources() : Promise.resolve([]),
  ]);
  return {
    kubeVersion: { version: version.gitVersion, major: version.major, minor: version.minor },
    apiVersions: versionSet(resources),
  };
}
