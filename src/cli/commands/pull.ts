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

/**
 * Downloads REPO/CHART, a URL or an oci:// reference: the archive bytes and the loaded (checked)
 * chart; for oci://, what was pulled (tag and digest), which helm reports.
 */
export async function downloadReference(
  reference: string,
  env: NodeJS.ProcessEnv,
  flags: ChartSourceFlags & { timeout?: string },
  cwd = process.cwd(),
): Promise<{ bytes: Buffer; chart: Chart; pulled?: string }> {
  const download = downloadTimeout(flags);
  if (/^oci:\/\//i.test(reference)) {
    const [{ pullForCommand, pulledLines }, { loadChartArchive }] = await Promise.all([
      import("../../engine/oci/loadOciChart.js"),
      import("../../engine/chart/loadChart.js"),
    ]);
    const pulled = await pullForCommand(reference, {
      ...chartSourceOptions(env, flags, cwd),
      ...download,
    });
    const chart = await loadChartArchive(pulled.bytes, reference);
    return { bytes: pulled.bytes, chart, pulled: pulledLines(pulled) };
  }
  const { downloadRepoChart, downloadChartUrl, splitRepoReference } =
    await import("../../engine/repo/download.js");
  if (/^https?:\/\//i.test(reference))
    return downloadChartUrl(pathsFrom(env, flags), reference, download);
  const split = splitRepoReference(reference);
  if (!split)
    throw new RepoError(
      `"${reference}" is not REPO/CHART, an http(s) URL of a chart archive or an oci:// reference`,
    );
  const options = chartSourceOptions(env, flags, cwd);
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
    .description("download a chart from a repository, a URL or an OCI registry into a folder")
    .argument("<chart>", "REPO/CHART, an http(s) URL of a .tgz, or oci://HOST/PATH/CHART[:TAG]")
    .option("-d, --destination <dir>", "where to write the chart", ".")
    .option("--untar", "unpack the chart into a folder named after it")
    .option("--untardir <dir>", "with --untar, the folder to unpack into (default: --destination)");
  addChartVersionOptions(cmd);
  addDownloadTimeoutOption(cmd);
  return cmd.action(async (reference: string, flags: PullFlags) => {
    const { bytes, chart, pulled } = await downloadReference(reference, io.env, flags, io.cwd);
    if (pulled) io.stderr.write(pulled);
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
