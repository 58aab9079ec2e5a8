import { CommanderError } from "commander";
import { onCacheNotice } from "../engine/cache/notices.js";
import { isWheelhouseError, errorMessage } from "../errors.js";
import { ExitCode } from "./exitCode.js";
import type { CliIO } from "./io.js";
import { buildProgram } from "./program.js";
import { WHEELHOUSE_VERSION } from "../version.js";
import { visibleText } from "../visibleText.js";

/**
 * Runs the CLI and returns the exit code, as helm does: 0 success, 1 any error
 * (usage errors included). A command may throw an ExitCode for the rare
 * other codes.
 */
export async function run(argv: string[], io: CliIO): Promise<number> {
  const debug = argv.includes("--debug");
  // A root --version flag would swallow `package --version`, so only a bare one is honoured.
  if (argv.length === 1 && argv[0] === "--version") {
    io.stdout.write(`${WHEELHOUSE_VERSION}\n`);
    return 0;
  }
  const program = buildProgram(io);
  // A cache that is not safe to use is skipped, never fatal; the user hears why.
  const stopNotices = onCacheNotice((message) => io.stderr.write(`WARNING: ${message}\n`));
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (err) {
    return reportError(err, io, debug);
  } finally {
    stopNotices();
  }
}

/**
 * Prints an error for a person. Messages quote what they are about — release and chart names,
 * archive entries, paths, a server's answer — so their control characters are shown, not obeyed.
 */
export function reportError(err: unknown, io: CliIO, debug: boolean): number {
  if (err instanceof ExitCode) return err.code;
  if (err instanceof CommanderError) {
    // commander already printed the usage message; help and --version exit 0.
    if (
      err.code === "commander.helpDisplayed" ||
      err.code === "commander.version" ||
      err.code === "commander.help"
    ) {
      return 0;
    }
    return 1;
  }
  if (isWheelhouseError(err)) {
    io.stderr.write(`Error: ${visibleText(err.message)}\n`);
    if (err.details) io.stderr.write(`${visibleText(err.details).replace(/\n?$/, "\n")}`);
    if (err.hint) io.stderr.write(`Hint: ${visibleText(err.hint)}\n`);
    if (debug && err.stack) io.stderr.write(`${visibleText(err.stack)}\n`);
    return 1;
  }
  io.stderr.write(`Error: ${visibleText(errorMessage(err))}\n`);
  if (debug && err instanceof Error && err.stack) io.stderr.write(`${visibleText(err.stack)}\n`);
  else
    io.stderr.write(
      "This looks like a bug in wheelhouse; run again with --debug for the stack trace.\n",
    );
  return 1;
}
