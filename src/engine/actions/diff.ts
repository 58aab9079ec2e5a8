import { stringify } from "yaml";
import { refOf } from "../cluster/clusterAccess.js";
import { diffManifests } from "../diff/diffManifests.js";
import { projectLive } from "../diff/liveProjection.js";
import { foldStringData } from "../diff/maskSecrets.js";
import { diffSubjects, manifestEntries, type ManifestEntry } from "../diff/subjects.js";
import type { ManifestDiff } from "../diff/types.js";
import type { Release } from "../release/types.js";
import type { ActionContext } from "./context.js";
import { ActionError } from "./errors.js";
import { getRevision } from "./status.js";

export interface DiffOptions {
  /** Show Secret values instead of masking them. */
  showSecrets?: boolean;
}

/** Diffs two manifests of a release, resource by resource. */
export async function diffReleaseManifests(
  ctx: ActionContext,
  namespace: string,
  before: string,
  after: string,
  options: DiffOptions = {},
): Promise<ManifestDiff> {
  const [a, b] = await Promise.all([
    manifestEntries(before, namespace, ctx.cluster),
    manifestEntries(after, namespace, ctx.cluster),
  ]);
  const sides = diffSubjects(a, b, { showSecrets: options.showSecrets ?? false });
  return diffManifests(sides.before, sides.after);
}

/** Revision A → revision B (default: the deployed revision). */
export async function diffRevisions(
  ctx: ActionContext,
  name: string,
  namespace: string,
  from: number,
  to?: number,
  options: DiffOptions = {},
): Promise<{ from: Release; to: Release; diff: ManifestDiff }> {
  const fromRelease = await getRevision(ctx, name, namespace, from);
  const toRelease =
    to === undefined
      ? await deployedOrFail(ctx, name, namespace)
      : await getRevision(ctx, name, namespace, to);
  const diff = await diffReleaseManifests(
    ctx,
    namespace,
    fromRelease.manifest,
    toRelease.manifest,
    options,
  );
  return { from: fromRelease, to: toRelease, diff };
}

/** What a rollback to `revision` (default: latest − 1, as rollback) would change: deployed → target. */
export async function diffRollback(
  ctx: ActionContext,
  name: string,
  namespace: string,
  revision?: number,
  options: DiffOptions = {},
): Promise<{ from: Release; to: Release; diff: ManifestDiff }> {
  const deployed = await deployedOrFail(ctx, name, namespace);
  const latest = await getRevision(ctx, name, namespace);
  const target = await getRevision(ctx, name, namespace, revision ?? latest.version - 1);
  const diff = await diffReleaseManifests(
    ctx,
    namespace,
    deployed.manifest,
    target.manifest,
    options,
  );
  return { from: deployed, to: target, diff };
}

/**
 * Drift: the stored manifest of the deployed revision against the live
 * objects, seen only through the fields the manifest sets (server-set and
 * defaulted fields are ignored). Missing objects show as removed.
 */
export async function diffLive(
  ctx: ActionContext,
  name: string,
  namespace: string,
  options: DiffOptions = {},
): Promise<{ release: Release; diff: ManifestDiff }> {
  const release = await deployedOrFail(ctx, name, namespace);
  const desired = (await manifestEntries(release.manifest, namespace, ctx.cluster)).map((e) => ({
    ...e,
    // The server keeps a Secret's stringData only as data; compare like with like.
    object: foldStringData(e.object) as typeof e.object,
  }));
  const live: ManifestEntry[] = [];
  for (const entry of desired) {
    const object = await ctx.cluster.get(refOf(entry.object));
    if (!object) continue;
    const projected = projectLive(object, entry.object) as typeof object;
    live.push({ object: projected, text: stringify(projected).trim() });
  }
  // Both sides are re-serialised the same way so formatting differences are not drift.
  const canonical = desired.map((e) => ({ object: e.object, text: stringify(e.object).trim() }));
  const sides = diffSubjects(canonical, live, { showSecrets: options.showSecrets ?? false });
  return { release, diff: diffManifests(sides.before, sides.after) };
}

async function deployedOrFail(
  ctx: ActionContext,
  name: string,
  namespace: string,
): Promise<Release> {
  const deployed = await ctx.storage.deployed(namespace, name);
  if (!deployed) {
    await getRevision(ctx, name, namespace); // a missing release says so
    throw new ActionError(`release "${name}" has no deployed revision`);
  }
  return deployed;
}
