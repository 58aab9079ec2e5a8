import { Command } from "commander";
import { findStaleLock, recover, type StaleLock } from "../../engine/actions/recover.js";
import { formatAge } from "../../engine/release/lock.js";
import { describeRecord } from "../../engine/storage/records.js";
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
        io.stdout.write(describeLock(name, lock));
        if (!flags.yes) {
          io.stdout.write(
            `If no other operation is still running on it, run again with --yes to mark it failed${
              lock.unreadable ? ": only its status label changes, its payload is kept as it is" : ""
            }.\n`,
          );
          return;
        }
        const recovered = await recover(session.ctx, lock);
        io.stdout.write(
          visible`Revision ${recovered.version} marked failed; "${name}" can be upgraded or rolled back again.\n`,
        );
        if (lock.unreadable) {
          // docs/release-storage.md#records-that-cannot-be-read
          io.stdout.write(
            `helm skips records it cannot read and would write revision ${recovered.version} again ` +
              `("release: already exists"): upgrade or roll back with wheelhouse once before helm takes a turn.\n`,
          );
        }
      });
    });
}

/** What is known of the pending revision: its description, or for an unreadable one, its record. */
function describeLock(name: string, lock: StaleLock): string {
  const age = lock.ageMs === undefined ? "of unknown age" : `pending for ${formatAge(lock.ageMs)}`;
  if (!lock.unreadable) {
    const { release } = lock;
    return visible`Revision ${release.version} of "${name}" is ${release.info.status}, ${age}: ${release.info.description}\n`;
  }
  const { unreadable, record } = lock;
  const labels = Object.entries(record.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
  const where = describeRecord(record.kind, record.namespace, record.key);
  return [
    visible`Revision ${unreadable.version} of "${name}" is labelled ${unreadable.status}, ${age}, but its record cannot be read: ${unreadable.unreadable}`,
    visible`  ${where}: ${record.bytes} bytes` +
      (record.created ? visible`, created ${record.created}` : ""),
    visible`  labels: ${labels}`,
    "",
  ].join("\n");
}
