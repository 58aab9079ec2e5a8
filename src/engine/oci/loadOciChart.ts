import { loadChartArchive } from "../chart/loadChart.js";
import type { Chart } from "../chart/types.js";
import type { RegistryOptions } from "./client.js";
import { pullOciChart, type PulledOciChart } from "./pull.js";
import { formatOciReference } from "./reference.js";

/** What a chart-taking command knows (loadChartReference's options, named here to keep imports one-way). */
export interface OciSourceOptions {
  version?: string;
  devel?: boolean;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  registry?: RegistryOptions;
  onPulled?: (text: string) => void;
}

/** Pulls an oci:// chart with the options a chart-taking command was given. */
export function pullForCommand(
  reference: string,
  options: OciSourceOptions,
): Promise<PulledOciChart> {
  return pullOciChart(reference, {
    ...options.registry,
    env: options.env ?? process.env,
    ...(options.version ? { version: options.version } : {}),
    ...(options.devel ? { devel: true } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
}

/** helm's report of a pull: `Pulled: HOST/REPO:TAG` and `Digest: sha256:…` (the manifest's). */
export function pulledLines(pulled: PulledOciChart): string {
  const { digest: _digest, ...tagged } = pulled.reference;
  return `Pulled: ${formatOciReference(pulled.reference.tag ? tagged : pulled.reference, false)}\nDigest: ${pulled.manifestDigest}\n`;
}

/** An oci:// chart, pulled (or taken from the cache by digest) and loaded with the safe loader. */
export async function loadOciChart(reference: string, options: OciSourceOptions): Promise<Chart> {
  const pulled = await pullForCommand(reference, options);
  options.onPulled?.(pulledLines(pulled));
  return loadChartArchive(pulled.bytes, formatOciReference(pulled.reference));
}
