import { compareVersions, tryParseVersion } from "../semver/index.js";
import { loadChartArchive } from "../chart/loadChart.js";
import { MAX_UNPACKED_BYTES } from "../chart/limits.js";
import type { Chart } from "../chart/types.js";
import { RepoError } from "./errors.js";
import { fetchUrl, redactUrl, type HttpAuth } from "./http.js";
import type { RepoPaths } from "./paths.js";
import { findVersion, sha256Hex, type IndexChartVersion, type VersionQuery } from "./repoIndex.js";
import { findRepo, loadCachedIndex, readRepoFile, type RepoEntry } from "./repositories.js";

/** Options every download takes. */
export interface DownloadOptions {
  /** The deadline of each download (a --timeout flag); DEFAULT_DOWNLOAD_TIMEOUT_MS when unset. */
  timeoutMs?: number;
}

/** A chart version chosen from a repository's index, with the URL to fetch it from. */
export interface ResolvedChart {
  repo: RepoEntry;
  entry: IndexChartVersion;
  url: string;
}

/** "REPO/CHART" → ["REPO", "CHART"], or undefined when the reference is not of that shape. */
export function splitRepoReference(reference: string): [string, string] | undefined {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\/([A-Za-z0-9][A-Za-z0-9._-]*)$/.exec(reference);
  return m ? [m[1]!, m[2]!] : undefined;
}

/** The chart's URL in the index, resolved against the repository URL when relative. */
export function chartUrl(repoUrl: string, entry: IndexChartVersion): string {
  const first = entry.urls[0]!;
  return new URL(first, repoUrl.endsWith("/") ? repoUrl : `${repoUrl}/`).toString();
}

/** Picks the newest version of `chart` in an added repository's cached index that fits the query. */
export async function resolveRepoChart(
  paths: RepoPaths,
  repoName: string,
  chart: string,
  query: VersionQuery = {},
): Promise<ResolvedChart> {
  const repo = await findRepo(paths, repoName);
  const index = await loadCachedIndex(paths, repoName);
  const versions = index.entries[chart];
  if (!versions || versions.length === 0)
    throw new RepoError(`chart "${chart}" not found in repository ${repoName}`, {
      hint: `run \`wheelhouse repo update ${repoName}\` or \`wheelhouse search repo ${chart}\``,
    });
  const entry = findVersion(versions, query);
  if (!entry) {
    const shown = versions
      .slice(0, 5)
      .map((v) => v.version)
      .join(", ");
    throw new RepoError(
      `chart "${repoName}/${chart}" has no version matching ${query.range || "a stable release"}`,
      {
        details: `  available: ${shown}${versions.length > 5 ? ", …" : ""}`,
        ...(query.devel ? {} : { hint: "pre-releases need --devel or a range that names one" }),
      },
    );
  }
  return { repo, entry, url: chartUrl(repo.url, entry) };
}

/** Credentials go only to the repository's own host unless pass_credentials_all is set. */
export function authFor(repo: RepoEntry | undefined, url: string): HttpAuth {
  if (!repo) return {};
  const { name: _name, url: repoUrl, ...auth } = repo;
  if (auth.passCredentialsAll) return auth;
  try {
    if (new URL(url).host === new URL(repoUrl).host) return auth;
  } catch {
    return {};
  }
  const { username: _u, password: _p, ...tls } = auth;
  return tls;
}

/**
 * Downloads a chart archive and checks it: the sha256 against `digest` when
 * the index gives one, then the safe in-memory loader.
 */
export async function fetchChartArchive(
  url: string,
  options: HttpAuth & DownloadOptions & { digest?: string } = {},
): Promise<{ bytes: Buffer; chart: Chart }> {
  const { digest, ...auth } = options;
  const { bytes } = await fetchUrl(url, { ...auth, maxBytes: MAX_UNPACKED_BYTES });
  const shown = redactUrl(url);
  if (digest) {
    const want = digest.replace(/^sha256:/, "").toLowerCase();
    const got = sha256Hex(bytes);
    if (want !== got)
      throw new RepoError(`digest mismatch for ${shown}`, {
        details: `  index says sha256:${want}\n  download is sha256:${got}`,
        hint: "the repository's index is stale or the archive was tampered with; run `wheelhouse repo update`",
      });
  }
  const chart = await loadChartArchive(bytes, shown);
  return { bytes, chart };
}

/** Resolves REPO/CHART and downloads the chosen version. */
export async function downloadRepoChart(
  paths: RepoPaths,
  repoName: string,
  chartName: string,
  query: VersionQuery = {},
  download: DownloadOptions = {},
): Promise<{ bytes: Buffer; chart: Chart; resolved: ResolvedChart }> {
  const resolved = await resolveRepoChart(paths, repoName, chartName, query);
  const { bytes, chart } = await fetchChartArchive(resolved.url, {
    ...download,
    ...authFor(resolved.repo, resolved.url),
    ...(resolved.entry.digest ? { digest: resolved.entry.digest } : {}),
  });
  if (
    chart.metadata.name !== resolved.entry.name ||
    !sameVersion(chart.metadata.version, resolved.entry.version)
  )
    throw new RepoError(
      `${redactUrl(resolved.url)} holds ${chart.metadata.name} ${chart.metadata.version}, but the index says ${resolved.entry.name} ${resolved.entry.version}`,
    );
  return { bytes, chart, resolved };
}

/**
 * The added repository and index entry whose chart URL is `url`, if any —
 * so a chart fetched by URL still gets its digest checked and its
 * repository's credentials and TLS settings.
 */
export async function findKnownUrl(
  paths: RepoPaths,
  url: string,
): Promise<{ repo: RepoEntry; entry: IndexChartVersion } | undefined> {
  let wanted: URL;
  try {
    wanted = new URL(url);
  } catch {
    return undefined;
  }
  const repos = await readRepoFile(paths.config).catch(() => [] as RepoEntry[]);
  for (const repo of repos) {
    let base: URL;
    try {
      base = new URL(repo.url);
    } catch {
      continue;
    }
    if (base.host !== wanted.host) continue;
    const index = await loadCachedIndex(paths, repo.name).catch(() => undefined);
    if (!index) continue;
    for (const versions of Object.values(index.entries))
      for (const entry of versions)
        if (entry.urls.length > 0 && chartUrl(repo.url, entry) === wanted.toString())
          return { repo, entry };
  }
  return undefined;
}

/** Downloads a chart by URL, using what an added repository knows about it (digest, credentials). */
export async function downloadChartUrl(
  paths: RepoPaths,
  url: string,
  download: DownloadOptions = {},
): Promise<{ bytes: Buffer; chart: Chart }> {
  const known = await findKnownUrl(paths, url);
  return fetchChartArchive(url, {
    ...download,
    ...authFor(known?.repo, url),
    ...(known?.entry.digest ? { digest: known.entry.digest } : {}),
  });
}

/**
 * Every version of REPO/CHART in the cached index, newest first — for
 * "pick a version from a repository" lists. Pre-releases only with `devel`.
 */
export async function chartVersions(
  paths: RepoPaths,
  repoName: string,
  chart: string,
  options: { devel?: boolean } = {},
): Promise<IndexChartVersion[]> {
  await findRepo(paths, repoName);
  const index = await loadCachedIndex(paths, repoName);
  return (index.entries[chart] ?? []).filter(
    (v) => !v.removed && (options.devel || (tryParseVersion(v.version)?.prerelease ?? "") === ""),
  );
}

/** Equal SemVer precedence (build metadata ignored), as Masterminds compares versions. */
function sameVersion(a: string, b: string): boolean {
  const va = tryParseVersion(a);
  const vb = tryParseVersion(b);
  return va !== undefined && vb !== undefined ? compareVersions(va, vb) === 0 : a === b;
}
