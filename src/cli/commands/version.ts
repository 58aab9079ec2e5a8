import { Command } from "commander";
import { errorMessage } from "../../errors.js";
import type { ServerVersion } from "../../kube/types.js";
import { WHEELHOUSE_VERSION } from "../../version.js";
import type { CliIO } from "../io.js";
import { visible, visibleText } from "../../visibleText.js";
import { formatData, parseOutputFormat } from "../output/format.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { isKubeError } from "../../kube/errors.js";

/** `wheelhouse version`: the Client:/Server: pair the old `helm version` printed. */
export function versionCommand(io: CliIO): Command {
  return new Command("version")
    .description("print the client version and, when a cluster answers, the server's")
    .option("--short", "versions only")
    .option("-o, --output <format>", "table, json or yaml", "table")
    .action(async (_opts, command: Command) => {
      const flags = command.optsWithGlobals<GlobalOptions & { short?: boolean; output?: string }>();
      const format = parseOutputFormat(flags.output);
      const client = { semVer: `v${WHEELHOUSE_VERSION}` };
      let server: ServerVersion | undefined;
      let failure: string | undefined;
      let mistake: unknown;
      try {
        const { KubeClient } = await import("../../kube/client.js");
        const { loadKubeConfig } = await import("../../kube/config.js");
        const config = loadKubeConfig({
          ...(flags.kubeconfig ? { kubeconfig: flags.kubeconfig } : {}),
          ...(flags.kubeContext ? { context: flags.kubeContext } : {}),
          env: io.env,
        });
        const kube = new KubeClient(config, { retries: 0, timeoutMs: 10_000 });
        try {
          server = await kube.serverVersion();
        } finally {
          kube.close();
        }
      } catch (err) {
        // A context or kubeconfig the command names that does not exist is a mistake in the
        // command, as kubectl says; anything else only means no server to ask.
        if ((flags.kubeContext || flags.kubeconfig) && isKubeError(err, "Config")) mistake = err;
        failure = errorMessage(err);
      }
      if (mistake) throw mistake;
      if (format !== "table") {
        io.stdout.write(
          await formatData(
            { client, ...(server ? { server } : {}), ...(failure ? { error: failure } : {}) },
            format,
          ),
        );
      } else if (flags.short) {
        io.stdout.write(
          `Client: ${client.semVer}\n${server ? visible`Server: ${server.gitVersion}\n` : ""}`,
        );
      } else {
        io.stdout.write(
          `Client: &version.Version{SemVer:"${client.semVer}", GitCommit:"", GitTreeState:"clean"}\n`,
        );
        if (server) {
          io.stdout.write(
            visible`Server: &version.Version{SemVer:"${server.gitVersion}", GitCommit:"${server.gitCommit ?? ""}", GitTreeState:"${server.gitTreeState ?? ""}"}\n`,
          );
        }
      }
      // The server part is optional, as in helm (whose version never asks one): the client
      // version was printed, so this is a warning and the exit is 0 (kubectl exits 1; it has
      // `--client` for scripts that only want the client's, which wheelhouse has no need of).
      if (failure) io.stderr.write(`WARNING: no server version: ${visibleText(failure)}\n`);
    });
}
