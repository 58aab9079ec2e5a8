import { createHash } from "node:crypto";
import { readdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { isCompatibleRange, strictParseVersion } from "../semver/index.js";
import { loadChart } from "../chart/loadChart.js";
import { parseChartYaml } from "../chart/metadata.js";
import { chartArchive } from "../chart/packageChart.js";
import { HelmYamlError, readHelmYaml, writeDataYaml } from "../yaml/index.js";
import type { Chart, ChartDependency, ChartLock, ChartMetadata } from "../chart/types.js";
import { authFor, chartUrl, fetchChartArchive } from "./download.js";
import type { RegistryOptions } from "../oci/index.js";
import { RepoError } from "./errors.js";
import { writeFileAtomic } from "./files.js";
import { fetchOciDependency, resolveOciDependency } from "./ociDependency.js";
import type { RepoPaths } from "./paths.js";
import { findVersion, goTime, type IndexChartVersion, type RepoIndex } from "./repoIndex.js";
import {
  fetchIndex,
  loadCachedIndex,
  readRepoFile,
  refreshIndex,
  type RepoEntry,
} from "./repositories.js";

/** A chart folder's declared and locked dependencies, read without loading charts/. */
export interface ChartDependencyFiles {
  dir: string;
  metadata: ChartMetadata;
  lock: ChartLock | null;
}

export async function readDependencyFiles(dir: string): Promise<ChartDependencyFiles> {
  const chartYaml = join(dir, "Chart.yaml");
  const text = await readFile(chartYaml, "utf8").catch(() => {
    throw new RepoError(`${dir} is not a chart folder (no Chart.yaml)`, {
      hint: "dependency commands work on an unpacked chart folder",
    });
  });
  const metadata = parseChartYaml(text, { file: chartYaml });
  let lock: ChartLock | null = null;
  const lockPath = join(dir, "Chart.lock");
  const lockText = await readFile(lockPath, "utf8").catch(() => undefined);
  if (lockText !== undefined) {
    const invalid = (why: string) =>
      new RepoError(`${lockPath} is not a valid lock file${why}`, {
        hint: "delete it and run `wheelhouse dependency update`",
      });
    let doc: Partial<ChartLock> | null;
    try {
      // As helm's chart loader reads it (and assembleChart does).
      doc = readHelmYaml(lockText, { source: lockPath }) as Partial<ChartLock> | null;
    } catch (err) {
      if (!(err instanceof HelmYamlError)) throw err;
      throw invalid(`: ${err.message}`);
    }
    if (!doc || !Array.isArray(doc.dependencies)) throw invalid("");
    lock = {
      generated: String(doc.generated ?? ""),
      digest: String(doc.digest ?? ""),
      dependencies: doc.dependencies,
    };
  }
  return { dir, metadata, lock };
}

/**
 * Replaces "@name" and "alias:name" repositories with the URL of that added
 * repository, as Helm's resolveRepoNames does before hashing and locking.
 * Names that are not added are left for the resolver to report.
 */
export function rewriteRepoAliases(deps: ChartDependency[], repos: RepoEntry[]): ChartDependency[] {
  return deps.map((d) => {
    const name = /^(?:@|alias:)(.+)$/.exec(d.repository ?? "")?.[1];
    const repo = name === undefined ? undefined : repos.find((r) => r.name === name);
    return repo ? { ...d, repository: repo.url } : d;
  });
}

/** Go's encoding/json field order and omitempty rules for chart.Dependency. */
function goDependency(d: ChartDependency): Record<string, unknown> {
  const out: Record<string, unknown> = { name: d.name };
  if (d.version) out.version = d.version;
  out.repository = d.repository ?? "";
  if (d.condition) out.condition = d.condition;
  if (d.tags && d.tags.length > 0) out.tags = d.tags;
  if (d.enabled) out.enabled = d.enabled;
  if (d["import-values"] && d["import-values"].length > 0)
    out["import-values"] = d["import-values"];
  if (d.alias) out.alias = d.alias;
  return out;
}

/**
 * The Chart.lock digest, computed as Helm's resolver.HashReq does:
 * "sha256:" + hex sha256 of the JSON of [Chart.yaml dependencies, locked dependencies].
 */
export function lockDigest(requested: ChartDependency[], locked: ChartDependency[]): string {
  const json = JSON.stringify([requested.map(goDependency), locked.map(goDependency)])
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026");
  return `sha256:${createHash("sha256").update(json).digest("hex")}`;
}

export interface DependencyOptions {
  paths: RepoPaths;
  /** Download the indexes of the repositories involved first (Helm's default; --skip-refresh turns it off). */
  refresh?: boolean;
  now?: Date;
  /** The deadline of each download (--timeout); DEFAULT_DOWNLOAD_TIMEOUT_MS when unset. */
  timeoutMs?: number;
  /** How to reach and log in to the registries of `oci://` dependencies. */
  registry?: RegistryOptions;
}

/** Where a dependency comes from. */
type Source =
  | { kind: "charts" }
  | { kind: "file"; path: string }
  | { kind: "oci" }
  | { kind: "repo"; repo: RepoEntry; index: () => Promise<RepoIndex> };

/** One locked dependency with what is needed to fetch it. */
export interface ResolvedDependency {
  name: string;
  version: string;
  repository: string;
  source: Source["kind"];
  /** For repository dependencies: the index entry. */
  entry?: IndexChartVersion;
  repo?: RepoEntry;
  /** For file:// dependencies: the folder. */
  path?: string;
}

class Sources {
  private readonly indexes = new Map<string, Promise<RepoIndex>>();
  private repos: Promise<RepoEntry[]> | undefined;

  constructor(
    private readonly dir: string,
    readonly options: DependencyOptions,
  ) {}

  async of(dep: ChartDependency): Promise<Source> {
    const repository = dep.repository ?? "";
    if (repository === "") return { kind: "charts" };
    if (repository.startsWith("file://"))
      return { kind: "file", path: resolve(this.dir, repository.slice("file://".length)) };
    if (repository.startsWith("oci://")) return { kind: "oci" };
    this.repos ??= readRepoFile(this.options.paths.config);
    const repos = await this.repos;
    const byName = /^(?:@|alias:)(.+)$/.exec(repository)?.[1];
    if (byName !== undefined) {
      const repo = repos.find((r) => r.name === byName);
      if (!repo)
        throw new RepoError(`${dep.name}: no repository named "${byName}" (${repository})`, {
          hint: "add it with `wheelhouse repo add NAME URL`",
        });
      return { kind: "repo", repo, index: () => this.index(repo, true) };
    }
    if (!/^https?:\/\//.test(repository))
      throw new RepoError(`${dep.name}: repository "${repository}" is not a URL, @name or file://`);
    const norm = (u: string) => u.replace(/\/+$/, "");
    const added = repos.find((r) => norm(r.url) === norm(repository));
    const repo = added ?? { name: repository, url: norm(repository) };
    return { kind: "repo", repo, index: () => this.index(repo, added !== undefined) };
  }

  private index(repo: RepoEntry, added: boolean): Promise<RepoIndex> {
    let p = this.indexes.get(repo.url);
    if (!p) {
      const download = downloadOptions(this.options);
      if (!added) p = fetchIndex(repo, download).then((r) => r.index);
      else if (this.options.refresh) p = refreshIndex(this.options.paths, repo, download);
      else
        p = loadCachedIndex(this.options.paths, repo.name).catch(() =>
          refreshIndex(this.options.paths, repo, download),
        );
      this.indexes.set(repo.url, p);
    }
    return p;
  }
}

function downloadOptions(options: DependencyOptions): { timeoutMs?: number } {
  return options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {};
}

function isAlias(repository: string | undefined): boolean {
  return /^(?:@|alias:)/.test(repository ?? "");
}

/** A subchart already in charts/ (folder or archive) with this name, or undefined. */
async function chartInChartsDir(dir: string, name: string): Promise<Chart | undefined> {
  const charts = join(dir, "charts");
  const names = await readdir(charts).catch(() => [] as string[]);
  for (const file of names) {
    if (file.startsWith(".") || file.startsWith("_")) continue;
    if (file !== name && !(file.startsWith(`${name}-`) && file.endsWith(".tgz"))) continue;
    const chart = await loadChart(join(charts, file)).catch(() => undefined);
    if (chart?.metadata.name === name) return chart;
  }
  return undefined;
}

async function resolveOne(
  dep: ChartDependency,
  sources: Sources,
  dir: string,
  pinned?: string,
): Promise<ResolvedDependency> {
  const range = pinned ?? dep.version ?? "*";
  const source = await sources.of(dep);
  const base = {
    name: dep.name,
    repository:
      source.kind === "repo" && isAlias(dep.repository) ? source.repo.url : (dep.repository ?? ""),
  };
  if (source.kind === "charts") {
    const chart = await chartInChartsDir(dir, dep.name);
    if (!chart) throw new RepoError(`${dep.name}: not found in charts/ (repository is empty)`);
    return { ...base, version: chart.metadata.version, source: "charts" };
  }
  if (source.kind === "file") {
    const chart = await loadChart(source.path);
    if (chart.metadata.name !== dep.name)
      throw new RepoError(`${dep.name}: ${dep.repository} holds chart "${chart.metadata.name}"`);
    // Helm's resolver checks the range with Masterminds semver.
    if (!isCompatibleRange(range, chart.metadata.version))
      throw new RepoError(
        `${dep.name}: ${dep.repository} is version ${chart.metadata.version}, which does not satisfy ${range}`,
      );
    return { ...base, version: chart.metadata.version, source: "file", path: source.path };
  }
  if (source.kind === "oci") {
    const version = await resolveOciDependency(dep.name, base.repository, range, {
      ...downloadOptions(sources.options),
      ...sources.options.registry,
    });
    return { ...base, version, source: "oci" };
  }
  const index = await source.index();
  const versions = index.entries[dep.name];
  if (!versions || versions.length === 0)
    throw new RepoError(`${dep.name}: chart not found in ${dep.repository}`);
  const entry = findVersion(versions, { range });
  if (!entry)
    throw new RepoError(
      `${dep.name}: no version in ${dep.repository} satisfies ${range} (newest: ${versions[0]!.version})`,
    );
  return { ...base, version: entry.version, source: "repo", entry, repo: source.repo };
}

/** Resolves every dependency; all failures are reported together. */
async function resolveAll(
  files: ChartDependencyFiles,
  options: DependencyOptions,
  pins?: ChartDependency[],
): Promise<ResolvedDependency[]> {
  const sources = new Sources(files.dir, options);
  const deps = files.metadata.dependencies ?? [];
  const settled = await Promise.allSettled(
    deps.map((d, i) => resolveOne(d, sources, files.dir, pinFor(pins, d, i))),
  );
  const failures = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as Error] : []));
  if (failures.length > 0) {
    throw new RepoError(
      failures.length === 1 ? failures[0]!.message : "dependencies could not be resolved",
      failures.length === 1
        ? { hint: hintOf(failures[0]!) }
        : { details: failures.map((f) => `  - ${f.message}`).join("\n") },
    );
  }
  return settled.map((s) => (s as PromiseFulfilledResult<ResolvedDependency>).value);
}

/** The locked version for the i-th dependency: Chart.lock lists them in Chart.yaml's order. */
function pinFor(
  pins: ChartDependency[] | undefined,
  dep: ChartDependency,
  i: number,
): string | undefined {
  if (!pins) return undefined;
  const locked = pins[i]?.name === dep.name ? pins[i] : pins.find((p) => p.name === dep.name);
  if (!locked?.version)
    throw new RepoError(`${dep.name}: not in Chart.lock`, {
      hint: "run `wheelhouse dependency update`",
    });
  return String(locked.version);
}

function hintOf(err: Error): string {
  return (
    (err as { hint?: string }).hint ?? "check Chart.yaml dependencies and `wheelhouse repo list`"
  );
}

/**
 * Fetches every resolved dependency into memory first, then replaces the
 * archives in charts/: nothing in charts/ changes unless all downloads worked.
 */
async function fetchInto(
  dir: string,
  resolved: ResolvedDependency[],
  options: DependencyOptions,
): Promise<void> {
  const archives: { name: string; version: string; bytes: Buffer }[] = [];
  for (const dep of resolved) {
    if (dep.source === "charts") continue;
    if (dep.source === "file") {
      const chart = await loadChart(dep.path!);
      archives.push({ name: dep.name, version: dep.version, bytes: chartArchive(chart) });
      continue;
    }
    if (dep.source === "oci") {
      const registry = { ...downloadOptions(options), ...options.registry };
      const bytes = await fetchOciDependency(dep.name, dep.repository, dep.version, registry);
      archives.push({ name: dep.name, version: dep.version, bytes });
      continue;
    }
    const url = chartUrl(dep.repo!.url, dep.entry!);
    const { bytes, chart } = await fetchChartArchive(url, {
      ...downloadOptions(options),
      ...authFor(dep.repo, url),
      ...(dep.entry!.digest ? { digest: dep.entry!.digest } : {}),
    });
    if (chart.metadata.name !== dep.name)
      throw new RepoError(`${url} holds chart "${chart.metadata.name}", expected "${dep.name}"`);
    archives.push({ name: dep.name, version: dep.version, bytes });
  }
  const charts = join(dir, "charts");
  const existing = await readdir(charts).catch(() => [] as string[]);
  const wanted = new Set(archives.map((a) => `${a.name}-${a.version}.tgz`));
  for (const a of archives)
    await writeFileAtomic(join(charts, `${a.name}-${a.version}.tgz`), a.bytes);
  // Older archives of the same charts go; anything else in charts/ stays.
  for (const file of existing) {
    if (wanted.has(file) || !file.endsWith(".tgz")) continue;
    const stale = archives.some((a) => {
      const rest = file.startsWith(`${a.name}-`) ? file.slice(a.name.length + 1, -4) : "";
      return rest !== "" && isStrictVersion(rest);
    });
    if (stale) await rm(join(charts, file), { force: true });
  }
}

function lockEntries(resolved: ResolvedDependency[]): ChartDependency[] {
  return resolved.map((r) => ({ name: r.name, repository: r.repository, version: r.version }));
}

export function serializeLock(lock: ChartLock): string {
  return writeDataYaml({
    dependencies: lock.dependencies.map((d) => ({
      name: d.name,
      repository: d.repository,
      version: d.version,
    })),
    digest: lock.digest,
    generated: lock.generated,
  });
}

/**
 * `dependency update`: resolve the newest versions that satisfy Chart.yaml,
 * download them into charts/ and write Chart.lock.
 */
export async function updateDependencies(
  dir: string,
  options: DependencyOptions,
): Promise<ResolvedDependency[]> {
  const files = await readDependencyFiles(dir);
  const resolved = await resolveAll(files, options);
  await fetchInto(dir, resolved, options);
  if (resolved.length > 0) {
    const locked = lockEntries(resolved);
    await writeFileAtomic(
      join(dir, "Chart.lock"),
      serializeLock({
        dependencies: locked,
        digest: lockDigest(
          rewriteRepoAliases(
            files.metadata.dependencies ?? [],
            await readRepoFile(options.paths.config),
          ),
          locked,
        ),
        generated: goTime(options.now ?? new Date()),
      }),
    );
  }
  return resolved;
}

/**
 * `dependency build`: download exactly the versions in Chart.lock. Without a
 * lock it does what update does; a lock out of sync with Chart.yaml is refused.
 */
export async function buildDependencies(
  dir: string,
  options: DependencyOptions,
): Promise<{ resolved: ResolvedDependency[]; fromLock: boolean }> {
  const files = await readDependencyFiles(dir);
  if (!files.lock) return { resolved: await updateDependencies(dir, options), fromLock: false };
  const expected = lockDigest(
    rewriteRepoAliases(files.metadata.dependencies ?? [], await readRepoFile(options.paths.config)),
    files.lock.dependencies,
  );
  if (expected !== files.lock.digest)
    throw new RepoError("Chart.lock is out of sync with the dependencies in Chart.yaml", {
      hint: "run `wheelhouse dependency update` to resolve them again",
    });
  const resolved = await resolveAll(files, options, files.lock.dependencies);
  await fetchInto(dir, resolved, options);
  return { resolved, fromLock: true };
}

function isStrictVersion(text: string): boolean {
  try {
    strictParseVersion(text);
    return true;
  } catch {
    return false;
  }
}
