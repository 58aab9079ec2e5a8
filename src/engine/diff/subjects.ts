import { manifestDocuments } from "../manifest/yaml.js";
import type { ClusterAccess } from "../cluster/clusterAccess.js";
import type { KubeObject } from "../cluster/kubeObject.js";
import { toDisplayYaml } from "../yaml/index.js";
import { maskSecretPair } from "./maskSecrets.js";
import { versionedResourceId } from "../manifest/resourceKey.js";
import type { DiffSubject } from "./types.js";

/** A manifest document: its identity, its object, and its text as written. */
export interface ManifestEntry {
  object: KubeObject;
  text: string;
}

/**
 * Splits a manifest into documents, keeping each document's own text (so a
 * diff shows what the chart wrote, comments included) with the namespace
 * resolved as the cluster would resolve it.
 */
export async function manifestEntries(
  manifest: string,
  namespace: string,
  cluster: ClusterAccess,
): Promise<ManifestEntry[]> {
  const entries: ManifestEntry[] = [];
  // The resource heading already says which resource; the # Source: line is left out.
  for (const { text, value } of manifestDocuments(manifest)) {
    const object = value as KubeObject | null;
    if (!object?.kind || !object.metadata?.name) continue;
    if (await cluster.isNamespaced(object.apiVersion, object.kind)) {
      object.metadata.namespace ??= namespace;
    }
    entries.push({ object, text });
  }
  return entries;
}

function subject(object: KubeObject, text: string): DiffSubject {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    name: object.metadata.name,
    text,
  };
}

/**
 * Pairs two sides for diffing. Secrets are re-serialised with their values
 * masked (unless revealed) — masking looks at both sides at once so a changed
 * value shows as changed; every other document keeps its original text.
 */
export function diffSubjects(
  before: ManifestEntry[],
  after: ManifestEntry[],
  options: { showSecrets: boolean },
): { before: DiffSubject[]; after: DiffSubject[] } {
  const afterById = new Map(after.map((e) => [versionedResourceId(subject(e.object, "")), e]));
  const beforeById = new Map(before.map((e) => [versionedResourceId(subject(e.object, "")), e]));
  const side = (
    entries: ManifestEntry[],
    others: Map<string, ManifestEntry>,
    which: "before" | "after",
  ) =>
    entries.map((entry) => {
      if (options.showSecrets || entry.object.kind !== "Secret")
        return subject(entry.object, entry.text);
      const other = others.get(versionedResourceId(subject(entry.object, "")))?.object;
      const pair =
        which === "before"
          ? maskSecretPair(entry.object, other)
          : maskSecretPair(other, entry.object);
      return subject(entry.object, toDisplayYaml(pair[which], "manifest").trim());
    });
  return { before: side(before, afterById, "before"), after: side(after, beforeById, "after") };
}
