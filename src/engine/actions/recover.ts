import { formatGoTime } from "../release/goTime.js";
import { formatAge, pendingAge } from "../release/lock.js";
import type { Release } from "../release/types.js";
import { isPending } from "../release/types.js";
import { ReleaseNotFoundError } from "../storage/errors.js";
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
  if (!isPending(latest.info.status)) {
    throw new ActionError(
      `release "${name}" is not locked: its latest revision ${latest.version} is ${latest.info.status}`,
    );
  }
  return { release: latest, ageMs: pendingAge(latest, ctx.now()) };
}

/**
 * Marks a stale `pending-*` revision failed so work can go on (docs/release-storage.md#the-lock):
 * the revision stays in history, saying what happened; the deployed revision
 * is untouched. Helm's only way out is a rollback that leaves the pending
 * revision pending forever.
 */
export async function recover(ctx: ActionContext, lock: StaleLock): Promise<Release> {
  // Re-read: if someone else finished or recovered it meanwhile, do nothing behind their back.
  const current = await ctx.storage.get(
    lock.release.namespace,
    lock.release.name,
    lock.release.version,
  );
  if (current.info.status !== lock.release.info.status) {
    throw new ActionError(
      `revision ${current.version} of "${current.name}" changed to ${current.info.status} meanwhile; nothing recovered`,
    );
  }
  const age = lock.ageMs === undefined ? "an unknown time" : formatAge(lock.ageMs);
  current.info.status = "failed";
  current.info.description = `Recovered by wheelhouse: ${lock.release.info.status} for ${age} without finishing (was: ${lock.release.info.description})`;
  current.info.last_deployed = formatGoTime(ctx.now());
  await ctx.storage.update(current);
  return current;
}
