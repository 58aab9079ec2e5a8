import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { loadChart } from "../chart/loadChart.js";
import type { Chart } from "../chart/types.js";
import {
  downloadRepoChart,
  downloadChartUrl,
  splitRepoReference,
  type DownloadOptions,
} from "./download.js";
import { RepoError } from "./errors.js";
import { pathsFrom } from "./paths.js";
import { readRepoFile } from "./repositories.js";
import type { RegistryOptions } from "../oci/client.js";

export interface ChartSourceOptions {
  /** SemVer range for REPO/CHART references (`--version`). */
  version?: string;
  /** Consider pre-releases (`--devel`). */
  devel?: boolean;
  /** Environment for the repository locations (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
  repositoryConfig?: string;
  repositoryCache?: string;
  /** The deadline of the download (default: DEFAULT_DOWNLOAD_TIMEOUT_MS, helm's 2m0s). */
  timeoutMs?: number;
  /** For oci:// references: --plain-http, the TLS flags, --username/--password, --registry-config. */
  registry?: RegistryOptions;
  /** Told what an oci:// reference resolved to (helm prints `Pulled: …` and `Digest: …`). */
  onPulled?: (text: string) => void;
}

/**
 * Loads the chart a command names:
 *  - an http(s) URL of a .tgz (downloaded into memory and loaded safely);
 *  - oci://HOST/PATH/CHART[:TAG][@DIGEST] from a registry (docs/oci.md#references);
 *  - a chart folder or .tgz, relative to cwd (a local path wins);
 *  - REPO/CHART from an added repository: the newest version matching
 *    `version` (stable only unless `devel` or the range names a pre-release),
 *    its digest checked against the index.
 */
export async function loadChartReference(
  reference: string,
  cwd: string,
  options: ChartSourceOptions = {},
): Promise<Chart> {
  if (/^https?:\/\//i.test(reference)) {
    const paths = pathsFrom(options.env ?? process.env, options);
    return (await downloadChartUrl(paths, reference, downloadOptions(options))).chart;
  }
  if (/^oci:\/\//i.test(reference)) {
    const { loadOciChart } = await import("../oci/loadOciChart.js");
    return loadOciChart(reference, options);
  }
  const local = resolve(cwd, reference);
  const exists = await stat(local).then(
    () => true,
    () => false,
  );
  const split = exists ? undefined : splitRepoReference(reference);
  if (split) {
    const paths = pathsFrom(options.env ?? process.env, options);
    const repos = await readRepoFile(paths.config);
    if (repos.some((r) => r.name === split[0])) {
      const { chart } = await downloadRepoChart(
        paths,
        split[0],
        split[1],
        {
          ...(options.version ? { range: options.version } : {}),
          ...(options.devel ? { devel: true } : {}),
        },
        downloadOptions(options),
      );
      return chart;
    }
    throw new RepoError(
      `"${reference}" is neither a chart folder or archive nor a chart in an added repository`,
      {
        hint:
          repos.length === 0
            ? `add the repository with \`wheelhouse repo add ${split[0]} URL\``
            : `added repositories: ${repos.map((r) => r.name).join(", ")}`,
      },
    );
  }
  return loadChart(local);
}

function downloadOptions(options: ChartSourceOptions): DownloadOptions {
  return options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {};
}
