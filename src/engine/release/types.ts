import type { ChartDependency, ChartLock, ChartMaintainer } from "../chart/types.js";
import type { Values } from "../values/types.js";

/** Release statuses, spelled as Helm stores them (docs/release-storage.md#statuses). */
export const RELEASE_STATUSES = [
  "unknown",
  "deployed",
  "uninstalled",
  "superseded",
  "failed",
  "uninstalling",
  "pending-install",
  "pending-upgrade",
  "pending-rollback",
] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export function isReleaseStatus(value: unknown): value is ReleaseStatus {
  return typeof value === "string" && (RELEASE_STATUSES as readonly string[]).includes(value);
}

/** The three statuses that mean "an operation is in progress" and act as the release's lock. */
export function isPending(status: ReleaseStatus): boolean {
  return (
    status === "pending-install" || status === "pending-upgrade" || status === "pending-rollback"
  );
}

/**
 * Whether a latest revision with this status holds the release's lock: a pending one, or one an
 * uninstall has marked `uninstalling` (docs/release-storage.md#the-lock).
 */
export function holdsLock(status: ReleaseStatus): boolean {
  return isPending(status) || status === "uninstalling";
}

export const HOOK_EVENTS = [
  "pre-install",
  "post-install",
  "pre-delete",
  "post-delete",
  "pre-upgrade",
  "post-upgrade",
  "pre-rollback",
  "post-rollback",
  "test",
] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

export type HookPhase = "" | "Unknown" | "Running" | "Succeeded" | "Failed";

export interface HookExecution {
  started_at?: string;
  completed_at?: string;
  phase: HookPhase;
}

/** A hook document pulled out of the rendered manifest (docs/chart-engine.md#hook-documents). */
export interface Hook {
  name: string;
  kind: string;
  /** e.g. "demo/templates/hook.yaml" */
  path: string;
  /** The hook's own YAML document, trimmed. */
  manifest: string;
  events: HookEvent[];
  last_run: HookExecution;
  weight: number;
  delete_policies?: string[];
  output_log_policies?: string[];
}

export interface ReleaseInfo {
  /** RFC3339 with nanoseconds, as Go writes times. */
  first_deployed: string;
  last_deployed: string;
  /** Helm 3 writes "" when unset; Helm 4 omits it. We omit it unless set. */
  deleted?: string;
  description: string;
  status: ReleaseStatus;
  notes?: string;
  resources?: Record<string, unknown>;
}

/** chart.metadata in the stored record (every field omitempty except dependency name/repository). */
export interface StoredChartMetadata {
  name?: string;
  home?: string;
  sources?: string[];
  version?: string;
  description?: string;
  keywords?: string[];
  maintainers?: ChartMaintainer[];
  icon?: string;
  apiVersion?: string;
  condition?: string;
  tags?: string;
  appVersion?: string;
  deprecated?: boolean;
  annotations?: Record<string, string>;
  kubeVersion?: string;
  dependencies?: ChartDependency[];
  type?: string;
}

/** A file in the stored chart: base64 data, as Go marshals []byte. */
export interface StoredChartFile {
  name: string;
  data: string;
  modtime?: string;
}

/**
 * The chart as Helm serialises it into a release: no subcharts
 * (docs/release-storage.md#the-stored-chart).
 */
export interface StoredChart {
  metadata: StoredChartMetadata;
  lock: ChartLock | null;
  templates: StoredChartFile[] | null;
  values: Values | null;
  /** base64 of values.schema.json, or null. */
  schema: string | null;
  /** Helm 4 only; zero time when there is no schema. */
  schemamodtime?: string;
  files: StoredChartFile[] | null;
  modtime?: string;
}

/** "ssa" when applied server-side under the field manager `helm`; absent for Helm 3 records. */
export type ApplyMethod = "ssa" | "csa";

/**
 * One revision of a release: exactly the JSON document Helm 3/4 store in the
 * release Secret, plus `labels`, which come from the storage object and are
 * never part of the JSON.
 */
export interface Release {
  name: string;
  info: ReleaseInfo;
  chart: StoredChart | null;
  /** User-supplied values only (-f/--set); absent when none were given. */
  config?: Values;
  manifest: string;
  hooks?: Hook[];
  version: number;
  namespace: string;
  apply_method?: ApplyMethod;
  /** Labels of the storage object (system labels stripped on Get). Not serialised. */
  labels?: Record<string, string>;
  /**
   * The storage object's resourceVersion when this was read or last written by this process;
   * a conditional write names it (docs/release-storage.md#writes-and-the-race-guard). Not
   * serialised.
   */
  resourceVersion?: string;
  /**
   * Bytes of the encoded record as stored (the Secret's or ConfigMap's data), when read from
   * storage (docs/release-storage.md#release-size). Not serialised.
   */
  storedBytes?: number;
}

/**
 * What a list view needs about a revision, read from the storage object's
 * labels alone, without decoding its payload (docs/release-storage.md#listing-and-history).
 */
export interface RevisionRef {
  name: string;
  namespace: string;
  version: number;
  status: ReleaseStatus;
  /** The storage object's name, e.g. sh.helm.release.v1.demo.v3. */
  key: string;
  /**
   * Unix seconds from the modifiedAt/createdAt label; informational only
   * (docs/release-storage.md#labels).
   */
  modifiedAt?: number;
  /**
   * What is wrong with the record's labels, when something is (a missing or non-numeric version
   * label): the revision number then comes from the object's name.
   */
  problem?: string;
}

/**
 * A revision that could not be decoded (corrupt payload, unknown encoding).
 * It is shown, with the reason, instead of silently disappearing from history.
 */
export interface UnreadableRevision extends RevisionRef {
  unreadable: string;
  /** The storage object, e.g. `Secret default/sh.helm.release.v1.demo.v3`, for messages. */
  record?: string;
}
