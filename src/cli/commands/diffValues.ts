import type { Command } from "commander";
import type { ValuesDiffResult } from "../../engine/actions/valuesDiff.js";
import { ExitCode } from "../exitCode.js";
import { useColor, type CliIO } from "../io.js";
import { formatData, type OutputFormat } from "../output/format.js";
import { formatValuesDiff, valuesDiffData } from "../output/valuesDiffText.js";

/** The flags of a values diff; `prefix` says when they apply (`diff upgrade` needs --values-only). */
export function valuesOutputOptions(cmd: Command, prefix = ""): Command {
  return cmd
    .option(
      "-a, --all",
      `${prefix}computed values (chart defaults + user values, as \`get values --all\`)`,
    )
    .option("-o, --output <format>", `${prefix}table, json or yaml`);
}

/** Prints a values diff as lines or data; with --detailed-exitcode, exits 2 on changes. */
export async function printValuesDiff(
  io: CliIO,
  result: ValuesDiffResult,
  release: { name: string; namespace: string },
  format: OutputFormat,
  flags: { detailedExitcode?: boolean },
): Promise<void> {
  io.stdout.write(
    format === "table"
      ? formatValuesDiff(result, release, useColor(io))
      : await formatData(valuesDiffData(result, release), format),
  );
  if (flags.detailedExitcode && result.changes.length > 0) throw new ExitCode(2);
}
