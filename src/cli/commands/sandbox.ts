import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Command } from "commander";
import { WheelhouseError } from "../../errors.js";
import type { CliIO } from "../io.js";
import { parseCount } from "../options/applyOptions.js";

interface SandboxFlags {
  port: string;
  state?: string;
  writeKubeconfig: string;
  namespace?: string;
}

/**
 * `wheelhouse sandbox`: a local API server for practice, demos and tests,
 * with a kubeconfig pointing at it. Runs until interrupted.
 */
export function sandboxCommand(io: CliIO, signals: NodeJS.EventEmitter = process): Command {
  return new Command("sandbox")
    .description("run a local Kubernetes API sandbox on 127.0.0.1 and write a kubeconfig for it")
    .option("-p, --port <port>", "port to listen on (0 = any free port)", "0")
    .option(
      "--state <file>",
      "keep the sandbox's objects in this file and its .journal (both private) across restarts",
    )
    .option(
      "--write-kubeconfig <path>",
      "where to write the kubeconfig",
      join(homedir(), ".wheelhouse", "sandbox", "kubeconfig"),
    )
    .action(async (flags: SandboxFlags) => {
      const { startSandbox, StateFileError } = await import("../../sandbox/index.js");
      const sandbox = await startSandbox({
        port: parseCount(flags.port, "--port"),
        ...(flags.state ? { stateFile: resolve(io.cwd, flags.state) } : {}),
      }).catch((e: unknown) => {
        // A state file that is not one is the user's to fix (the sandbox has no WheelhouseError).
        if (e instanceof StateFileError)
          throw new WheelhouseError("sandbox", e.message, { hint: e.hint, cause: e });
        throw e;
      });
      const kubeconfig = resolve(io.cwd, flags.writeKubeconfig);
      mkdirSync(dirname(kubeconfig), { recursive: true });
      sandbox.writeKubeconfig(kubeconfig);
      io.stdout.write(
        `Sandbox API server listening on ${sandbox.url}\n` +
          `Kubeconfig written to ${kubeconfig}\n\n` +
          `  export KUBECONFIG=${kubeconfig}\n\n` +
          "Press Ctrl-C to stop.\n",
      );
      await new Promise<void>((done) => {
        const stop = () => {
          signals.off("SIGINT", stop);
          signals.off("SIGTERM", stop);
          signals.off("SIGHUP", stop);
          void sandbox.close().then(done);
        };
        signals.on("SIGINT", stop);
        signals.on("SIGTERM", stop);
        signals.on("SIGHUP", stop);
      });
      io.stdout.write("Sandbox stopped.\n");
    });
}
