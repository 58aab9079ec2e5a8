import { processIO } from "./io.js";
import { run } from "./run.js";

/**
 * The program as a process runs it: the process's arguments and streams, returning the exit
 * code. The entry point of both bundles (scripts/bundle.mjs, src/cli/launch.ts).
 */
export function start(argv: string[]): Promise<number> {
  return run(argv, processIO());
}
