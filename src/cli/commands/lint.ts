import { resolve } from "node:path";
import { Command } from "commander";
import type { CliIO } from "../io.js";
import { addValuesOptions, userValuesFrom, type ValuesFlags } from "../options/valuesOptions.js";
import { ExitCode } from "../exitCode.js";
import { visible, visibleLine, visibleText } from "../../visibleText.js";

interface LintFlags extends ValuesFlags {
  strict?: boolean;
}

/** `wheelhouse lint CHART...`: helm lint's report and exit code. */
export function lintCommand(io: CliIO): Command {
  const cmd = new Command("lint")
    .description("check charts for problems: loading, dependencies, values schema, rendering")
    .argument("[charts...]", "chart folders or .tgz archives", ["."])
    .option("--strict", "fail on warnings too");
  addValuesOptions(cmd);
  return cmd.action(async (charts: string[], _opts, command: Command) => {
    const flags = command.optsWithGlobals<LintFlags>();
    const { lintChart } = await import("../../engine/actions/lint.js");
    const userValues = await userValuesFrom(flags, io.cwd);
    let failed = 0;
    for (const chart of charts) {
      const result = await lintChart(resolve(io.cwd, chart), userValues);
      io.stdout.write(visible`==> Linting ${chart}\n`);
      // The messages quote the chart's own text (template errors, values): shown, not obeyed.
      for (const m of result.messages)
        io.stdout.write(`[${m.severity}] ${visibleLine(m.path)}: ${visibleText(m.message)}\n`);
      const fails = result.messages.some(
        (m) => m.severity === "ERROR" || (flags.strict === true && m.severity === "WARNING"),
      );
      if (fails) failed++;
      io.stdout.write("\n");
    }
    io.stdout.write(`${charts.length} chart(s) linted, ${failed} chart(s) failed\n`);
    if (failed > 0) throw new ExitCode(1);
  });
}
