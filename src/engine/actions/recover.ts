import { formatGoTime } from "../release/goTime.js";
import { formatAge, pendingAge } from "../release/lock.js";
import type { Release } from "../release/types.js";
import { holdsLock } from "../release/types.js";
import { RecordConflictError, ReleaseNotFoundError } from "../storage/errors.js";
import type { ActionContext } from "./context.js";
import { ActionError } from "./errors.js";

/** The revision holding a release's lock, and for how long, for the user to confirm. */
export interface StaleLock {
  release: Release;
  ageMs: number | undefined;
}

/** Finds the pending revision that `recover` would clear; refuses when there is none. */
export async function findStaleLock(
  ctx: ActionContext,
  name: string,
  namespace: string,
): Promise<StaleLock> {
  const latest = await ctx.storage.latest(namespace, name);
  if (!latest) throw new ReleaseNotFoundError(name, namespace);
  if (!holdsLock(latest.info.status)) {
    throw new ActionError(
      `release "${name}" is not locked: its latest revision ${latest.version} is ${latest.info.status}`,
    );
  }
  return { release: latest, ageMs: pendingAge(latest, ctx.now()) };
}

/**
 * Marks a stale `pending-*` (or `uninstalling`) revision failed so work can go on
 * (docs/release-storage.md#the-lock): the revision stays in history, saying what happened; the
 * deployed revision is untouched. Helm's only way out is a rollback that leaves the pending
 * revision pending forever.
 *
 * Only the revision as it was shown is recovered: the write is guarded by the resourceVersion
 * read then, so an operation that is alive after all — it wrote its revision since, recording a
 * hook or finishing — makes the recovery fail rather than be overwritten
 * (docs/release-storage.md#who-takes-what).
 */
export async function recover(ctx: ActionContext, lock: StaleLock): Promise<Release> {
  const changed = (current: Release) =>
    new ActionError(
      current.info.status !== lock.release.info.status
        ? `revision ${current.version} of "${current.name}" changed to ${current.info.status} meanwhile (${current.info.description}); nothing recovered`
        : `revision ${current.version} of "${current.name}" was written meanwhile, still ${current.info.status}: its operation is alive; nothing recovered`,
      { hint: "another operation is still working on it; check again when it has finished" },
    );
  // Re-read: if someone else finished or recovered it meanwhile, do nothing behind their back.
  const current = await ctx.storage.get(
    lock.release.namespace,
    lock.release.name,
    lock.release.version,
  );
  const shown = lock.release.resourceVersion ?? current.resourceVersion;
  if (current.info.status !== lock.release.info.status || current.resourceVersion !== shown) {
    throw changed(current);
  }
  const age = lock.ageMs === undefined ? "an unknown time" : formatAge(lock.ageMs);
  current.info.status = "failed";
  current.info.description = `Recovered by wheelhouse: ${lock.release.info.status} for ${age} without finishing (was: ${lock.release.info.description})`;
  current.info.last_deployed = formatGoTime(ctx.now());
  try {
    await ctx.storage.update(current, { ifVersion: shown });
  } catch (err) {
    if (!(err instanceof RecordConflictError)) throw err;
    throw changed(await ctx.storage.get(current.namespace, current.name, current.version));
  }
  return current;
}
