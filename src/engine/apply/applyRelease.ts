import type { ClusterAccess, ObjectRef } from "../cluster/clusterAccess.js";
import { refOf } from "../cluster/clusterAccess.js";
import type { KubeObject } from "../cluster/kubeObject.js";
import { upgradeClientSideManager, type ManagedFieldsEntry } from "../cluster/managedFields.js";
import type { ReleaseOwner } from "../cluster/ownership.js";
import { isKept, ownershipProblem, withOwnership } from "../cluster/ownership.js";
import { resourceKey, resourceKeyId, versionedResourceId } from "../manifest/resourceKey.js";
import type { ApplyMethod } from "../release/types.js";
import { createObject, patchClientSide } from "./clientSideApply.js";
import { ApplyError, FieldConflictError, OwnershipError, fieldConflicts } from "./errors.js";

export type ApplyStep = "apply" | "delete";

/** Progress of one object, for per-resource progress in the CLI and the UI. */
export interface ApplyProgress {
  step: ApplyStep;
  ref: ObjectRef;
  state: "started" | "done" | "failed" | "kept";
  message?: string;
}

export interface ApplyRequest {
  owner: ReleaseOwner;
  /** Objects of the manifest being replaced (the stored manifest); empty on install. */
  current: KubeObject[];
  /** Objects of the new manifest, in install order, namespaces resolved. */
  target: KubeObject[];
  fieldManager: string;
  /** Server-side apply, or helm 3's client-side three-way merge. */
  method: ApplyMethod;
  /** Server-side apply only: take over fields other managers own. */
  force: boolean;
  /**
   * Fold the field manager's client-side (Update) ownership into its apply
   * ownership before applying each existing object (see managedFields.ts).
   */
  upgradeClientSideFields?: boolean;
  dryRun?: boolean;
  onProgress?: (progress: ApplyProgress) => void;
}

export interface ApplyResult {
  applied: ObjectRef[];
  deleted: ObjectRef[];
  kept: ObjectRef[];
}

/**
 * Applies a release's objects the way helm 4 does (docs/release-storage.md#applying-objects):
 * first the ownership check for every object new to the release — nothing is
 * touched if one fails — then each target object in order, with helm's ownership
 * metadata, by the release's method (server-side apply, or helm 3's client-side
 * three-way merge), then, only if every apply succeeded,
 * deletion of the objects the new manifest dropped, newest first, sparing
 * those annotated `helm.sh/resource-policy: keep`.
 */
export async function applyRelease(
  cluster: ClusterAccess,
  request: ApplyRequest,
): Promise<ApplyResult> {
  const { owner, current, target, onProgress } = request;
  await checkOwnership(cluster, owner, newObjects(current, target));
  const originals = new Map(current.map((o) => [sameObject(o), o]));

  const applied: ObjectRef[] = [];
  for (const object of target) {
    const ref = refOf(object);
    onProgress?.({ step: "apply", ref, state: "started" });
    try {
      await applyOne(
        cluster,
        withOwnership(object, owner),
        originals.get(sameObject(object)),
        request,
      );
    } catch (err) {
      const failure = applyFailure(ref, err);
      onProgress?.({ step: "apply", ref, state: "failed", message: failure.message });
      throw failure;
    }
    applied.push(ref);
    onProgress?.({ step: "apply", ref, state: "done" });
  }

  const deleted: ObjectRef[] = [];
  const kept: ObjectRef[] = [];
  if (request.dryRun) return { applied, deleted, kept };
  const remaining = new Set(target.map(sameObject));
  const dropped = current.filter((o) => !remaining.has(sameObject(o))).reverse();
  for (const object of dropped) {
    const ref = refOf(object);
    const live = await cluster.get(ref);
    if (!live) continue;
    if (isKept(live)) {
      kept.push(ref);
      onProgress?.({
        step: "delete",
        ref,
        state: "kept",
        message: "kept by helm.sh/resource-policy",
      });
      continue;
    }
    onProgress?.({ step: "delete", ref, state: "started" });
    try {
      await cluster.delete(ref);
    } catch (err) {
      onProgress?.({ step: "delete", ref, state: "failed", message: (err as Error).message });
      throw new ApplyError("delete", ref, err);
    }
    deleted.push(ref);
    onProgress?.({ step: "delete", ref, state: "done" });
  }
  return { applied, deleted, kept };
}

/** "Same object" as helm decides it: the version is not part of it. */
function sameObject(object: KubeObject): string {
  return resourceKeyId(resourceKey(object));
}

/**
 * One target object. Server-side: one apply, which also creates; when the release moves from
 * client-side apply, the field manager's Update ownership first becomes Apply ownership, so that
 * fields the new manifest drops are removed. Client-side (helm 3's): create what is missing,
 * else patch from the previous manifest's copy.
 */
async function applyOne(
  cluster: ClusterAccess,
  object: KubeObject,
  original: KubeObject | undefined,
  request: ApplyRequest,
): Promise<void> {
  const write = {
    fieldManager: request.fieldManager,
    force: request.force,
    ...(request.dryRun ? { dryRun: true } : {}),
  };
  if (request.method === "ssa") {
    if (request.upgradeClientSideFields && !request.dryRun) {
      await moveToServerSideApply(cluster, refOf(object), request.fieldManager);
    }
    await cluster.apply(object, write);
    return;
  }
  const live = await cluster.get(refOf(object));
  if (!live) await createObject(cluster, object, "csa", write);
  else await patchClientSide(cluster, original, object, live, write);
}

/** A field conflict names the fields and their managers, and the flag that takes them over. */
function applyFailure(ref: ObjectRef, err: unknown): ApplyError {
  const conflicts = fieldConflicts(err);
  return conflicts.length > 0
    ? new FieldConflictError(ref, conflicts, err)
    : new ApplyError("apply", ref, err);
}

/**
 * Rewrites the live object's managedFields so that `manager`'s client-side
 * ownership becomes apply ownership (docs/release-storage.md#server-side-and-client-side-apply).
 * The patch is conditional on the resourceVersion read; a concurrent write gets one more try with
 * the newer object.
 */
async function moveToServerSideApply(
  cluster: ClusterAccess,
  ref: ObjectRef,
  manager: string,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const live = await cluster.get(ref);
    const entries = live?.metadata.managedFields;
    if (!live || !Array.isArray(entries)) return;
    const upgraded = upgradeClientSideManager(entries as ManagedFieldsEntry[], manager);
    if (!upgraded) return;
    try {
      await cluster.replaceManagedFields(ref, live.metadata.resourceVersion ?? "", upgraded);
      return;
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
}

/**
 * Objects of the target not in the current manifest, compared with their apiVersion
 * (docs/release-storage.md#object-identity).
 */
function newObjects(current: KubeObject[], target: KubeObject[]): KubeObject[] {
  const known = new Set(current.map((o) => versionedResourceId(refOf(o))));
  return target.filter((o) => !known.has(versionedResourceId(refOf(o))));
}

async function checkOwnership(
  cluster: ClusterAccess,
  owner: ReleaseOwner,
  objects: KubeObject[],
): Promise<void> {
  const problems: string[] = [];
  for (const object of objects) {
    const live = await cluster.get(refOf(object));
    if (!live) continue;
    const problem = ownershipProblem(live, owner);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw new OwnershipError(problems);
}
