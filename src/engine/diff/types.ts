/** How a resource differs between two manifests. */
export type ResourceChange = "added" | "removed" | "changed" | "unchanged";

/** One line of a full line diff, numbered on the side(s) it appears on. */
export interface DiffLine {
  op: "context" | "add" | "remove";
  text: string;
  /** 1-based line in the "before" text (context and remove lines). */
  oldLine?: number;
  /** 1-based line in the "after" text (context and add lines). */
  newLine?: number;
}

/** What the diff compares: a resource's identity and its YAML text. */
export interface DiffSubject {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** The document as YAML, already masked when it is a Secret. */
  text: string;
}

export interface ResourceDiff {
  /** Stable identity: apiVersion/kind/namespace/name. */
  id: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  change: ResourceChange;
  /** Every line of both texts, in order; views cut hunks with the context they want. */
  lines: DiffLine[];
  added: number;
  removed: number;
  /** Drift only: the fields that differ live, and who changed them (docs/release-storage.md#drift). */
  drift?: DriftField[];
}

/** One field that differs between the stored manifest and the live object. */
export interface DriftField {
  /** As kube-apiserver names fields: `.spec.template.spec.containers[name="web"].env[name="A"]`. */
  path: string;
  /** added: only live has it; removed: only the manifest has it. */
  change: "added" | "changed" | "removed";
  /** The managers that own it live, besides the release's own and the controllers. */
  managers: string[];
}

export interface DiffSummary {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}

/** A per-resource diff of two manifests (docs/release-storage.md#diffs). */
export interface ManifestDiff {
  resources: ResourceDiff[];
  summary: DiffSummary;
}

export function hasChanges(diff: ManifestDiff): boolean {
  return diff.summary.added + diff.summary.changed + diff.summary.removed > 0;
}
