import { WheelhouseError } from "../../errors.js";
import { parseGoTime } from "./goTime.js";
import type { Release } from "./types.js";
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
  ) {
    const age = ageMs === undefined ? "of unknown age" : `started ${formatAge(ageMs)} ago`;
    super(
      "locked",
      `release "${release}" in namespace "${namespace}" is locked: revision ${revision} is ${status}, ${age}`,
      {
        hint:
          `another operation (install, upgrade, rollback or uninstall) may still be running; if it died, run ` +
          `\`wheelhouse recover ${release} -n ${namespace}\` to mark revision ${revision} failed`,
      },
    );
  }
}

/** Throws when the latest revision is pending or uninstalling (the lock). */
export function assertUnlocked(latest: Release | undefined, now: Date): void {
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
