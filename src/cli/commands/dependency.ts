import { resolve } from "node:path";
import { Command } from "commander";
import type { ResolvedDependency } from "../../engine/repo/dependencyManager.js";
import type { CliIO } from "../io.js";
import {
  addDownloadTimeoutOption,
  addRepositoryOptions,
  downloadTimeout,
  pathsFrom,
} from "../options/chartSource.js";
import {
  addRegistryOptions,
  registryOptionsFrom,
  type RegistryFlags,
} from "../options/registryOptions.js";
import { formatTable } from "../output/table.js";
import { visible } from "../../visibleText.js";

// The dependency manager (repositories, semver, tar) loads when a subcommand runs.
const dependencyManager = () => import("../../engine/repo/dependencyManager.js");

interface DependencyFlags extends RegistryFlags {
  skipRefresh?: boolean;
  timeout?: string;
  repositoryConfig?: string;
  repositoryCache?: string;
}

function saved(io: CliIO, resolved: ResolvedDependency[]): void {
  const fetched = resolved.filter((r) => r.source !== "charts");
  io.stdout.write(
    `Saving ${fetched.length} chart${fetched.length === 1 ? "" : "s"}\n` +
      fetched
        .map((r) => visible`Downloading ${r.name} ${r.version} from ${r.repository}\n`)
        .join("") +
      "Deleting outdated charts\n",
  );
}

/** `wheelhouse dependency list|update|build CHART`. */
export function dependencyCommand(io: CliIO): Command {
  const dep = new Command("dependency")
    .alias("dep")
    .description("manage a chart's dependencies: list them, resolve them, fetch them into charts/");

  const list = new Command("list")
    .alias("ls")
    .description("list the dependencies of a chart and whether charts/ satisfies them")
    .argument("[chart]", "chart folder", ".");
  addRepositoryOptions(list);
  list.action(async (chart: string, flags: DependencyFlags) => {
    const { listDependencies } = await import("../../engine/repo/dependencyReport.js");
    const report = await listDependencies(resolve(io.cwd, chart), {
      paths: pathsFrom(io.env, flags),
    });
    if (report.rows.length === 0) {
      io.stdout.write(visible`WARNING: no dependencies at ${resolve(io.cwd, chart, "charts")}\n`);
      return;
    }
    io.stdout.write(
      formatTable(
        ["NAME", "VERSION", "REPOSITORY", "STATUS"],
        report.rows.map((r) => [
          r.name,
          r.version,
          r.repository,
          r.status === "wrong version" && r.found ? `wrong version (found ${r.found})` : r.status,
        ]),
      ) + "\n",
    );
    if (report.lock === "missing")
      io.stdout.write(
        "WARNING: no Chart.lock: dependencies are unlocked; run `wheelhouse dependency update`\n",
      );
    if (report.lock === "stale")
      io.stdout.write(
        "WARNING: Chart.lock is out of sync with Chart.yaml; run `wheelhouse dependency update`\n",
      );
    for (const extra of report.extra)
      io.stdout.write(visible`WARNING: charts/${extra} is not a declared dependency\n`);
  });

  const update = new Command("update")
    .alias("up")
    .description("resolve Chart.yaml dependencies, fetch them into charts/ and write Chart.lock")
    .argument("[chart]", "chart folder", ".")
    .option("--skip-refresh", "use the cached repository indexes");
  addDownloadTimeoutOption(update);
  addRepositoryOptions(update);
  addRegistryOptions(update, "oci:// dependencies");
  update.action(async (chart: string, flags: DependencyFlags) => {
    const { updateDependencies } = await dependencyManager();
    const resolved = await updateDependencies(resolve(io.cwd, chart), {
      paths: pathsFrom(io.env, flags),
      refresh: !flags.skipRefresh,
      ...downloadTimeout(flags),
      registry: { env: io.env, ...registryOptionsFrom(flags, io.cwd) },
    });
    saved(io, resolved);
  });

  const build = new Command("build")
    .description("fetch the versions pinned in Chart.lock into charts/")
    .argument("[chart]", "chart folder", ".")
    .option("--skip-refresh", "use the cached repository indexes");
  addDownloadTimeoutOption(build);
  addRepositoryOptions(build);
  addRegistryOptions(build, "oci:// dependencies");
  build.action(async (chart: string, flags: DependencyFlags) => {
    const { buildDependencies } = await dependencyManager();
    const { resolved, fromLock } = await buildDependencies(resolve(io.cwd, chart), {
      paths: pathsFrom(io.env, flags),
      refresh: !flags.skipRefresh,
      ...downloadTimeout(flags),
      registry: { env: io.env, ...registryOptionsFrom(flags, io.cwd) },
    });
    if (!fromLock)
      io.stdout.write("No Chart.lock found: resolved the dependencies as update does\n");
    saved(io, resolved);
  });

  return dep.addCommand(list).addCommand(update).addCommand(build);
}
