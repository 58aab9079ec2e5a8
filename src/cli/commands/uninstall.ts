import { Command } from "commander";
import { describeRef } from "../../engine/cluster/clusterAccess.js";
import { uninstall } from "../../engine/actions/uninstall.js";
import { withSession } from "../session/releaseSession.js";
import type { CliIO } from "../io.js";
import { parseDuration } from "../options/applyOptions.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { visible } from "../../visibleText.js";

interface UninstallFlags extends GlobalOptions {
  keepHistory?: boolean;
  dryRun?: boolean;
  hooks?: boolean;
  timeout: string;
  description?: string;
}

/** `wheelhouse uninstall NAME...`. */
export function uninstallCommand(io: CliIO): Command {
  return new Command("uninstall")
    .alias("delete")
    .description(
      "uninstall releases: delete their resources and (unless --keep-history) their history",
    )
    .argument("<names...>", "release names")
    .option(
      "--keep-history",
      "keep the revisions, marked uninstalled, so the release can be rolled back",
    )
    .option("--dry-run", "show what would be deleted; change nothing")
    .option("--no-hooks", "skip the chart's delete hooks")
    .option("--timeout <duration>", "how long to wait for hooks", "5m0s")
    .option("--description <text>", "why: kept with --keep-history, after who uninstalled it")
    .action(async (names: string[], _opts, command: Command) => {
      const flags = command.optsWithGlobals<UninstallFlags>();
      await withSession(flags, io, async (session) => {
        for (const name of names) {
          const result = await uninstall(session.ctx, {
            name,
            namespace: session.namespace,
            timeoutMs: parseDuration(flags.timeout),
            ...(flags.keepHistory ? { keepHistory: true } : {}),
            ...(flags.dryRun ? { dryRun: true } : {}),
            ...(flags.hooks === false ? { noHooks: true } : {}),
            ...(flags.description ? { description: flags.description } : {}),
          });
          if (result.kept.length > 0) {
            io.stdout.write(
              `These resources were kept due to the resource policy:\n${result.kept.map((r) => visible`[${describeRef(r)}]`).join("\n")}\n\n`,
            );
          }
          io.stdout.write(
            flags.dryRun
              ? visible`Release "${name}" would be uninstalled (dry run; nothing changed)\n`
              : visible`release "${name}" uninstalled\n`,
          );
        }
      });
    });
}
