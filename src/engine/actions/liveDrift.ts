import { refOf } from "../cluster/clusterAccess.js";
import type { KubeObject } from "../cluster/kubeObject.js";
import type { LocatedDrift } from "../diff/driftFields.js";
import { objectDrift } from "../diff/objectDrift.js";
import { fateOf, type ApplyPolicy, type LiveChangeFate } from "../diff/overwrites.js";
import type { DriftField } from "../diff/types.js";
import { foldStringData } from "../diff/maskSecrets.js";
import { manifestEntries } from "../diff/subjects.js";
import { versionedResourceId } from "../manifest/resourceKey.js";
import type { ActionContext } from "./context.js";

/** One object of a stored manifest, the live object seen through it, and its drifted fields. */
export interface LiveDriftEntry {
  /** The manifest's object, a Secret's stringData folded into data as the server keeps it. */
  desired: KubeObject;
  /** The live object seen through the manifest and other managers' fields; none when missing. */
  projected?: KubeObject;
  drift: LocatedDrift[];
}

/** Reads each object of `manifest` live and finds its drift (docs/release-storage.md#drift). */
export async function liveDrift(
  ctx: ActionContext,
  namespace: string,
  manifest: string,
): Promise<LiveDriftEntry[]> {
  const out: LiveDriftEntry[] = [];
  for (const entry of await manifestEntries(manifest, namespace, ctx.cluster)) {
    const live = await ctx.cluster.get(refOf(entry.object));
    if (!live) {
      out.push({ desired: foldStringData(entry.object) as KubeObject, drift: [] });
      continue;
    }
    const { desired, projected, drift } = objectDrift(entry.object, live, ctx.fieldManager);
    out.push({ desired: desired as KubeObject, projected: projected as KubeObject, drift });
  }
  return out;
}

/** The identity diffManifests gives a resource (see ../diff/subjects.ts). */
export function resourceIdOf(object: KubeObject): string {
  return versionedResourceId({
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  });
}

/** One live change and what the operation will do to it. */
export interface LiveChange {
  resource: { apiVersion: string; kind: string; namespace?: string; name: string };
  field: DriftField;
  fate: LiveChangeFate;
}

/**
 * The live changes to the objects of `currentManifest` and what replacing it with
 * `nextManifest` under `policy` does to each (docs/release-storage.md#drift-an-upgrade-overwrites).
 */
export async function previewLiveChanges(
  ctx: ActionContext,
  namespace: string,
  currentManifest: string,
  nextManifest: string,
  policy: ApplyPolicy,
): Promise<LiveChange[]> {
  const entries = await liveDrift(ctx, namespace, currentManifest);
  const next = new Map<string, KubeObject>();
  for (const entry of await manifestEntries(nextManifest, namespace, ctx.cluster)) {
    const object = foldStringData(entry.object) as KubeObject;
    next.set(resourceIdOf(object), object);
  }
  return entries.flatMap(({ desired, drift }) =>
    drift.map((d) => ({
      resource: {
        apiVersion: desired.apiVersion,
        kind: desired.kind,
        ...(desired.metadata.namespace ? { namespace: desired.metadata.namespace } : {}),
        name: desired.metadata.name,
      },
      field: d.field,
      fate: fateOf(d, desired, next.get(resourceIdOf(desired)), policy),
    })),
  );
}

/**
 * A plan's live changes as the UI applies it: its method, never --force-conflicts. With nothing
 * deployed (uninstalled, history kept) there are no stored objects to have drifted.
 */
export async function planLiveChanges(
  ctx: ActionContext,
  namespace: string,
  plan: { current?: { manifest: string }; pending: { manifest: string } },
  method: ApplyPolicy["method"],
): Promise<LiveChange[]> {
  if (!plan.current) return [];
  return previewLiveChanges(ctx, namespace, plan.current.manifest, plan.pending.manifest, {
    method,
    force: false,
  });
}
