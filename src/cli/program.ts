import { Command, Option } from "commander";
import type { CliIO } from "./io.js";
import { commands } from "./commands/index.js";
import type { TuiFlags } from "./commands/tui.js";

/**
 * Builds the command tree. Commands register themselves from
 * ./commands/index.ts, one module each, so the README's CLI reference can be
 * generated from the same definitions.
 */
export function buildProgram(io: CliIO): Command {
  const program = new Command("wheelhouse")
    .description("A keyboard-driven release manager for Kubernetes, compatible with Helm")
    .option("--debug", "show stack traces and extra detail on errors")
    .option(
      "--kubeconfig <path>",
      "path to the kubeconfig file (default: $KUBECONFIG, ~/.kube/config)",
    )
    .addOption(new Option("--kube-context <name>", "kubeconfig context to use"))
    .option("-n, --namespace <ns>", "namespace scope (default: the context's namespace)")
    .option(
      "--driver <name>",
      "release storage: secret (default), configmap or memory (default: $HELM_DRIVER)",
    )
    .option("-A, --all-namespaces", "(UI) start with every namespace in view")
    .option("--readonly", "(UI) hide and refuse every key that changes the cluster")
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();

  // No command: the full-screen UI.
  program.action(async (_opts, command: Command) => {
    // Loaded on demand: Ink and React cost most of a second at startup.
    const { openTui } = await import("./commands/tui.js");
    await openTui(command.opts<TuiFlags>(), io);
  });

  for (const register of commands) {
    const cmd = register(io);
    program.addCommand(cmd);
  }
  applyToTree(program, (cmd) => {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
    cmd.showHelpAfterError("(run with --help for usage)");
  });
  return program;
}

function applyToTree(cmd: Command, fn: (c: Command) => void): void {
  fn(cmd);
  for (const sub of cmd.commands) applyToTree(sub, fn);
}
