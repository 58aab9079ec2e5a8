import { WheelhouseError, errorMessage } from "../../errors.js";
import { attributed } from "../release/attribution.js";
import { formatGoTime } from "../release/goTime.js";
import { formatAge, labelAge, pendingAge } from "../release/lock.js";
import type { Release, UnreadableRevision } from "../release/types.js";
import { holdsLock } from "../release/types.js";
import { isUnreadable, type RecordFacts, type StoredRevision } from "../storage/driver.js";
import {
  RecordChangedError,
  RecordConflictError,
  ReleaseNotFoundError,
} from "../storage/errors.js";
import type { ActionContext } from "./context.js";
import { ActionError } from "./errors.js";
import { statusOf } from "./list.js";
import { whoActs } from "./whoActs.js";

/** The revision holding a release's lock, and for how long, for the user to confirm. */
export type StaleLock =
  | { release: Release; ageMs: number | undefined; unreadable?: undefined }
  | {
      release?: undefined;
      ageMs: number | undefined;
      /** The pending revision's labels and why its payload cannot be read. */
      unreadable: UnreadableRevision;
      /** What can be shown of its record without decoding it. */
      record: RecordFacts;
    };

/** Finds the pending revision that `recover` would clear; refuses when there is none. */
export async function findStaleLock(
  ctx: ActionContext,
  name: string,
  namespace: string,
): Promise<StaleLock> {
  const latest = await ctx.storage.latestStored(namespace, name);
  if (!latest) throw new ReleaseNotFoundError(name, namespace);
  const status = statusOf(latest);
  if (!holdsLock(status)) {
    throw new ActionError(
      `release "${name}" is not locked: its latest revision ${latest.version} is ${status}` +
        (isUnreadable(latest)
          ? ` (by its label; its record cannot be read: ${latest.unreadable})`
          : ""),
    );
  }
  if (!isUnreadable(latest)) return { release: latest, ageMs: pendingAge(latest, ctx.now()) };
  const record = await ctx.storage.driver.inspect(namespace, name, latest.version);
  // Its age as the lock error gave it, from the labels; without them, from the server's creation time.
  const created = record.created ? Date.parse(record.created) : NaN;
  const ageMs =
    labelAge(latest, ctx.now()) ??
    (Number.isNaN(created) ? undefined : Math.max(0, ctx.now().getTime() - created));
  return { unreadable: latest, record, ageMs };
}

/**
 * Marks a stale `pending-*` (or `uninstalling`) revision failed so work can go on
 * (docs/release-storage.md#the-lock): the revision stays in history, saying what happened; the
 * deployed revision is untouched. Helm's only way out is a rollback that leaves the pending
 * revision pending forever. A revision whose record cannot be read gets only its status label
 * changed, its payload kept byte for byte (docs/release-storage.md#records-that-cannot-be-read).
 *
 * Only the revision as it was shown is recovered: the write is guarded by the resourceVersion
 * read then, so an operation that is alive after all — it wrote its revision since, recording a
 * hook or finishing — makes the recovery fail rather than be overwritten
 * (docs/release-storage.md#who-takes-what).
 */
export async function recover(ctx: ActionContext, lock: StaleLock): Promise<StoredRevision> {
  const age = lock.ageMs === undefined ? "an unknown time" : formatAge(lock.ageMs);
  if (lock.unreadable) {
    const { unreadable, record } = lock;
    const note =
      `${formatGoTime(ctx.now())}: marked failed by wheelhouse recover after ${unreadable.status} ` +
      `for ${age}; ${unreadable.unreadable}`;
    await writing(unreadable, () => ctx.storage.driver.relabel(record, "failed", note));
    return { ...unreadable, status: "failed" };
  }
  const shownRelease = lock.release;
  const changed = (current: Release) =>
    new ActionError(
      current.info.status !== shownRelease.info.status
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
  current.info.status = "failed";
  current.info.description = attributed(
    `Recovered by wheelhouse: ${lock.release.info.status} for ${age} without finishing (was: ${lock.release.info.description})`,
    await whoActs(ctx, undefined),
  );
  current.info.last_deployed = formatGoTime(ctx.now());
  await writing(current, async () => {
    try {
      await ctx.storage.update(current, { ifVersion: shown });
    } catch (err) {
      if (!(err instanceof RecordConflictError)) throw err;
      throw changed(await ctx.storage.get(current.namespace, current.name, current.version));
    }
  });
  return current;
}

/**
 * A failed write says what is left: a record is replaced whole or not at all, so nothing is
 * half-written, and running `recover` again is safe.
 */
async function writing(
  revision: { name: string; namespace: string; version: number },
  write: () => Promise<void>,
): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (err instanceof RecordChangedError || err instanceof ActionError) throw err;
    const { name, namespace, version } = revision;
    throw new WheelhouseError(
      "release",
      `revision ${version} of release "${name}" could not be marked failed: ${errorMessage(err)}`,
      {
        cause: err,
        hint:
          `a record is replaced whole or not at all: \`wheelhouse history ${name} -n ${namespace}\` ` +
          `shows whether revision ${version} is still pending; if it is, run ` +
          `\`wheelhouse recover ${name} -n ${namespace} --yes\` again once the cluster answers`,
      },
    );
  }
}
