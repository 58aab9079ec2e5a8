import { Command } from "commander";
import type { Chart } from "../../engine/chart/types.js";
import type { CliIO } from "../io.js";
import {
  addChartVersionOptions,
  addDownloadTimeoutOption,
  chartFromArgument,
  chartSourceOptions,
  downloadTimeout,
  type ChartSourceFlags,
} from "../options/chartSource.js";

type Part = "chart" | "values" | "readme" | "all";

async function chartYaml(chart: Chart): Promise<string> {
  const { writeDataYaml } = await import("../../engine/yaml/index.js");
  return writeDataYaml(chart.metadata);
}

function valuesYaml(chart: Chart): string {
  return chart.rawValues ? chart.rawValues.toString("utf8") : "";
}

function readme(chart: Chart): string {
  const file = chart.files.find((f) => /^readme(\.md|\.txt)?$/i.test(f.name));
  return file ? file.data.toString("utf8") : "";
}

function ensureNewline(text: string): string {
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
}

/** `wheelhouse show chart|values|readme|all CHART`. */
export function showCommand(io: CliIO): Command {
  const show = new Command("show")
    .alias("inspect")
    .description("show a chart's Chart.yaml, values, README, or all of them");
  const parts: [Part, string][] = [
    ["chart", "show the chart's definition (Chart.yaml)"],
    ["values", "show the chart's default values (values.yaml)"],
    ["readme", "show the chart's README"],
    ["all", "show the definition, the values and the README"],
  ];
  for (const [part, description] of parts) {
    const sub = new Command(part)
      .description(description)
      .argument("<chart>", "chart folder, .tgz archive, REPO/CHART, URL or oci://HOST/PATH/CHART");
    addChartVersionOptions(sub);
    addDownloadTimeoutOption(sub);
    sub.action(async (reference: string, flags: ChartSourceFlags & { timeout?: string }) => {
      const chart = await chartFromArgument(reference, io.cwd, {
        ...chartSourceOptions(io.env, flags, io.cwd),
        onPulled: (text) => io.stderr.write(text),
        ...downloadTimeout(flags),
      });
      const sections =
        part === "chart"
          ? [await chartYaml(chart)]
          : part === "values"
            ? [valuesYaml(chart)]
            : part === "readme"
              ? [readme(chart)]
              : [await chartYaml(chart), valuesYaml(chart), readme(chart)].filter((s) => s !== "");
      io.stdout.write(sections.map(ensureNewline).join("---\n"));
    });
    show.addCommand(sub);
  }
  return show;
}
