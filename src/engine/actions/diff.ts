import { refOf } from "../cluster/clusterAccess.js";
import { diffManifests } from "../diff/diffManifests.js";
import { projectLive } from "../diff/liveProjection.js";
import { foldStringData } from "../diff/maskSecrets.js";
import { diffSubjects, manifestEntries, type ManifestEntry } from "../diff/subjects.js";
import type { ManifestDiff } from "../diff/types.js";
import type { Release } from "../release/types.js";
import { toDisplayYaml } from "../yaml/index.js";
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
  const [a, b] = await manifestSides(ctx, namespace, before, after);
  return diffEntries(a, b, options.showSecrets ?? false);
}

/**
 * The same diff with Secret values masked and revealed, from one parse of
 * each manifest: what a viewer needs to toggle secrets without asking again.
 */
export async function diffReleaseManifestsBothWays(
  ctx: ActionContext,
  namespace: string,
  before: string,
  after: string,
): Promise<{ masked: ManifestDiff; revealed: ManifestDiff }> {
  const [a, b] = await manifestSides(ctx, namespace, before, after);
  return { masked: diffEntries(a, b, false), revealed: diffEntries(a, b, true) };
}

function manifestSides(ctx: ActionContext, namespace: string, before: string, after: string) {
  return Promise.all([
    manifestEntries(before, namespace, ctx.cluster),
    manifestEntries(after, namespace, ctx.cluster),
  ]);
}

function diffEntries(a: ManifestEntry[], b: ManifestEntry[], showSecrets: boolean): ManifestDiff {
  const sides = diffSubjects(a, b, { showSecrets });
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

/**
 * The two sides of a rollback to `revision` (default: latest − 1, as rollback): deployed → target.
 * A release with nothing deployed (uninstalled with its history kept, or every revision failed)
 * has no "from": the rollback creates every object, as helm's does, so the preview shows them all added.
 */
export async function rollbackSides(
  ctx: ActionContext,
  name: string,
  namespace: string,
  revision?: number,
): Promise<{ from?: Release; to: Release }> {
  // Diffs of stored revisions are previews: browsing reads (docs/release-storage.md#reads-by-purpose).
  const deployed = await ctx.storage.deployed(namespace, name, "browse");
  const target =
    revision !== undefined
      ? await getRevision(ctx, name, namespace, revision)
      : await getRevision(
          ctx,
          name,
          namespace,
          (await getRevision(ctx, name, namespace)).version - 1,
        );
  return deployed ? { from: deployed, to: target } : { to: target };
}

/** What a rollback to `revision` would change. */
export async function diffRollback(
  ctx: ActionContext,
  name: string,
  namespace: string,
  revision?: number,
  options: DiffOptions = {},
): Promise<{ from?: Release; to: Release; diff: ManifestDiff }> {
  const sides = await rollbackSides(ctx, name, namespace, revision);
  const before = sides.from?.manifest ?? "";
  const diff = await diffReleaseManifests(ctx, namespace, before, sides.to.manifest, options);
  return { ...sides, diff };
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
    live.push({ object: projected, text: toDisplayYaml(projected, "manifest").trim() });
  }
  // Both sides are re-serialised the same way so formatting differences are not drift.
  const canonical = desired.map((e) => ({
    object: e.object,
    text: toDisplayYaml(e.object, "manifest").trim(),
  }));
  const sides = diffSubjects(canonical, live, { showSecrets: options.showSecrets ?? false });
  return { release, diff: diffManifests(sides.before, sides.after) };
}

/** The deployed revision, or an error saying there is none. */
export async function deployedOrFail(
  ctx: ActionContext,
  name: string,
  namespace: string,
): Promise<Release> {
  // Diffs of stored revisions are previews: browsing reads (docs/release-storage.md#reads-by-purpose).
  const deployed = await ctx.storage.deployed(namespace, name, "browse");
  if (!deployed) {
    await getRevision(ctx, name, namespace); // a missing release says so
    throw new ActionError(`release "${name}" has no deployed revision`);
  }
  return deployed;
}
