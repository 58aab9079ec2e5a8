import { holdsLock } from "../../engine/release/types.js";
import type { AppContext } from "../appTypes.js";
import type { ReleaseRef } from "../backend.js";
import { revisionUnderCursor, sameRelease, targetRelease } from "../selectors.js";

/**
 * What each flow acts on, read from where the user is; undefined when there is
 * nothing to act on. The key that starts a flow is refused (with a notice)
 * then, so the flow's input is only computed once its start was checked.
 */

/** The selected release and the revision under the history cursor. */
export function rollbackStart(
  ctx: AppContext,
): { release: ReleaseRef; target: number } | undefined {
  const revision = revisionUnderCursor(ctx);
  if (!ctx.selected || !revision) return undefined;
  return { release: ctx.selected, target: revision.revision };
}

/** The release a key acts on, if it is stuck: pending, or uninstalling (docs/release-storage.md#the-lock). */
export function recoverStart(ctx: AppContext): { release: ReleaseRef; status: string } | undefined {
  const release = targetRelease(ctx);
  const row = release && ctx.releases.find((r) => sameRelease(r, release));
  if (!release || !row || !holdsLock(row.status)) return undefined;
  return { release, status: row.status };
}

/**
 * Why a flow on `release` would be refused at its end: the release's latest revision holds the
 * lock (pending-*, uninstalling; docs/release-storage.md#the-lock). Said at the first key, with
 * the UI's own way out, rather than after the chart, values, diff and confirmation.
 */
export function lockedReason(ctx: AppContext, release: ReleaseRef | undefined): string | undefined {
  const row = release && ctx.releases.find((r) => sameRelease(r, release));
  if (!row || !holdsLock(row.status)) return undefined;
  // Short enough for the status line of an 80-column terminal to keep the way out in view.
  return `${row.namespace}/${row.name} is locked (revision ${row.revision} ${row.status}): :recover it if no operation is still running`;
}

/** The release to upgrade or uninstall. */
export function releaseStart(ctx: AppContext): { release: ReleaseRef } | undefined {
  const release = targetRelease(ctx);
  return release && { release };
}

/** A start its transition's guard has checked: missing, it is a bug in the app machine. */
export function checked<T>(start: T | undefined): T {
  if (start === undefined) throw new Error("a flow started with nothing to act on");
  return start;
}
