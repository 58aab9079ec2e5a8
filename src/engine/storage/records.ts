import { validateReleaseName } from "../release/name.js";
import type { Release, RevisionRef } from "../release/types.js";
import { isReleaseStatus } from "../release/types.js";

/**
 * Labels Helm owns on a storage object; user labels may not use them
 * (docs/release-storage.md#labels).
 */
export const SYSTEM_LABELS = ["name", "owner", "status", "version", "createdAt", "modifiedAt"];

/**
 * Where wheelhouse notes that it changed the status label of a record it could not read (recover,
 * supersede), and why (docs/release-storage.md#records-that-cannot-be-read). helm never reads or
 * writes a record's annotations.
 */
export const RELABELLED_ANNOTATION = "wheelhouse.dev/relabelled";

/**
 * `sh.helm.release.v1.<name>.v<revision>` (docs/release-storage.md#the-storage-object). The name
 * is checked first (docs/release-storage.md#release-names): it becomes part of a URL path.
 */
export function storageKey(name: string, version: number): string {
  validateReleaseName(name);
  return `sh.helm.release.v1.${name}.v${version}`;
}

/**
 * A label selector for the storage objects of one query, as helm writes it. The name is checked
 * first: `good,name!=zzz` would otherwise select the records of the release "good".
 */
export function labelSelector(query: { name?: string; status?: string }): string {
  const parts: string[] = [];
  if (query.name !== undefined) {
    validateReleaseName(query.name);
    parts.push(`name=${query.name}`);
  }
  parts.push("owner=helm");
  if (query.status !== undefined) parts.push(`status=${query.status}`);
  return parts.join(",");
}

/**
 * The labels Helm writes (docs/release-storage.md#labels): the release's custom labels, then the
 * system labels forced on top. Create stamps createdAt; Update stamps
 * modifiedAt — and, as in Helm, an update drops createdAt.
 */
export function recordLabels(
  release: Release,
  operation: "create" | "update",
  now: Date,
): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(release.labels ?? {})) {
    if (!SYSTEM_LABELS.includes(k)) labels[k] = v;
  }
  const seconds = String(Math.floor(now.getTime() / 1000));
  if (operation === "create") labels.createdAt = seconds;
  else labels.modifiedAt = seconds;
  labels.name = release.name;
  labels.owner = "helm";
  labels.status = release.info.status;
  labels.version = String(release.version);
  return labels;
}

/** The parts of a name helm gives a record; undefined when the name is not of that form. */
export function parseStorageKey(objectName: string): { name: string; version: number } | undefined {
  const match = /^sh\.helm\.release\.v1\.(.+)\.v([1-9][0-9]{0,9})$/.exec(objectName);
  return match ? { name: match[1]!, version: Number(match[2]) } : undefined;
}

/**
 * A record labelled as helm's that cannot be placed in any release's history: its name label is
 * missing, or its object name is not `sh.helm.release.v1.<name label>.v<N>`. It is left alone and
 * reported (docs/release-storage.md#records-that-cannot-be-read).
 */
export interface StrayRecord {
  namespace: string;
  /** The storage object's name. */
  key: string;
  /** The release its name label names, if it has one. */
  release?: string;
  problem: string;
}

/**
 * What a storage object's labels and name make of it (docs/release-storage.md#labels): not helm's
 * (undefined), a revision of a release, or a stray. The revision number is the one in the object's
 * name — the name is what a create collides with and a read asks for — so a record whose version
 * label is missing or wrong is still a revision, with the `problem` noted, never invisible.
 */
export function classifyRecord(
  objectName: string,
  namespace: string,
  labels: Record<string, string> | undefined,
): { ref: RevisionRef } | { stray: StrayRecord } | undefined {
  if (!labels || labels.owner !== "helm") return undefined;
  const parsed = parseStorageKey(objectName);
  if (!labels.name || parsed?.name !== labels.name) {
    const problem = !labels.name
      ? "has no name label"
      : `is labelled for release ${JSON.stringify(labels.name)} but named for ${
          parsed ? `release ${JSON.stringify(parsed.name)}` : "no release"
        }`;
    const release = labels.name || parsed?.name;
    return { stray: { namespace, key: objectName, ...(release ? { release } : {}), problem } };
  }
  const status = isReleaseStatus(labels.status) ? labels.status : "unknown";
  const stamp = Number(labels.modifiedAt ?? labels.createdAt);
  const problem = versionLabelProblem(labels.version, parsed.version);
  return {
    ref: {
      name: labels.name,
      namespace,
      version: parsed.version,
      status,
      key: objectName,
      ...(Number.isFinite(stamp) && stamp > 0 ? { modifiedAt: stamp } : {}),
      ...(problem ? { problem } : {}),
    },
  };
}

function versionLabelProblem(label: string | undefined, version: number): string | undefined {
  if (label === String(version)) return undefined;
  if (label === undefined) return "has no version label";
  if (!/^[0-9]+$/.test(label))
    return `has a version label that is not a number (${JSON.stringify(label)})`;
  return `has the version label ${label}`;
}

/** Reads a revision reference from a storage object; undefined if it is not one (see classifyRecord). */
export function refFromLabels(
  objectName: string,
  namespace: string,
  labels: Record<string, string> | undefined,
): RevisionRef | undefined {
  const record = classifyRecord(objectName, namespace, labels);
  return record && "ref" in record ? record.ref : undefined;
}

/** How a record is named in messages: `Secret default/sh.helm.release.v1.demo.v3`. */
export function describeRecord(kind: string, namespace: string, key: string): string {
  return `${kind} ${namespace}/${key}`;
}

/** Custom labels of a record as `Get` returns them: system labels stripped. */
export function customLabels(labels: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) if (!SYSTEM_LABELS.includes(k)) out[k] = v;
  return out;
}
