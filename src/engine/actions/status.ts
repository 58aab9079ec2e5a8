import { manifestObjects } from "../apply/manifestObjects.js";
import type { ObjectRef } from "../cluster/clusterAccess.js";
import { refOf } from "../cluster/clusterAccess.js";
import type { Readiness } from "../cluster/readiness.js";
import { assessReadiness } from "../cluster/readiness.js";
import { objectDrift } from "../diff/objectDrift.js";
import type { DriftField } from "../diff/types.js";
import type { Release } from "../release/types.js";
import { ReleaseNotFoundError } from "../storage/errors.js";
import type { ActionContext } from "./context.js";

export interface ResourceStatus {
  ref: ObjectRef;
  readiness: Readiness;
  /** Fields that differ live from the revision's manifest (docs/release-storage.md#drift). */
  drift: DriftField[];
}

export interface ReleaseStatusReport {
  release: Release;
  resources: ResourceStatus[];
}

/**
 * A revision (default: the latest) — what `get`, `status`, diffs of stored revisions and the UI's
 * panes show. A browsing read, from the watch cache (docs/release-storage.md#reads-by-purpose):
 * an action that decides a write reads storage itself.
 */
export async function getRevision(
  ctx: ActionContext,
  name: string,
  namespace: string,
  revision?: number,
): Promise<Release> {
  if (revision !== undefined) return ctx.storage.get(namespace, name, revision, "browse");
  const latest = await ctx.storage.latest(namespace, name, "browse");
  if (!latest) throw new ReleaseNotFoundError(name, namespace);
  return latest;
}

/**
 * The release and each of its resources' readiness, read live from the
 * cluster (in parallel: a status view should not take a round trip per
 * object in sequence). The objects are read consistently: a GET of one
 * object costs etcd one key, and readiness must reflect what was just applied.
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
      const live = await ctx.cluster.get(ref);
      const drift = live ? objectDrift(object, live, ctx.fieldManager).drift : [];
      return { ref, readiness: assessReadiness(live), drift: drift.map((d) => d.field) };
    }),
  );
  return { release, resources };
}
