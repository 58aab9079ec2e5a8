import { formatGoTime } from "../release/goTime.js";
import { assertUnlocked } from "../release/lock.js";
import type { Release, UnreadableRevision } from "../release/types.js";
import { isUnreadable } from "../storage/driver.js";
import { ReleaseNotFoundError } from "../storage/errors.js";
import { UnreadableRecordError } from "../storage/unreadable.js";
import { applyMethodFor } from "./applyMethod.js";
import type { ActionContext, ApplyingOptions } from "./context.js";
import { DEFAULT_HISTORY_MAX } from "./context.js";
import { ActionError, assertUnchanged } from "./errors.js";
import { performRevision } from "./performRevision.js";

export interface RollbackOptions extends ApplyingOptions {
  name: string;
  namespace: string;
  /**
   * The revision to return to; default: the latest revision − 1, as helm
   * (docs/release-storage.md#rollback).
   */
  revision?: number;
  historyMax?: number;
  /** true/"server": validate on the server, store nothing; "client": render only. */
  dryRun?: boolean | "client" | "server";
  /**
   * The revision number the caller expects this rollback to write — set when
   * a user reviewed a diff first, so that a release changed meanwhile (by
   * helm, a colleague, a CI job) is refused rather than rolled back blind.
   */
  expectedRevision?: number;
}

/**
 * Rolls a release back to an earlier revision by writing a new revision
 * whose chart, values, manifest, hooks, notes and labels are copied from the
 * target without re-rendering (docs/release-storage.md#rollback). Unlike helm, a pending release is
 * refused: the pending revision is the lock (docs/release-storage.md#the-lock).
 */
export async function rollback(ctx: ActionContext, options: RollbackOptions): Promise<Release> {
  const { name, namespace } = options;
  const refs = await ctx.storage.refs(namespace, name);
  const top = refs.at(-1);
  if (!top) throw new ReleaseNotFoundError(name, namespace);
  const latest = await ctx.storage.getStored(top);
  assertUnlocked(latest, ctx.now());
  assertUnchanged(name, latest.version, options.expectedRevision);

  const targetVersion = options.revision ?? latest.version - 1;
  if (targetVersion < 1) {
    throw new ActionError(`release "${name}" has no earlier revision to roll back to`);
  }
  if (!refs.some((r) => r.version === targetVersion)) {
    throw new ActionError(`release "${name}" has no revision ${targetVersion}`, {
      hint: `revisions in history: ${refs.map((r) => r.version).join(", ")}`,
    });
  }
  const target = await ctx.storage.get(namespace, name, targetVersion).catch((err: unknown) => {
    // Listed a moment ago: another client's --history-max (or an uninstall) took it since.
    if (!(err instanceof ReleaseNotFoundError)) throw err;
    throw new ActionError(
      `revision ${targetVersion} of "${name}" was deleted meanwhile (pruned or uninstalled by another client); nothing was rolled back`,
      { hint: `see \`wheelhouse history ${name} -n ${namespace}\`` },
    );
  });
  // helm computes what to delete against the latest record (docs/release-storage.md#rollback):
  // after a failed upgrade that created objects, those are removed by the rollback too. When
  // the latest cannot be read, the deployed revision is the best knowledge of what is live.
  const current = isUnreadable(latest) ? await liveAfterUnreadable(ctx, latest, target) : latest;
  const now = formatGoTime(ctx.now());
  const pending: Release = {
    name,
    namespace,
    version: latest.version + 1,
    info: {
      first_deployed: current.info.first_deployed,
      last_deployed: now,
      description: `Rollback to ${targetVersion}`,
      status: "pending-rollback",
      ...(target.info.notes ? { notes: target.info.notes } : {}),
    },
    chart: target.chart,
    ...(target.config ? { config: target.config } : {}),
    manifest: target.manifest,
    ...(target.hooks ? { hooks: target.hooks } : {}),
    // helm 4.1: auto follows the method of the revision rolled back to, not the latest one.
    apply_method: applyMethodFor(options, target),
    ...(target.labels ? { labels: target.labels } : {}),
  };
  return performRevision(
    ctx,
    {
      pending,
      current,
      // An unreadable latest revision is not claimed: an uninstall, which has to read it to
      // know what to delete, cannot take it either (docs/release-storage.md#claiming-the-latest-revision).
      base: isUnreadable(latest) ? undefined : latest,
      historyMax: options.historyMax ?? DEFAULT_HISTORY_MAX,
      successDescription: `Rollback to ${targetVersion}`,
      failurePrefix: `Rollback "${name}" failed`,
      phase: "rollback",
      ...(options.dryRun ? { dryRun: options.dryRun } : {}),
    },
    options,
  );
}

/**
 * What a rollback past an unreadable latest revision compares against: the deployed revision if
 * it can be read, else the target. Objects that only the unreadable revision made are not
 * known, so not deleted; the warning says so.
 */
async function liveAfterUnreadable(
  ctx: ActionContext,
  latest: UnreadableRevision,
  target: Release,
): Promise<Release> {
  const deployed = await ctx.storage
    .deployed(latest.namespace, latest.name)
    .catch((err: unknown) => {
      if (err instanceof UnreadableRecordError) return undefined;
      throw err;
    });
  const current = deployed ?? target;
  ctx.storage.warn(
    `${ctx.storage.unreadableError(latest).message}; rolling back from revision ${current.version}, ` +
      `so objects only revision ${latest.version} created are left in place`,
  );
  return current;
}
