import { Command } from "commander";
import { rollback } from "../../engine/actions/rollback.js";
import { withSession } from "../session/releaseSession.js";
import type { CliIO } from "../io.js";
import {
  addApplyOptions,
  applyingOptions,
  parseRevision,
  type ApplyFlags,
} from "../options/applyOptions.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { visible } from "../../visibleText.js";

/** `wheelhouse rollback NAME [REVISION]`: default the revision before the latest, as helm. */
export function rollbackCommand(io: CliIO): Command {
  const cmd = new Command("rollback")
    .description("roll a release back to an earlier revision (see `diff rollback` to preview)")
    .argument("<name>", "release name")
    .argument("[revision]", "revision to return to (default: the one before the latest)");
  addApplyOptions(cmd, { atomic: false, serverSide: "rollback" });
  return cmd.action(async (name: string, revision: string | undefined, _opts, command: Command) => {
    const flags = command.optsWithGlobals<GlobalOptions & ApplyFlags>();
    await withSession(flags, io, async (session) => {
      const release = await rollback(session.ctx, {
        ...applyingOptions(flags),
        name,
        namespace: session.namespace,
        ...(revision !== undefined ? { revision: parseRevision(revision) } : {}),
      });
      io.stdout.write(
        flags.dryRun
          ? visible`Rollback of "${name}" to revision ${release.info.description.replace("Rollback to ", "")} would succeed (dry run; nothing changed)\n`
          : `Rollback was a success! Happy Helming!\n`,
      );
    });
  });
}
