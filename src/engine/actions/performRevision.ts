import { errorMessage } from "../../errors.js";
import { applyRelease } from "../apply/applyRelease.js";
import { manifestObjects } from "../apply/manifestObjects.js";
import { waitForReady } from "../apply/waitForReady.js";
import { readManifestDocument } from "../manifest/yaml.js";
import { attributed, type Attribution } from "../release/attribution.js";
import { formatGoTime } from "../release/goTime.js";
import { assertRecordFits } from "../release/recordSize.js";
import type { Release, ReleaseStatus } from "../release/types.js";
import { RevisionTakenError } from "../storage/errors.js";
import { claimBase } from "./claim.js";
import type { ActionContext, ApplyingOptions } from "./context.js";
import { DEFAULT_TIMEOUT_MS } from "./context.js";
import { OperationFailedError, RecordingFailedError } from "./errors.js";
import { releaseHooks } from "./releaseHooks.js";
import { whoActs } from "./whoActs.js";

export interface RevisionPlan {
  /** The new revision, status pending-*, not yet stored. */
  pending: Release;
  /** The revision whose manifest is live now (deleted objects are computed against it). */
  current: Release | undefined;
  /**
   * The latest revision when the operation was planned, claimed once the new revision exists
   * (docs/release-storage.md#claiming-the-latest-revision); none for a first install.
   */
  base: Release | undefined;
  /** What else the claim writes on the base (a replacing install supersedes it). */
  claimChange?: (base: Release) => void;
  historyMax: number;
  /** How a successful revision is described, e.g. "Upgrade complete". */
  successDescription: string;
  /** How a failure is described, e.g. `Upgrade "demo" failed`. */
  failurePrefix: string;
  /** Which hooks run around the apply: pre-<phase> and post-<phase>. */
  phase: "install" | "upgrade" | "rollback";
  /** true/"server": validate on the server without persisting; "client": render only. */
  dryRun?: boolean | "client" | "server";
}

/**
 * The life of one revision (docs/release-storage.md#lifecycle):
 * create the pending record (create-if-absent: the race guard and the lock), claim the revision
 * it was planned on (which excludes an uninstall), prune history, apply, optionally wait, then
 * mark it deployed and every other deployed revision superseded. Any failure after the claim
 * marks it failed with the reason, leaving the previously deployed revision as it was. The
 * record is written under the resourceVersion of its last write (docs/release-storage.md#who-takes-what):
 * if another client changed it meanwhile (`recover`), the operation stops without overwriting.
 */
export async function performRevision(
  ctx: ActionContext,
  plan: RevisionPlan,
  options: ApplyingOptions,
): Promise<Release> {
  const release = plan.pending;
  // Every document — hooks too — is read before the pending record exists: one that does not
  // parse, or a billion-laughs one, fails here with nothing written (docs/chart-engine.md#reading-yaml).
  const target = await manifestObjects(release.manifest, release.namespace, ctx.cluster);
  for (const hook of release.hooks ?? []) readManifestDocument(hook.manifest, hook.path);
  const current = plan.current
    ? await manifestObjects(plan.current.manifest, plan.current.namespace, ctx.cluster)
    : [];
  const owner = { name: release.name, namespace: release.namespace };
  const method = release.apply_method ?? "csa";

  // A record the API server would refuse is refused here, before the pending record or any
  // object is written (docs/release-storage.md#release-size).
  assertRecordFits(release, ctx.storage.driver.name);
  if (plan.dryRun === "client") return release;
  if (plan.dryRun) {
    await applyRelease(ctx.cluster, {
      owner,
      current,
      target,
      fieldManager: ctx.fieldManager,
      method,
      force: options.forceConflicts ?? false,
      dryRun: true,
    });
    return release;
  }

  const who = await whoActs(ctx, options.description);
  // The pending record names who holds the lock, should it be left behind.
  release.info.description = attributed(release.info.description, { by: who.by });
  await ctx.storage.create(release);
  if (plan.base) await claimBase(ctx, plan.base, release, plan.phase, plan.claimChange);
  const heldAs = release.info.status;
  const hooks = releaseHooks(ctx, release, options);
  try {
    // Only now, with the new revision written and the release claimed: an operation that lost
    // a race never gets here, so it never deletes the history of the one that won.
    await ctx.storage.prune(release.namespace, release.name, plan.historyMax, release.version);
    await hooks(`pre-${plan.phase}`);
    await applyRelease(ctx.cluster, {
      owner,
      current,
      target,
      fieldManager: ctx.fieldManager,
      method,
      force: options.forceConflicts ?? false,
      // As helm 4: a server-side upgrade from a client-side-applied revision (helm 3's, or
      // helm 4's csa) moves field ownership first; a server-side rollback always does.
      upgradeClientSideFields:
        method === "ssa" &&
        (plan.phase === "rollback" ||
          (plan.phase === "upgrade" && plan.current?.apply_method !== "ssa")),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    if (options.wait) {
      await waitForReady(ctx.cluster, target, {
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(ctx.sleep ? { sleep: ctx.sleep } : {}),
        ...(options.onWaitStatus ? { onStatus: options.onWaitStatus } : {}),
      });
    }
    await hooks(`post-${plan.phase}`);
  } catch (err) {
    if (err instanceof RevisionTakenError) throw err;
    throw await markFailed(
      ctx,
      release,
      heldAs,
      `${plan.failurePrefix}: ${errorMessage(err)}`,
      err,
      who,
    );
  }

  // The new revision is marked deployed before the old ones are superseded: if
  // the cluster goes away in between, two revisions read as deployed (readers,
  // helm included, take the highest) rather than none.
  const pendingDescription = release.info.description;
  release.info.status = "deployed";
  release.info.description = attributed(plan.successDescription, who);
  try {
    await ctx.storage.writeHeld(release, heldAs);
  } catch (err) {
    release.info.status = heldAs;
    release.info.description = pendingDescription;
    if (err instanceof RevisionTakenError) throw err;
    throw new RecordingFailedError(release, "could not be marked deployed", err);
  }
  try {
    await ctx.storage.supersedeDeployed(release.namespace, release.name, release.version);
  } catch (err) {
    throw new RecordingFailedError(
      release,
      "is deployed, but the previous revision could not be marked superseded",
      err,
    );
  }
  return release;
}

/**
 * Records the failure on the revision. If even that write fails (the cluster
 * went away), the revision stays pending — the lock — and the error says so.
 */
async function markFailed(
  ctx: ActionContext,
  release: Release,
  heldAs: ReleaseStatus,
  description: string,
  cause: unknown,
  who: Attribution,
): Promise<OperationFailedError | RevisionTakenError> {
  release.info.status = "failed";
  release.info.description = attributed(description, who);
  release.info.last_deployed = formatGoTime(ctx.now());
  try {
    await ctx.storage.writeHeld(release, heldAs);
    return new OperationFailedError(description, release.version, cause);
  } catch (markError) {
    // Another client (recover) has already closed the revision: say that, not "stays pending".
    if (markError instanceof RevisionTakenError) return markError;
    return new OperationFailedError(description, release.version, cause, markError);
  }
}
