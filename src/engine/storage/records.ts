import type { Release, RevisionRef } from "../release/types.js";
import { isReleaseStatus } from "../release/types.js";

/**
 * Labels Helm owns on a storage object; user labels may not use them
 * (docs/release-storage.md#labels).
 */
export const SYSTEM_LABELS = ["name", "owner", "status", "version", "createdAt", "modifiedAt"];

/** `sh.helm.release.v1.<name>.v<revision>` (docs/release-storage.md#the-storage-object). */
export function storageKey(name: string, version: number): string {
  return `sh.helm.release.v1.${name}.v${version}`;
}

/** A label selector for the storage objects of one query, as helm writes it. */
export function labelSelector(query: { name?: string; status?: string }): string {
  const parts: string[] = [];
  if (query.name !== undefined) parts.push(`name=${query.name}`);
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

/** Reads a revision reference from a storage object's labels; undefined if they are not Helm's. */
export function refFromLabels(
  objectName: string,
  namespace: string,
  labels: Record<string, string> | undefined,
): RevisionRef | undefined {
  if (!labels || labels.owner !== "helm") return undefined;
  const version = Number(labels.version);
  if (!labels.name || !Number.isInteger(version) || version < 1) return undefined;
  const status = isReleaseStatus(labels.status) ? labels.status : "unknown";
  const stamp = Number(labels.modifiedAt ?? labels.createdAt);
  return {
    name: labels.name,
    namespace,
    version,
    status,
    key: objectName,
    ...(Number.isFinite(stamp) && stamp > 0 ? { modifiedAt: stamp } : {}),
  };
}

/** Custom labels of a record as `Get` returns them: system labels stripped. */
export function customLabels(labels: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) if (!SYSTEM_LABELS.includes(k)) out[k] = v;
  return out;
}
