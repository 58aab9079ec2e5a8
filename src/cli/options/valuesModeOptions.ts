import type { Command } from "commander";
import { UsageError } from "../../errors.js";
import type { ValuesMode } from "../../engine/actions/upgrade.js";

export interface ValuesModeFlags {
  resetValues?: boolean;
  reuseValues?: boolean;
  resetThenReuseValues?: boolean;
}

/** helm's three upgrade value flags, for `upgrade` and the previews of one. */
export function addValuesModeOptions(cmd: Command): Command {
  return cmd
    .option("--reset-values", "start from the chart's defaults, ignoring the previous values")
    .option(
      "--reuse-values",
      "merge the given values over the previous ones and the old chart's defaults",
    )
    .option(
      "--reset-then-reuse-values",
      "merge the given values over the previous ones, with the new chart's defaults",
    );
}

/**
 * helm's precedence: reset beats reuse beats reset-then-reuse
 * (docs/chart-engine.md#upgrade-value-modes).
 */
export function valuesModeFrom(flags: ValuesModeFlags): ValuesMode {
  const chosen = [flags.resetValues, flags.reuseValues, flags.resetThenReuseValues].filter(
    Boolean,
  ).length;
  if (chosen > 1) {
    throw new UsageError(
      "choose one of --reset-values, --reuse-values and --reset-then-reuse-values",
    );
  }
  if (flags.resetValues) return "reset";
  if (flags.reuseValues) return "reuse";
  if (flags.resetThenReuseValues) return "reset-then-reuse";
  return "default";
}
