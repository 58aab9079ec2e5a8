import { compareNewestFirst, satisfies } from "../semver/index.js";
import { compileRange, type IndexChartVersion, type RepoIndex } from "./repoIndex.js";

export interface SearchQuery {
  /** Case-insensitive substring of repo/name, description or a keyword. */
  keyword?: string;
  /** Every matching version, not only the newest of each chart. */
  versions?: boolean;
  /** A SemVer range the versions must satisfy. */
  range?: string;
  /** Include pre-releases. */
  devel?: boolean;
}

export interface SearchResult {
  /** "repo/chart". */
  name: string;
  repo: string;
  chart: IndexChartVersion;
}

/**
 * Searches cached indexes as `helm search repo` does. Results are ordered by
 * name, then newest version first; without `versions` only the newest
 * matching version of each chart is kept.
 */
export function searchIndexes(
  indexes: ReadonlyArray<{ repo: string; index: RepoIndex }>,
  query: SearchQuery = {},
): SearchResult[] {
  const range = query.range && query.range !== "" ? query.range : "*";
  const anyVersion = range === "*";
  const compiled = compileRange(range, query.devel === true);
  const needle = query.keyword?.toLowerCase() ?? "";
  const results: SearchResult[] = [];
  for (const { repo, index } of indexes) {
    for (const [chartName, versions] of Object.entries(index.entries)) {
      const name = `${repo}/${chartName}`;
      for (const v of versions) {
        if (v.removed) continue;
        if (needle !== "" && !matches(name, v, needle)) continue;
        if (!(anyVersion && query.devel) && !satisfies(v.version, compiled)) continue;
        results.push({ name, repo, chart: v });
        if (!query.versions) break;
      }
    }
  }
  return results.sort((a, b) =>
    a.name < b.name
      ? -1
      : a.name > b.name
        ? 1
        : compareNewestFirst(a.chart.version, b.chart.version),
  );
}

function matches(name: string, v: IndexChartVersion, needle: string): boolean {
  if (name.toLowerCase().includes(needle)) return true;
  if (v.description && v.description.toLowerCase().includes(needle)) return true;
  return (v.keywords ?? []).some((k) => String(k).toLowerCase().includes(needle));
}
