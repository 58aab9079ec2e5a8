import { resolve } from "node:path";
import { Command } from "commander";
import type { CliIO } from "../io.js";
import { visible } from "../../visibleText.js";
import { chartFromArgument } from "../options/chartSource.js";

interface PackageFlags {
  destination: string;
  version?: string;
  appVersion?: string;
}

/** `wheelhouse package CHART...`: write `<name>-<version>.tgz` as helm package does. */
export function packageCommand(io: CliIO): Command {
  return new Command("package")
    .description("package chart folders into versioned .tgz archives")
    .argument("<charts...>", "chart folders")
    .option("-d, --destination <dir>", "where to write the archives", ".")
    .option("--version <semver>", "set the chart version in the archive")
    .option("--app-version <version>", "set the appVersion in the archive")
    .action(async (charts: string[], flags: PackageFlags) => {
      const { packageChart } = await import("../../engine/chart/packageChart.js");
      for (const reference of charts) {
        const chart = await chartFromArgument(reference, io.cwd);
        const path = await packageChart(chart, resolve(io.cwd, flags.destination), {
          ...(flags.version !== undefined ? { version: flags.version } : {}),
          ...(flags.appVersion !== undefined ? { appVersion: flags.appVersion } : {}),
        });
        io.stdout.write(visible`Successfully packaged chart and saved it to: ${path}\n`);
      }
    });
}
