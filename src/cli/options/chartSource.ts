import type { Command } from "commander";
import type { Chart } from "../../engine/chart/types.js";
import type { ChartSourceOptions } from "../../engine/repo/loadChartReference.js";
import { pathsFrom } from "../../engine/repo/paths.js";

export { pathsFrom, type ChartSourceOptions };

/** `--version RANGE` and `--devel` for commands that take a chart reference, plus the repository flags. */
export function addChartVersionOptions(cmd: Command): Command {
  cmd
    .option("--version <range>", "chart version range for REPO/CHART (default: newest stable)")
    .option("--devel", "consider pre-release versions too (same as --version '>0.0.0-0')");
  return addRepositoryOptions(cmd);
}

export interface ChartSourceFlags {
  version?: string;
  devel?: boolean;
  repositoryConfig?: string;
  repositoryCache?: string;
}

/** Reads the flags addChartVersionOptions added. */
export function chartSourceOptions(
  env: NodeJS.ProcessEnv,
  flags: ChartSourceFlags,
): ChartSourceOptions {
  return {
    env,
    ...(flags.version ? { version: flags.version } : {}),
    ...(flags.devel ? { devel: true } : {}),
    ...(flags.repositoryConfig ? { repositoryConfig: flags.repositoryConfig } : {}),
    ...(flags.repositoryCache ? { repositoryCache: flags.repositoryCache } : {}),
  };
}

/** Flags that point at the repository list and cache, for commands that use repositories. */
export function addRepositoryOptions(cmd: Command): Command {
  return cmd
    .option(
      "--repository-config <file>",
      "repositories.yaml (default: $WHEELHOUSE_REPOSITORY_CONFIG or $XDG_CONFIG_HOME/wheelhouse/repositories.yaml)",
    )
    .option(
      "--repository-cache <dir>",
      "cached indexes (default: $WHEELHOUSE_REPOSITORY_CACHE or $XDG_CACHE_HOME/wheelhouse/repository)",
    );
}

/**
 * Loads the chart a command names: a folder, a .tgz, an http(s) URL or
 * REPO/CHART. The chart loader (tar, semver, the repository client) is
 * imported only when a command gets this far, not by every command's
 * definition.
 */
export async function chartFromArgument(
  reference: string,
  cwd: string,
  options: ChartSourceOptions = {},
): Promise<Chart> {
  const { loadChartReference } = await import("../../engine/repo/loadChartReference.js");
  return loadChartReference(reference, cwd, options);
}
