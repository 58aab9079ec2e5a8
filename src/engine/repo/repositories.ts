import { readFile, rm, stat } from "node:fs/promises";
import { readDataYaml, writeDataYaml } from "../yaml/index.js";
import { RepoError } from "./errors.js";
import { withFileLock } from "./fileLock.js";
import { writeFileAtomic } from "./files.js";
import { fetchUrl, redactUrl, type HttpAuth } from "./http.js";
import { goTime, MAX_INDEX_BYTES, parseIndex, type RepoIndex } from "./repoIndex.js";
import { indexCacheFiles, type RepoPaths } from "./paths.js";

/** One repository in repositories.yaml. */
export interface RepoEntry extends HttpAuth {
  name: string;
  url: string;
}

const NAME_RULE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function validateRepoName(name: string): void {
  if (!NAME_RULE.test(name))
    throw new RepoError(
      `repository name "${name}" is invalid: use letters, digits, ".", "_" and "-" (no "/")`,
    );
}

/** Reads repositories.yaml (Helm's format); a missing file is an empty list. */
export async function readRepoFile(path: string): Promise<RepoEntry[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as { code?: string }).code === "ENOENT") return [];
    throw new RepoError(`cannot read ${path}: ${(err as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = readDataYaml(text);
  } catch (err) {
    throw new RepoError(`${path} is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  if (doc === null || doc === undefined) return [];
  const list = (doc as { repositories?: unknown }).repositories;
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new RepoError(`${path}: repositories must be a list`);
  return list.flatMap((raw: unknown): RepoEntry[] => {
    if (raw === null || typeof raw !== "object") return [];
    const r = raw as Record<string, unknown>;
    if (typeof r.name !== "string" || typeof r.url !== "string") return [];
    const entry: RepoEntry = { name: r.name, url: r.url };
    const str = (k: string) => (typeof r[k] === "string" && r[k] !== "" ? r[k] : undefined);
    if (str("username")) entry.username = str("username");
    if (str("password")) entry.password = str("password");
    if (str("caFile")) entry.caFile = str("caFile");
    if (str("certFile")) entry.certFile = str("certFile");
    if (str("keyFile")) entry.keyFile = str("keyFile");
    if (r.insecure_skip_tls_verify === true) entry.insecureSkipTlsVerify = true;
    if (r.pass_credentials_all === true) entry.passCredentialsAll = true;
    return [entry];
  });
}

/** Writes repositories.yaml in Helm's layout, atomically, mode 0600 (it may hold passwords). */
export async function writeRepoFile(path: string, entries: RepoEntry[]): Promise<void> {
  const doc = {
    apiVersion: "",
    generated: goTime(new Date()),
    repositories: entries.map((e) => ({
      caFile: e.caFile ?? "",
      certFile: e.certFile ?? "",
      insecure_skip_tls_verify: e.insecureSkipTlsVerify === true,
      keyFile: e.keyFile ?? "",
      name: e.name,
      pass_credentials_all: e.passCredentialsAll === true,
      password: e.password ?? "",
      url: e.url,
      username: e.username ?? "",
    })),
  };
  await writeFileAtomic(path, writeDataYaml(doc), 0o600);
}

export function indexUrl(repoUrl: string): string {
  return `${repoUrl.replace(/\/+$/, "")}/index.yaml`;
}

/** Downloads and checks a repository's index.yaml; nothing is written. */
export async function fetchIndex(
  entry: RepoEntry,
  download: { timeoutMs?: number } = {},
): Promise<{ index: RepoIndex; bytes: Buffer }> {
  const { bytes } = await fetchUrl(indexUrl(entry.url), {
    ...entry,
    ...download,
    maxBytes: MAX_INDEX_BYTES,
  });
  const { index } = parseIndex(bytes, redactUrl(indexUrl(entry.url)));
  return { index, bytes };
}

/**
 * Fetches the index and, only when it downloaded and parsed, replaces the
 * cached copy (temp file + rename). Any failure leaves the previous cache.
 */
export async function refreshIndex(
  paths: RepoPaths,
  entry: RepoEntry,
  download: { timeoutMs?: number } = {},
): Promise<RepoIndex> {
  const { index, bytes } = await fetchIndex(entry, download);
  const files = indexCacheFiles(paths, entry.name);
  await writeFileAtomic(files.yaml, bytes);
  await writeFileAtomic(files.json, JSON.stringify(index));
  return index;
}

/**
 * The cached index of an added repository. The compact JSON copy written
 * beside index.yaml is used when it is at least as new (it loads ~10× faster).
 */
export async function loadCachedIndex(paths: RepoPaths, name: string): Promise<RepoIndex> {
  const files = indexCacheFiles(paths, name);
  const [yamlInfo, jsonInfo] = await Promise.all([
    stat(files.yaml).catch(() => undefined),
    stat(files.json).catch(() => undefined),
  ]);
  if (!yamlInfo)
    throw new RepoError(`no cached index for repository "${name}"`, {
      hint: `run \`wheelhouse repo update ${name}\``,
    });
  if (jsonInfo && jsonInfo.mtimeMs >= yamlInfo.mtimeMs) {
    try {
      return JSON.parse(await readFile(files.json, "utf8")) as RepoIndex;
    } catch {
      // fall back to the YAML copy
    }
  }
  return parseIndex(await readFile(files.yaml), files.yaml).index;
}

export async function findRepo(paths: RepoPaths, name: string): Promise<RepoEntry> {
  const entries = await readRepoFile(paths.config);
  const entry = entries.find((e) => e.name === name);
  if (!entry)
    throw new RepoError(`no repository named "${name}"`, {
      hint:
        entries.length === 0
          ? "add one with `wheelhouse repo add NAME URL`"
          : `added repositories: ${entries.map((e) => e.name).join(", ")}`,
    });
  return entry;
}

export type AddResult = "added" | "unchanged" | "updated";

/**
 * Adds a repository: its index is fetched and checked first, so a bad URL or
 * credentials never reach repositories.yaml. An existing name with a different
 * configuration needs `forceUpdate`.
 */
export async function addRepo(
  paths: RepoPaths,
  entry: RepoEntry,
  options: { forceUpdate?: boolean; timeoutMs?: number } = {},
): Promise<AddResult> {
  validateRepoName(entry.name);
  // Checked before fetching, so a refused add costs no download, and again
  // under the lock, where another process may have added the name meanwhile.
  if (addOutcome(await readRepoFile(paths.config), entry, options) === "unchanged") {
    return "unchanged";
  }
  await refreshIndex(
    paths,
    entry,
    options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {},
  );
  return withFileLock(paths.config, async () => {
    const entries = await readRepoFile(paths.config);
    const outcome = addOutcome(entries, entry, options);
    if (outcome === "unchanged") return outcome;
    const next =
      outcome === "updated"
        ? entries.map((e) => (e.name === entry.name ? entry : e))
        : [...entries, entry];
    await writeRepoFile(paths.config, next);
    return outcome;
  });
}

/** What adding `entry` to `entries` does; throws when the name is taken by another configuration. */
function addOutcome(
  entries: RepoEntry[],
  entry: RepoEntry,
  options: { forceUpdate?: boolean },
): AddResult {
  const existing = entries.find((e) => e.name === entry.name);
  if (!existing) return "added";
  if (options.forceUpdate) return "updated";
  if (sameConfig(existing, entry)) return "unchanged";
  throw new RepoError(`repository name (${entry.name}) already exists`, {
    hint: "use --force-update to replace it, or choose a different name",
  });
}

function sameConfig(a: RepoEntry, b: RepoEntry): boolean {
  const keys: (keyof RepoEntry)[] = [
    "url",
    "username",
    "password",
    "caFile",
    "certFile",
    "keyFile",
    "insecureSkipTlsVerify",
    "passCredentialsAll",
  ];
  return keys.every((k) => (a[k] ?? "") === (b[k] ?? "") || (!a[k] && !b[k]));
}

/**
 * Removes a repository and its cached index. A name that cannot name a cache file (one written by
 * hand, such as `../x`) is still removed from the list, which is how it gets cleaned up; no file
 * is deleted for it.
 */
export async function removeRepo(paths: RepoPaths, name: string): Promise<void> {
  let files: { yaml: string; json: string } | undefined;
  try {
    files = indexCacheFiles(paths, name);
  } catch (err) {
    if (!(err instanceof RepoError)) throw err;
  }
  await withFileLock(paths.config, async () => {
    const entries = await readRepoFile(paths.config);
    if (!entries.some((e) => e.name === name)) {
      throw new RepoError(`no repo named "${name}" found`);
    }
    await writeRepoFile(
      paths.config,
      entries.filter((e) => e.name !== name),
    );
  });
  if (!files) return;
  await rm(files.yaml, { force: true });
  await rm(files.json, { force: true });
}

export interface UpdateOutcome {
  name: string;
  error?: Error;
}

/** Refreshes the named repositories (all when none named); one failure does not stop the rest. */
export async function updateRepos(
  paths: RepoPaths,
  names: string[] = [],
  download: { timeoutMs?: number } = {},
): Promise<UpdateOutcome[]> {
  const entries = await readRepoFile(paths.config);
  for (const n of names)
    if (!entries.some((e) => e.name === n))
      throw new RepoError(`no repositories found matching '${n}'`);
  const chosen = names.length === 0 ? entries : entries.filter((e) => names.includes(e.name));
  return Promise.all(
    chosen.map(async (entry): Promise<UpdateOutcome> => {
      try {
        await refreshIndex(paths, entry, download);
        return { name: entry.name };
      } catch (err) {
        return { name: entry.name, error: err as Error };
      }
    }),
  );
}
