import { listOciChartVersions, pullOciChart, type RegistryOptions } from "../oci/index.js";
import { isExactVersion } from "../oci/versions.js";
import { isCompatibleRange } from "../semver/index.js";
import { loadChartArchive } from "../chart/loadChart.js";
import { RepoError } from "./errors.js";

/**
 * A dependency whose repository is `oci://HOST/PATH`: the chart is the registry repository
 * PATH/NAME. Resolved as helm's resolver does (internal/resolver): a version that parses is
 * taken as it is, without asking the registry (and checked when fetched); a range is matched
 * against the repository's tags, newest first, and the first it accepts is locked.
 */
export async function resolveOciDependency(
  name: string,
  repository: string,
  range: string,
  registry: RegistryOptions,
): Promise<string> {
  if (isExactVersion(range)) return range;
  const reference = ociChartReference(repository, name);
  let versions: string[];
  try {
    versions = await listOciChartVersions(reference, registry);
  } catch (err) {
    throw new RepoError(
      `${name}: could not list the tags of ${reference}: ${(err as Error).message}`,
      withHint(err),
    );
  }
  const found = versions.find((v) => isCompatibleRange(range, v));
  if (found === undefined)
    throw new RepoError(
      versions.length === 0
        ? `${name}: ${reference} has no chart versions (no SemVer tags)`
        : `${name}: no version in ${reference} satisfies ${range} (newest: ${versions[0]})`,
    );
  return found;
}

/** The chart archive of a resolved OCI dependency, its digest checked by the pull. */
export async function fetchOciDependency(
  name: string,
  repository: string,
  version: string,
  registry: RegistryOptions,
): Promise<Buffer> {
  const reference = ociChartReference(repository, name);
  let bytes: Buffer;
  try {
    bytes = (await pullOciChart(reference, { ...registry, version })).bytes;
  } catch (err) {
    throw new RepoError(`${name} ${version}: ${(err as Error).message}`, withHint(err));
  }
  const chart = await loadChartArchive(bytes, `${reference}:${version}`);
  if (chart.metadata.name !== name || chart.metadata.version !== version)
    throw new RepoError(
      `${reference}:${version} holds chart ${chart.metadata.name} ${chart.metadata.version}, expected ${name} ${version}`,
    );
  return bytes;
}

export function ociChartReference(repository: string, name: string): string {
  return `${repository.replace(/\/+$/, "")}/${name}`;
}

/** The registry's own hint (how to log in, --ca-file…), else where the address comes from. */
function withHint(err: unknown): { hint: string } {
  return {
    hint:
      (err as { hint?: string }).hint ??
      "check the dependency's oci:// repository in Chart.yaml (a registry without TLS needs --plain-http)",
  };
}
