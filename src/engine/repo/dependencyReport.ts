import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { isCompatibleRange } from "../semver/index.js";
import { loadChart } from "../chart/loadChart.js";
import type { Chart } from "../chart/types.js";
import { lockDigest, readDependencyFiles, rewriteRepoAliases } from "./dependencyManager.js";
import type { RepoPaths } from "./paths.js";
import { readRepoFile } from "./repositories.js";

export type DependencyStatus =
  "ok" | "missing" | "wrong version" | "unpacked" | "corrupt" | "misnamed" | "too many matches";

export interface DependencyRow {
  name: string;
  version: string;
  repository: string;
  status: DependencyStatus;
  /** The version found in charts/, if any. */
  found?: string;
  /** The version Chart.lock pins, if any. */
  locked?: string;
}

export interface DependencyReport {
  rows: DependencyRow[];
  /**
   * "missing" when a dependency comes from a repository or file:// and there is no
   * Chart.lock, "stale" when its digest does not match Chart.yaml.
   */
  lock: "ok" | "missing" | "stale" | "none-needed";
  /** Archives in charts/ that no dependency names. */
  extra: string[];
}

/** `dependency list`: each declared dependency and what charts/ holds for it, as Helm reports. */
export async function listDependencies(
  dir: string,
  options: { paths?: RepoPaths } = {},
): Promise<DependencyReport> {
  const files = await readDependencyFiles(dir);
  const deps = files.metadata.dependencies ?? [];
  const charts = join(dir, "charts");
  const entries = await readdir(charts).catch(() => [] as string[]);
  const claimed = new Set<string>();
  const rows: DependencyRow[] = [];
  for (const dep of deps) {
    const row: DependencyRow = {
      name: dep.name,
      version: dep.version ?? "",
      repository: dep.repository ?? "",
      status: "missing",
    };
    const lockedVersion = files.lock?.dependencies.find((d) => d.name === dep.name)?.version;
    if (lockedVersion) row.locked = String(lockedVersion);
    const archives = entries.filter((f) => f.startsWith(`${dep.name}-`) && f.endsWith(".tgz"));
    archives.forEach((a) => claimed.add(a));
    const check = (chart: Chart, whenOk: DependencyStatus) => {
      row.found = chart.metadata.version;
      if (chart.metadata.name !== dep.name) row.status = "misnamed";
      else if (dep.version && !isCompatibleRange(dep.version, chart.metadata.version))
        row.status = "wrong version";
      else row.status = whenOk;
    };
    if (archives.length > 1) row.status = "too many matches";
    else if (archives.length === 1) {
      const chart = await loadChart(join(charts, archives[0]!)).catch(() => undefined);
      if (!chart) row.status = "corrupt";
      else check(chart, "ok");
    } else if (entries.includes(dep.name)) {
      claimed.add(dep.name);
      const isDir = (await stat(join(charts, dep.name))).isDirectory();
      const chart = isDir
        ? await loadChart(join(charts, dep.name)).catch(() => undefined)
        : undefined;
      if (!chart) row.status = "corrupt";
      else check(chart, "unpacked");
    }
    rows.push(row);
  }
  let lock: DependencyReport["lock"] = "none-needed";
  if (deps.some((d) => (d.repository ?? "") !== "") || files.lock) {
    if (!files.lock) lock = "missing";
    else {
      const repos = options.paths ? await readRepoFile(options.paths.config) : [];
      const digest = lockDigest(rewriteRepoAliases(deps, repos), files.lock.dependencies);
      lock = digest === files.lock.digest ? "ok" : "stale";
    }
  }
  const extra = entries.filter(
    (f) => !claimed.has(f) && !f.startsWith(".") && (f.endsWith(".tgz") || !f.includes(".")),
  );
  return { rows, lock, extra };
}
