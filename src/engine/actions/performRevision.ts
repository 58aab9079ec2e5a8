import { errorMessage } from "../../errors.js";
import { applyRelease } from "../apply/applyRelease.js";
import { manifestObjects } from "../apply/manifestObjects.js";
import { waitForReady } from "../apply/waitForReady.js";
import { readManifestDocument } from "../manifest/yaml.js";
import { formatGoTime } from "../release/goTime.js";
import type { Release } from "../release/types.js";
import type { ActionContext, ApplyingOptions } from "./context.js";
import { DEFAULT_TIMEOUT_MS } from "./context.js";
import { OperationFailedError, RecordingFailedError } from "./errors.js";
import { releaseHooks } from "./releaseHooks.js";

export interface RevisionPlan {
  /** The new revision, status pending-*, not yet stored. */
  pending: Release;
  /** The revision whose manifest is live now (deleted objects are computed against it). */
  current: Release | undefined;
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
 * create the pending record (create-if-absent: the race guard and the lock),
 * apply, optionally wait, then mark it deployed and every other deployed
 * revision superseded. Any failure after the record exists marks it failed
 * with the reason, leaving the previously deployed revision as it was.
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

  await ctx.storage.create(release, plan.historyMax);
  const hooks = releaseHooks(ctx, release, options);
  try {
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
    throw await markFailed(ctx, release, `${plan.failurePrefix}: ${errorMessage(err)}`, err);
  }

  // The new revision is marked deployed before the old ones are superseded: if
  // the cluster goes away in between, two revisions read as deployed (readers,
  // helm included, take the highest) rather than none.
  const pendingStatus = release.info.status;
  const pendingDescription = release.info.description;
  release.info.status = "deployed";
  release.info.description = options.description ?? plan.successDescription;
  try {
    await ctx.storage.update(release);
  } catch (err) {
    release.info.status = pendingStatus;
    release.info.description = pendingDescription;
    throw new RecordingFailedError(release, "could not be marked deployed", err);
  }
  try {
    await supersedeDeployed(ctx, release);
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
 * Every other deployed revision becomes superseded (Helm's DeployedAll query,
 * docs/release-storage.md#rollback).
 */
async function supersedeDeployed(ctx: ActionContext, except: Release): Promise<void> {
  const refs = await ctx.storage.driver.listRefs({
    namespace: except.namespace,
    name: except.name,
    status: "deployed",
  });
  for (const ref of refs) {
    if (ref.version !== except.version) await ctx.storage.supersede(ref);
  }
}

/**
 * Records the failure on the revision. If even that write fails (the cluster
 * went away), the revision stays pending — the lock — and the error says so.
 */
async function markFailed(
  ctx: ActionContext,
  release: Release,
  description: string,
  cause: unknown,
): Promise<OperationFailedError> {
  release.info.status = "failed";
  release.info.description = description;
  release.info.last_deployed = formatGoTime(ctx.now());
  try {
    await ctx.storage.update(release);
    return new OperationFailedError(description, release.version, cause);
  } catch (markError) {
    return new OperationFailedError(description, release.version, cause, markError);
  }
}
