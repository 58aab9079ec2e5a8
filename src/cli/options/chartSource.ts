import type { Command } from "commander";
import { parseDuration } from "./applyOptions.js";
import type { Chart } from "../../engine/chart/types.js";
import type { ChartSourceOptions } from "../../engine/repo/loadChartReference.js";
import { pathsFrom } from "../../engine/repo/paths.js";
import { addRegistryOptions, registryOptionsFrom, type RegistryFlags } from "./registryOptions.js";

export { pathsFrom, type ChartSourceOptions };

/**
 * `--version RANGE` and `--devel` for commands that take a chart reference, plus the repository
 * flags and, for oci:// references, the registry's.
 */
export function addChartVersionOptions(cmd: Command): Command {
  cmd
    .option(
      "--version <range>",
      "chart version or range for REPO/CHART and oci:// (default: newest stable)",
    )
    .option("--devel", "consider pre-release versions too (same as --version '>0.0.0-0')");
  addRepositoryOptions(cmd);
  return addRegistryOptions(cmd);
}

export interface ChartSourceFlags extends RegistryFlags {
  version?: string;
  devel?: boolean;
  repositoryConfig?: string;
  repositoryCache?: string;
}

/** Reads the flags addChartVersionOptions added. */
export function chartSourceOptions(
  env: NodeJS.ProcessEnv,
  flags: ChartSourceFlags,
  cwd = process.cwd(),
): ChartSourceOptions {
  const registry = registryOptionsFrom(flags, cwd);
  return {
    env,
    ...(Object.keys(registry).length > 0 ? { registry } : {}),
    ...(flags.version ? { version: flags.version } : {}),
    ...(flags.devel ? { devel: true } : {}),
    ...(flags.repositoryConfig ? { repositoryConfig: flags.repositoryConfig } : {}),
    ...(flags.repositoryCache ? { repositoryCache: flags.repositoryCache } : {}),
  };
}

/**
 * `--timeout` for commands whose only waiting is downloading (repo add and update as helm's, and
 * pull, show and dependency update|build beside them): the deadline of each download. Not for
 * install and upgrade, whose --timeout is the wait budget; their downloads keep the default.
 */
export function addDownloadTimeoutOption(
  cmd: Command,
  help = "time to wait for each download to complete (Go duration, e.g. 90s; 0 waits forever)",
): Command {
  return cmd.option("--timeout <duration>", help, "2m0s");
}

/** The download deadline a --timeout flag asks for (0: none, as Go's http.Client). */
export function downloadTimeout(flags: { timeout?: string }): { timeoutMs?: number } {
  return flags.timeout === undefined ? {} : { timeoutMs: parseDuration(flags.timeout) };
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
