import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { assembleChart } from "./assembleChart.js";
import { ChartError } from "./errors.js";
import { readChartArchive } from "./loadArchive.js";
import { readChartDirectory } from "./loadDirectory.js";
import type { Chart } from "./types.js";

/** Loads a chart from a directory or a .tgz archive. */
export async function loadChart(path: string): Promise<Chart> {
  const info = await stat(path).catch(() => {
    throw new ChartError("no chart here: the path does not exist", { file: path });
  });
  if (info.isDirectory()) return assembleChart(await readChartDirectory(path), path);
  if (!info.isFile())
    throw new ChartError("is neither a chart directory nor a .tgz archive", { file: path });
  return loadChartArchive(await readFile(path), path);
}

/** Loads a chart from archive bytes (a file or an HTTP download). */
export async function loadChartArchive(bytes: Buffer, source: string): Promise<Chart> {
  const { topFolder, files } = await readChartArchive(bytes, source);
  const chart = await assembleChart(files, source);
  if (chart.metadata.name !== topFolder) {
    throw new ChartError(
      `top-level folder "${topFolder}" does not match the chart name "${chart.metadata.name}"`,
      { file: basename(source) === source ? source : source },
    );
  }
  return chart;
}
