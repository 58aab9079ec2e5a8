import { errorMessage } from "../../errors.js";
import { manifestObjects } from "../apply/manifestObjects.js";
import type { ObjectRef } from "../cluster/clusterAccess.js";
import { describeRef, refOf } from "../cluster/clusterAccess.js";
import { isKept } from "../cluster/ownership.js";
import { attributed, type Attribution } from "../release/attribution.js";
import { formatGoTime } from "../release/goTime.js";
import { assertUnlocked } from "../release/lock.js";
import type { Release, ReleaseStatus } from "../release/types.js";
import {
  RecordConflictError,
  ReleaseNotFoundError,
  RevisionTakenError,
} from "../storage/errors.js";
import type { ActionContext, ActionObserver } from "./context.js";
import { ActionError, OperationFailedError } from "./errors.js";
import { releaseHooks } from "./releaseHooks.js";
import { whoActs } from "./whoActs.js";

export interface UninstallOptions extends ActionObserver {
  name: string;
  namespace: string;
  /**
   * Keep the release records, marked uninstalled, so history survives
   * (docs/release-storage.md#uninstall).
   */
  keepHistory?: boolean;
  dryRun?: boolean;
  noHooks?: boolean;
  timeoutMs?: number;
  /** `--description`: why, kept with --keep-history (docs/release-storage.md#who-and-why). */
  description?: string;
}

export interface UninstallResult {
  release: Release;
  deleted: ObjectRef[];
  /** Objects left in place by `helm.sh/resource-policy: keep`. */
  kept: ObjectRef[];
  /** Revision records deleted (none with keepHistory). */
  purged: number[];
}

/**
 * How many times an uninstall starts over when the release changes under it before it could
 * mark it: each time another client's write won, so this bounds only a stream of them.
 */
const MAX_STARTS = 8;

/**
 * Uninstalls a release (docs/release-storage.md#uninstall): the latest revision becomes
 * `uninstalling`, the manifest's objects are deleted newest first (keep-annotated ones spared),
 * then either every record is deleted or, with keepHistory, the latest is marked `uninstalled` and
 * any other deployed one superseded. A release whose latest revision is pending or uninstalling
 * is refused (the lock); marking it is what excludes a racing upgrade or rollback
 * (docs/release-storage.md#claiming-the-latest-revision).
 */
export async function uninstall(
  ctx: ActionContext,
  options: UninstallOptions,
): Promise<UninstallResult> {
  const { name, namespace } = options;
  const who = options.dryRun ? {} : await whoActs(ctx, options.description);
  const taken = await markUninstalling(ctx, options, who);
  if ("dryRun" in taken) return taken.dryRun;
  const { latest, was } = taken;

  if (was === "uninstalled") {
    return { release: latest, deleted: [], kept: [], purged: await purgeRecords(ctx, options) };
  }

  const objects = (await manifestObjects(latest.manifest, namespace, ctx.cluster)).reverse();
  const hooks = releaseHooks(ctx, latest, options);
  const deleted: ObjectRef[] = [];
  const kept: ObjectRef[] = [];
  try {
    await hooks("pre-delete");
    for (const object of objects) {
      const ref = refOf(object);
      const live = await ctx.cluster.get(ref);
      if (!live) continue;
      if (isKept(live)) {
        kept.push(ref);
        options.onProgress?.({
          step: "delete",
          ref,
          state: "kept",
          message: "kept by helm.sh/resource-policy",
        });
        continue;
      }
      options.onProgress?.({ step: "delete", ref, state: "started" });
      try {
        await ctx.cluster.delete(ref);
      } catch (err) {
        options.onProgress?.({ step: "delete", ref, state: "failed", message: errorMessage(err) });
        throw new ActionError(`failed to delete ${describeRef(ref)}: ${errorMessage(err)}`);
      }
      deleted.push(ref);
      options.onProgress?.({ step: "delete", ref, state: "done" });
    }
    await hooks("post-delete");
  } catch (err) {
    if (err instanceof RevisionTakenError) throw err;
    // History stays true: the revision says the uninstall failed and why; a retry may continue.
    latest.info.status = "failed";
    const failure = `Uninstall "${name}" failed: ${errorMessage(err)}`;
    latest.info.description = attributed(failure, who);
    try {
      await ctx.storage.writeHeld(latest, "uninstalling");
    } catch (markError) {
      throw new OperationFailedError(failure, latest.version, err, markError);
    }
    throw new OperationFailedError(failure, latest.version, err);
  }

  if (!options.keepHistory) {
    return { release: latest, deleted, kept, purged: await purgeRecords(ctx, options) };
  }
  latest.info.status = "uninstalled";
  latest.info.description = attributed("Uninstallation complete", who);
  await ctx.storage.writeHeld(latest, "uninstalling");
  // helm ≥3.20 and 4 also supersede any revision still marked deployed (helm/helm#12556).
  await ctx.storage.supersedeDeployed(namespace, name, latest.version);
  return { release: latest, deleted, kept, purged: [] };
}

/**
 * Takes the release for the uninstall (docs/release-storage.md#claiming-the-latest-revision):
 * reads the latest revision, lists the revisions *after* reading it — an upgrade that claimed it
 * before that read had already created the next one, so the list shows it — and writes the
 * latest `uninstalling` under the resourceVersion it read, which fails if an upgrade claimed it
 * since. Either way the uninstall starts over and finds the new revision: locked while that
 * operation runs, or the one to uninstall once it has finished. A dry run stops before writing.
 */
async function markUninstalling(
  ctx: ActionContext,
  options: UninstallOptions,
  who: Attribution,
): Promise<{ latest: Release; was: ReleaseStatus } | { dryRun: UninstallResult }> {
  const { name, namespace } = options;
  for (let start = 1; start <= MAX_STARTS; start++) {
    const stored = await ctx.storage.latestStored(namespace, name);
    if (!stored) throw new ReleaseNotFoundError(name, namespace);
    assertUnlocked(stored, ctx.now());
    // Which objects to delete is in the latest record: one that cannot be read stops here.
    const latest = ctx.storage.readable(stored);
    const was = latest.info.status;
    if (was === "uninstalled" && options.keepHistory) {
      throw new ActionError(`the release named "${name}" is already deleted`);
    }
    if (options.dryRun) return { dryRun: await dryRun(ctx, latest, options) };
    const newest = (await ctx.storage.refs(namespace, name)).at(-1);
    if (newest?.version !== latest.version) continue;
    latest.info.status = "uninstalling";
    latest.info.deleted = formatGoTime(ctx.now());
    latest.info.description = attributed("Deletion in progress (or silently failed)", {
      by: who.by,
    });
    try {
      await ctx.storage.update(latest, { ifVersion: latest.resourceVersion });
      return { latest, was };
    } catch (err) {
      if (!(err instanceof RecordConflictError) && !(err instanceof ReleaseNotFoundError))
        throw err;
    }
  }
  throw new ActionError(
    `release "${name}" kept changing while the uninstall tried to start; nothing was deleted`,
    { hint: "other clients are operating on it; try again when they are done" },
  );
}

async function dryRun(
  ctx: ActionContext,
  latest: Release,
  options: UninstallOptions,
): Promise<UninstallResult> {
  if (latest.info.status === "uninstalled") {
    const refs = await ctx.storage.refs(options.namespace, options.name);
    return { release: latest, deleted: [], kept: [], purged: refs.map((r) => r.version) };
  }
  const objects = (
    await manifestObjects(latest.manifest, options.namespace, ctx.cluster)
  ).reverse();
  return { release: latest, deleted: objects.map(refOf), kept: [], purged: [] };
}

/**
 * Deletes every record of the release, listed afresh: the oldest first and the marked latest
 * last, so an uninstall that dies midway leaves the release locked rather than looking alive at
 * an older revision. A revision a racing operation created and is about to withdraw goes too.
 */
async function purgeRecords(ctx: ActionContext, options: UninstallOptions): Promise<number[]> {
  const refs = await ctx.storage.refs(options.namespace, options.name);
  for (const ref of refs) await ctx.storage.delete(options.namespace, options.name, ref.version);
  return refs.map((r) => r.version);
}
