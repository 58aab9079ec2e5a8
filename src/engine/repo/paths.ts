import { homedir } from "node:os";
import { join, resolve } from "node:path";

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
