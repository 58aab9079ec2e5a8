import { WheelhouseError } from "../../errors.js";
import { isUnreadable, type StoredRevision } from "../storage/driver.js";
import { parseGoTime } from "./goTime.js";
import type { Release, UnreadableRevision } from "./types.js";
import { holdsLock } from "./types.js";

/**
 * An operation was refused because the release's latest revision is still
 * `pending-*` or `uninstalling`: another operation holds the lock, or one died mid-way.
 * Unlike helm, wheelhouse refuses rollback and uninstall too (docs/release-storage.md#the-lock).
 */
export class ReleaseLockedError extends WheelhouseError {
  constructor(
    readonly release: string,
    readonly namespace: string,
    readonly revision: number,
    readonly status: string,
    readonly ageMs: number | undefined,
    /** Set when the pending revision's record cannot be read: its labels are all there is. */
    unreadable?: UnreadableRevision,
  ) {
    const age = ageMs === undefined ? "of unknown age" : `started ${formatAge(ageMs)} ago`;
    const what = unreadable
      ? `revision ${revision} is labelled ${status}, ${age}, and cannot be read: ${unreadable.unreadable}` +
        (unreadable.record ? ` (${unreadable.record})` : "")
      : `revision ${revision} is ${status}, ${age}`;
    super("locked", `release "${release}" in namespace "${namespace}" is locked: ${what}`, {
      hint:
        `another operation (install, upgrade, rollback or uninstall) may still be running; if it died, run ` +
        `\`wheelhouse recover ${release} -n ${namespace}\` to mark revision ${revision} failed` +
        (unreadable ? " without reading it" : ""),
    });
  }
}

/**
 * Throws when the latest revision is pending or uninstalling (the lock). An unreadable record is judged by its
 * status label, the one thing left to judge it by (docs/release-storage.md#records-that-cannot-be-read).
 */
export function assertUnlocked(latest: StoredRevision | undefined, now: Date): void {
  if (latest && isUnreadable(latest)) {
    if (!holdsLock(latest.status)) return;
    throw new ReleaseLockedError(
      latest.name,
      latest.namespace,
      latest.version,
      latest.status,
      labelAge(latest, now),
      latest,
    );
  }
  if (!latest || !holdsLock(latest.info.status)) return;
  throw new ReleaseLockedError(
    latest.name,
    latest.namespace,
    latest.version,
    latest.info.status,
    pendingAge(latest, now),
  );
}

/**
 * How long a revision has held the lock: a pending one since it was written, an uninstalling one
 * since its uninstall began.
 */
export function pendingAge(release: Release, now: Date): number | undefined {
  const started = release.info.status === "uninstalling" ? release.info.deleted : undefined;
  const since =
    parseGoTime(started) ??
    parseGoTime(release.info.last_deployed) ??
    parseGoTime(release.info.first_deployed);
  return since ? Math.max(0, now.getTime() - since.getTime()) : undefined;
}

/** How long ago an unreadable record was written, from its labels (informational only). */
export function labelAge(ref: { modifiedAt?: number }, now: Date): number | undefined {
  return ref.modifiedAt === undefined
    ? undefined
    : Math.max(0, now.getTime() - ref.modifiedAt * 1000);
}

/** "45s", "12m", "3h", "2d", "3y" — the kubectl AGE style. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 730) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}
