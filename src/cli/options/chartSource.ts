import { resolve } from "node:path";
import { loadChart } from "../../engine/chart/loadChart.js";
import type { Chart } from "../../engine/chart/types.js";

/** Loads the chart a command names: a chart folder or a .tgz, relative to cwd. */
export function chartFromArgument(reference: string, cwd: string): Promise<Chart> {
  return loadChart(resolve(cwd, reference));
}
