import { errorMessage } from "../../errors.js";
import { manifestObjects } from "../apply/manifestObjects.js";
import type { ObjectRef } from "../cluster/clusterAccess.js";
import { describeRef, refOf } from "../cluster/clusterAccess.js";
import { isKept } from "../cluster/ownership.js";
import { formatGoTime } from "../release/goTime.js";
import { assertUnlocked } from "../release/lock.js";
import type { Release } from "../release/types.js";
import { ReleaseNotFoundError } from "../storage/errors.js";
import type { ActionContext, ActionObserver } from "./context.js";
import { ActionError, OperationFailedError } from "./errors.js";
import { releaseHooks } from "./releaseHooks.js";

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
 * Uninstalls a release (docs/release-storage.md#uninstall): the latest revision becomes
 * `uninstalling`, the manifest's objects are deleted newest first (keep-annotated ones spared),
 * then either every record is deleted or, with keepHistory, the latest is marked `uninstalled` and
 * any other deployed one superseded. A release whose latest revision is pending is refused (the
 * lock).
 */
export async function uninstall(
  ctx: ActionContext,
  options: UninstallOptions,
): Promise<UninstallResult> {
  const { name, namespace } = options;
  const refs = await ctx.storage.refs(namespace, name);
  const top = refs.at(-1);
  if (!top) throw new ReleaseNotFoundError(name, namespace);
  const stored = await ctx.storage.getStored(top);
  assertUnlocked(stored, ctx.now());
  // Which objects to delete is in the latest record: one that cannot be read stops here.
  const latest = ctx.storage.readable(stored);

  if (latest.info.status === "uninstalled") {
    if (options.keepHistory)
      throw new ActionError(`the release named "${name}" is already deleted`);
    if (!options.dryRun)
      for (const ref of refs) await ctx.storage.delete(namespace, name, ref.version);
    return { release: latest, deleted: [], kept: [], purged: refs.map((r) => r.version) };
  }

  const objects = (await manifestObjects(latest.manifest, namespace, ctx.cluster)).reverse();
  if (options.dryRun) {
    return { release: latest, deleted: objects.map(refOf), kept: [], purged: [] };
  }

  latest.info.status = "uninstalling";
  latest.info.deleted = formatGoTime(ctx.now());
  latest.info.description = "Deletion in progress (or silently failed)";
  await ctx.storage.update(latest);

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
    // History stays true: the revision says the uninstall failed and why; a retry may continue.
    latest.info.status = "failed";
    latest.info.description = `Uninstall "${name}" failed: ${errorMessage(err)}`;
    try {
      await ctx.storage.update(latest);
    } catch (markError) {
      throw new OperationFailedError(latest.info.description, latest.version, err, markError);
    }
    throw new OperationFailedError(latest.info.description, latest.version, err);
  }

  if (!options.keepHistory) {
    for (const ref of refs) await ctx.storage.delete(namespace, name, ref.version);
    return { release: latest, deleted, kept, purged: refs.map((r) => r.version) };
  }
  latest.info.status = "uninstalled";
  latest.info.description = "Uninstallation complete";
  await ctx.storage.update(latest);
  // helm ≥3.20 and 4 also supersede any revision still marked deployed (helm/helm#12556).
  for (const ref of await ctx.storage.driver.listRefs({ namespace, name, status: "deployed" })) {
    await ctx.storage.supersede(ref);
  }
  return { release: latest, deleted, kept, purged: [] };
}
