import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  compareNewestFirst,
  parseConstraint,
  tryParseVersion,
  type Constraints,
} from "../semver/index.js";
import { loadChartArchive } from "../chart/loadChart.js";
import { readDataYaml, writeDataYaml } from "../yaml/index.js";
import type { ChartMetadata } from "../chart/types.js";
import { RepoError } from "./errors.js";
import { writeFileAtomic } from "./files.js";

/** An index.yaml larger than this is refused (Helm has no cap; a hostile server could send gigabytes). */
export const MAX_INDEX_BYTES = 20 * 1024 * 1024;

/** One chart version in an index: Chart.yaml fields plus where to get it (Helm's ChartVersion). */
export interface IndexChartVersion extends Partial<ChartMetadata> {
  name: string;
  version: string;
  urls: string[];
  /** sha256 of the .tgz, hex, no prefix (as Helm writes it). */
  digest?: string;
  created?: string;
  removed?: boolean;
}

/** index.yaml: apiVersion v1, chart name → versions newest first. */
export interface RepoIndex {
  apiVersion: string;
  entries: Record<string, IndexChartVersion[]>;
  generated?: string;
}

export interface ParsedIndex {
  index: RepoIndex;
  /** Entries left out because they had no valid version or no URLs. */
  skipped: string[];
}

/**
 * Parses and checks an index.yaml (or its JSON form). `source` (a URL or a
 * path) is named in every error. Entries Helm would also skip (no name, a
 * version that is not SemVer, no urls) are dropped and listed in `skipped`.
 */
export function parseIndex(text: string | Buffer, source: string): ParsedIndex {
  const size = typeof text === "string" ? Buffer.byteLength(text) : text.length;
  if (size > MAX_INDEX_BYTES)
    throw new RepoError(`index ${source} is larger than ${MAX_INDEX_BYTES / (1024 * 1024)} MiB`);
  const body = typeof text === "string" ? text : text.toString("utf8");
  let doc: unknown;
  try {
    doc = /^\s*\{/.test(body) ? JSON.parse(body) : readDataYaml(body);
  } catch (err) {
    throw new RepoError(
      `index ${source} is not valid YAML: ${(err as Error).message.split("\n")[0]}`,
      { hint: "the URL may not point at a chart repository (it should serve index.yaml)" },
    );
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc))
    throw new RepoError(`index ${source} is not a chart repository index (expected a YAML map)`, {
      hint: "the URL may not point at a chart repository (it should serve index.yaml)",
    });
  const raw = doc as Record<string, unknown>;
  if (typeof raw.apiVersion !== "string" || raw.apiVersion === "")
    throw new RepoError(`index ${source} has no apiVersion (not a chart repository index)`);
  const rawEntries = raw.entries ?? {};
  if (rawEntries === null || typeof rawEntries !== "object" || Array.isArray(rawEntries))
    throw new RepoError(`index ${source}: entries must be a map of chart names to versions`);
  const entries: Record<string, IndexChartVersion[]> = Object.create(null) as Record<
    string,
    IndexChartVersion[]
  >;
  const skipped: string[] = [];
  for (const [name, list] of Object.entries(rawEntries as Record<string, unknown>)) {
    if (!Array.isArray(list)) {
      skipped.push(name);
      continue;
    }
    const versions: IndexChartVersion[] = [];
    for (const item of list as unknown[]) {
      const entry = checkEntry(item, name);
      if (typeof entry === "string") skipped.push(entry);
      else versions.push(entry);
    }
    if (versions.length > 0) entries[name] = sortVersions(versions);
  }
  const index: RepoIndex = { apiVersion: raw.apiVersion, entries };
  if (raw.generated !== undefined) index.generated = String(raw.generated);
  return { index, skipped };
}

function checkEntry(item: unknown, name: string): IndexChartVersion | string {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return name;
  const entry = item as Record<string, unknown>;
  const version =
    entry.version === undefined || entry.version === null ? "" : String(entry.version);
  // Helm skips entries whose version Masterminds semver cannot read.
  if (tryParseVersion(version) === undefined) return `${name} ${version || "(no version)"}`;
  const urls = Array.isArray(entry.urls) ? entry.urls.filter((u) => typeof u === "string") : [];
  if (urls.length === 0) return `${name} ${version} (no urls)`;
  return {
    ...(entry as object),
    name: typeof entry.name === "string" && entry.name !== "" ? entry.name : name,
    version,
    urls: urls as string[],
  } as IndexChartVersion;
}

/** Newest first, by Masterminds SemVer precedence (build metadata ignored, as Helm does). */
export function sortVersions(versions: IndexChartVersion[]): IndexChartVersion[] {
  return versions.sort((a, b) => compareNewestFirst(a.version, b.version));
}

/** The YAML Helm writes (its own writer sorts the keys): versions newest first. */
export function serializeIndex(index: RepoIndex): string {
  const entries: Record<string, IndexChartVersion[]> = {};
  for (const [name, versions] of Object.entries(index.entries)) {
    entries[name] = sortVersions([...versions]);
  }
  return writeDataYaml({
    apiVersion: index.apiVersion,
    entries,
    generated: index.generated ?? goTime(new Date()),
  });
}

/** RFC 3339 with nanoseconds, as Go's time.Time marshals. */
export function goTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");
}

export function sha256Hex(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export interface IndexDirectoryOptions {
  /** Base URL prepended to each archive's file name. */
  url?: string;
  /** An existing index whose entries are kept unless the folder has the same name and version. */
  merge?: string;
  /** Fixed timestamp, for tests. */
  now?: Date;
}

/**
 * Builds the index of a folder of chart archives, as `helm repo index` does:
 * every `*.tgz` in `dir` or one folder below it (each loaded with the safe in-memory loader),
 * digest = sha256 of the file, urls = [url/file] or [file]. Writes
 * `dir/index.yaml` atomically and returns the index.
 */
export async function indexDirectory(
  dir: string,
  options: IndexDirectoryOptions = {},
): Promise<RepoIndex> {
  const now = goTime(options.now ?? new Date());
  const names = await archivesIn(dir);
  const index: RepoIndex = { apiVersion: "v1", entries: {}, generated: now };
  for (const file of names) {
    const bytes = await readFile(join(dir, ...file.split("/")));
    const chart = await loadChartArchive(bytes, file);
    const meta = { ...chart.metadata };
    const entry: IndexChartVersion = {
      ...meta,
      urls: [options.url ? `${options.url.replace(/\/+$/, "")}/${file}` : file],
      created: now,
      digest: sha256Hex(bytes),
    };
    const list = (index.entries[meta.name] ??= []);
    if (!list.some((v) => v.version === meta.version)) list.push(entry);
  }
  if (options.merge) {
    const previous = parseIndex(await readFile(options.merge), options.merge).index;
    mergeIndex(index, previous);
  }
  await writeFileAtomic(join(dir, "index.yaml"), serializeIndex(index));
  return index;
}

/** `*.tgz` in the folder and one level below (as helm repo index looks), as posix paths. */
async function archivesIn(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith(".tgz")) out.push(entry.name);
    else if (entry.isDirectory() && !entry.name.startsWith(".")) {
      for (const sub of await readdir(join(dir, entry.name), { withFileTypes: true }))
        if (sub.isFile() && sub.name.endsWith(".tgz")) out.push(`${entry.name}/${sub.name}`);
    }
  }
  return out.sort();
}

/** Adds the versions of `other` that `into` lacks (by name and version), like Helm's Merge. */
export function mergeIndex(into: RepoIndex, other: RepoIndex): void {
  for (const [name, versions] of Object.entries(other.entries)) {
    const list = (into.entries[name] ??= []);
    for (const v of versions) if (!list.some((x) => x.version === v.version)) list.push(v);
    sortVersions(list);
  }
}

export interface VersionQuery {
  /** A SemVer range; newest stable version when absent. */
  range?: string;
  /** Consider pre-releases even when the range does not name one. */
  devel?: boolean;
}

/**
 * The version of a chart helm's IndexFile.Get picks: the entry whose version is exactly the text
 * asked for, else the newest whose version satisfies the range as Masterminds semver checks it —
 * pre-releases only when an AND group of the range names one (">=1.0.0-0"), or with `devel`.
 */
export function findVersion(
  versions: readonly IndexChartVersion[],
  query: VersionQuery = {},
): IndexChartVersion | undefined {
  const asked = query.range ?? "";
  const constraints = compileRange(asked === "" ? "*" : asked, query.devel === true);
  const live = versions.filter((v) => !v.removed);
  if (asked !== "") {
    const exact = live.find((v) => v.version === asked);
    if (exact !== undefined) return exact;
  }
  return live.find((v) => {
    const parsed = tryParseVersion(v.version);
    return parsed !== undefined && constraints.check(parsed);
  });
}

/** A Masterminds constraint; `devel` also admits pre-releases (helm's ">0.0.0-0" for --devel). */
export function compileRange(range: string, devel: boolean): Constraints {
  let constraints: Constraints;
  try {
    constraints = parseConstraint(range);
  } catch {
    throw new RepoError(`"${range}" is not a SemVer version range`);
  }
  constraints.includePrerelease = devel;
  return constraints;
}
