import { manifestObjects } from "../apply/manifestObjects.js";
import type { ObjectRef } from "../cluster/clusterAccess.js";
import { refOf } from "../cluster/clusterAccess.js";
import type { Readiness } from "../cluster/readiness.js";
import { assessReadiness } from "../cluster/readiness.js";
import type { Release } from "../release/types.js";
import { ReleaseNotFoundError } from "../storage/errors.js";
import type { ActionContext } from "./context.js";

export interface ResourceStatus {
  ref: ObjectRef;
  readiness: Readiness;
}

export interface ReleaseStatusReport {
  release: Release;
  resources: ResourceStatus[];
}

/** A revision (default: the latest) — what `get` and `status` read. */
export async function getRevision(
  ctx: ActionContext,
  name: string,
  namespace: string,
  revision?: number,
): Promise<Release> {
  if (revision !== undefined) return ctx.storage.get(namespace, name, revision);
  const latest = await ctx.storage.latest(namespace, name);
  if (!latest) throw new ReleaseNotFoundError(name, namespace);
  return latest;
}

/**
 * The release and each of its resources' readiness, read live from the
 * cluster (in parallel: a status view should not take a round trip per
 * object in sequence).
 */
export async function status(
  ctx: ActionContext,
  name: string,
  namespace: string,
  revision?: number,
): Promise<ReleaseStatusReport> {
  const release = await getRevision(ctx, name, namespace, revision);
  const objects = await manifestObjects(release.manifest, namespace, ctx.cluster);
  const resources = await Promise.all(
    objects.map(async (object) => {
      const ref = refOf(object);
      return { ref, readiness: assessReadiness(await ctx.cluster.get(ref)) };
    }),
  );
  return { release, resources };
}
