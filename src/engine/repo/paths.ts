import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { RepoError } from "./errors.js";

/** Where the repository list and the downloaded indexes live. */
export interface RepoPaths {
  /** repositories.yaml (Helm's format). */
  config: string;
  /** Folder of cached `<name>-index.yaml` files. */
  cache: string;
}

export interface RepoPathOverrides {
  repositoryConfig?: string;
  repositoryCache?: string;
}

/**
 * Resolves the locations: a flag wins, then WHEELHOUSE_REPOSITORY_CONFIG /
 * WHEELHOUSE_REPOSITORY_CACHE, then the XDG base directories
 * ($XDG_CONFIG_HOME/wheelhouse/repositories.yaml, $XDG_CACHE_HOME/wheelhouse/repository/),
 * then ~/.config and ~/.cache.
 */
export function repoPaths(env: NodeJS.ProcessEnv, overrides: RepoPathOverrides = {}): RepoPaths {
  const home = env.HOME || homedir();
  const configHome = env.XDG_CONFIG_HOME || join(home, ".config");
  const cacheHome = env.XDG_CACHE_HOME || join(home, ".cache");
  return {
    config: resolve(
      overrides.repositoryConfig ||
        env.WHEELHOUSE_REPOSITORY_CONFIG ||
        join(configHome, "wheelhouse", "repositories.yaml"),
    ),
    cache: resolve(
      overrides.repositoryCache ||
        env.WHEELHOUSE_REPOSITORY_CACHE ||
        join(cacheHome, "wheelhouse", "repository"),
    ),
  };
}

/** The repository locations, with `--repository-config`/`--repository-cache` taking precedence. */
export function pathsFrom(
  env: NodeJS.ProcessEnv,
  flags: { repositoryConfig?: string; repositoryCache?: string },
): RepoPaths {
  return repoPaths(env, {
    ...(flags.repositoryConfig ? { repositoryConfig: flags.repositoryConfig } : {}),
    ...(flags.repositoryCache ? { repositoryCache: flags.repositoryCache } : {}),
  });
}

/** Longest name that leaves room for "-index.json" within a 255-byte file name. */
const MAX_CACHE_NAME_BYTES = 200;

/** Why a repository name cannot name a file in the cache folder, or undefined when it can. */
function unusableInCache(name: string): string | undefined {
  if (name === "") return "it is empty";
  if (name.includes("/")) return 'it contains "/"';
  if (name.includes("\\")) return 'it contains "\\"';
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  if (/[\u0000-\u001f\u007f]/.test(name)) return "it contains a control character";
  if (Buffer.byteLength(name) > MAX_CACHE_NAME_BYTES)
    return `it is longer than ${MAX_CACHE_NAME_BYTES} bytes`;
  return undefined;
}

/**
 * A repository's cached index files, `<name>-index.yaml` and its compact JSON copy. The name comes
 * from repositories.yaml, which a hand or another tool may have written (helm refuses only "/"),
 * so it is checked before it becomes a path: a name such as `../../..` must never write, read or
 * delete a file outside the cache folder (docs/chart-engine.md#repository-names).
 */
export function indexCacheFiles(paths: RepoPaths, name: string): { yaml: string; json: string } {
  const problem = unusableInCache(name);
  if (problem)
    throw new RepoError(`repository name "${name}" cannot name a file in the cache: ${problem}`, {
      hint: `rename or remove it in ${paths.config}`,
    });
  const cache = resolve(paths.cache);
  const files = {
    yaml: join(cache, `${name}-index.yaml`),
    json: join(cache, `${name}-index.json`),
  };
  // The checks above already keep the name to one path segment; this says so once more.
  if (dirname(files.yaml) !== cache || dirname(files.json) !== cache)
    throw new RepoError(`repository name "${name}" cannot name a file in the cache`);
  return files;
}
