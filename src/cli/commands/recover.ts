import { Command } from "commander";
import { findStaleLock, recover } from "../../engine/actions/recover.js";
import { formatAge } from "../../engine/release/lock.js";
import { withSession } from "../session/releaseSession.js";
import type { CliIO } from "../io.js";
import type { GlobalOptions } from "../options/globalOptions.js";
import { visible } from "../../visibleText.js";

/**
 * `wheelhouse recover NAME`: mark a stale pending (or uninstalling) revision failed so the
 * release can be operated on again. Shows the revision and its age first;
 * without --yes it only reports.
 */
export function recoverCommand(io: CliIO): Command {
  return new Command("recover")
    .description(
      "unlock a release whose operation died: mark its pending (or uninstalling) revision failed",
    )
    .argument("<name>", "release name")
    .option("-y, --yes", "do it (without this, only show what would be recovered)")
    .action(async (name: string, _opts, command: Command) => {
      const flags = command.optsWithGlobals<GlobalOptions & { yes?: boolean }>();
      await withSession(flags, io, async (session) => {
        const lock = await findStaleLock(session.ctx, name, session.namespace);
        const age =
          lock.ageMs === undefined ? "of unknown age" : `pending for ${formatAge(lock.ageMs)}`;
        io.stdout.write(
          visible`Revision ${lock.release.version} of "${name}" is ${lock.release.info.status}, ${age}: ${lock.release.info.description}\n`,
        );
        if (!flags.yes) {
          io.stdout.write(
            "If no other operation is still running on it, run again with --yes to mark it failed.\n",
          );
          return;
        }
        const recovered = await recover(session.ctx, lock);
        io.stdout.write(
          visible`Revision ${recovered.version} marked failed; "${name}" can be upgraded or rolled back again.\n`,
        );
      });
    });
}
