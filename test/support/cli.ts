import { PassThrough, Readable } from "node:stream";
import type { CliIO } from "../../src/cli/io.js";
import { run } from "../../src/cli/run.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs wheelhouse in-process with captured output, as a user would type `wheelhouse ...args`. */
export async function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; stdin?: string; tty?: boolean } = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const out = Object.assign(new PassThrough(), { isTTY: options.tty ?? false, columns: 120 });
  const err = Object.assign(new PassThrough(), { isTTY: false });
  out.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  err.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const io: CliIO = {
    stdout: out,
    stderr: err,
    stdin: Object.assign(Readable.from(options.stdin === undefined ? [] : [options.stdin]), {
      isTTY: false,
    }),
    env: { ...(options.env ?? { PATH: process.env.PATH, HOME: process.env.HOME }) },
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
