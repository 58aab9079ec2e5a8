import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { Command } from "commander";
import type { Chart } from "../../engine/chart/types.js";
import { RepoError } from "../../engine/repo/errors.js";
import { writeFileAtomic } from "../../engine/repo/files.js";
import type { CliIO } from "../io.js";
import {
  addChartVersionOptions,
  addDownloadTimeoutOption,
  chartSourceOptions,
  downloadTimeout,
  pathsFrom,
  type ChartSourceFlags,
} from "../options/chartSource.js";

interface PullFlags extends ChartSourceFlags {
  timeout?: string;
  destination: string;
  untar?: boolean;
  untardir?: string;
}

/** Downloads REPO/CHART or a URL: the archive bytes and the loaded (checked) chart. */
export async function downloadReference(
  reference: string,
  env: NodeJS.ProcessEnv,
  flags: ChartSourceFlags & { timeout?: string },
): Promise<{ bytes: Buffer; chart: Chart }> {
  const { downloadRepoChart, downloadChartUrl, splitRepoReference } =
    await import("../../engine/repo/download.js");
  const download = downloadTimeout(flags);
  if (/^https?:\/\//i.test(reference))
    return downloadChartUrl(pathsFrom(env, flags), reference, download);
  const split = splitRepoReference(reference);
  if (!split)
    throw new RepoError(`"${reference}" is not REPO/CHART or an http(s) URL of a chart archive`);
  const options = chartSourceOptions(env, flags);
  return downloadRepoChart(
    pathsFrom(env, flags),
    split[0],
    split[1],
    {
      ...(options.version ? { range: options.version } : {}),
      ...(options.devel ? { devel: true } : {}),
    },
    download,
  );
}

/** `wheelhouse pull REPO/CHART|URL`: save the archive, or unpack it with --untar. */
export function pullCommand(io: CliIO): Command {
  const cmd = new Command("pull")
    .alias("fetch")
    .description("download a chart from a repository (or a URL) into a folder")
    .argument("<chart>", "REPO/CHART or an http(s) URL of a .tgz")
    .option("-d, --destination <dir>", "where to write the chart", ".")
    .option("--untar", "unpack the chart into a folder named after it")
    .option("--untardir <dir>", "with --untar, the folder to unpack into (default: --destination)");
  addChartVersionOptions(cmd);
  addDownloadTimeoutOption(cmd);
  return cmd.action(async (reference: string, flags: PullFlags) => {
    const { bytes, chart } = await downloadReference(reference, io.env, flags);
    const destination = resolve(io.cwd, flags.destination);
    const { name, version } = chart.metadata;
    if (!flags.untar) {
      await writeFileAtomic(join(destination, `${name}-${version}.tgz`), bytes);
      return;
    }
    const root = join(resolve(destination, flags.untardir ?? "."), name);
    if (
      await stat(root).then(
        () => true,
        () => false,
      )
    )
      throw new RepoError(`cannot unpack into ${root}: a file or folder with that name exists`);
    const { unpackChartArchive } = await import("../../engine/chart/unpackArchive.js");
    await unpackChartArchive(bytes, reference, root);
  });
}
