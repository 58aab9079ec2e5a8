import type { LiveChange } from "../engine/actions/liveDrift.js";
import type { DriftField, ManifestDiff } from "../engine/diff/types.js";
import type { ReleaseStatus } from "../engine/release/types.js";
import type { Values } from "../engine/values/types.js";
import type { ValueChange } from "../engine/values/valuesDiff.js";

/**
 * Everything the TUI asks of the world, as one port. The statechart invokes
 * these as actors; the engine-backed implementation lives beside it and
 * tests substitute fakes. Views never call it.
 */
export interface Backend {
  cluster(): Promise<ClusterInfo>;
  namespaces(): Promise<NamespaceList>;
  /** Whether a namespace exists (a GET), for when it cannot be listed; undefined: not allowed to ask. */
  namespaceExists(name: string): Promise<boolean | undefined>;
  /** Latest revision of every release in scope (undefined namespace = all). */
  releases(scope: Scope): Promise<ReleaseRow[]>;
  /**
   * Calls onChange whenever release records in scope change, or when the
   * payloads of releases shown with `show` arrive. Stop it when done.
   */
  watchReleases(scope: Scope, onChange: (change: ReleaseChange) => void): ReleaseWatch;
  history(release: ReleaseRef): Promise<RevisionRow[]>;
  revision(release: ReleaseRef, revision: number): Promise<RevisionDetail>;
  /**
   * Each resource of the latest revision with its live readiness: told once
   * every object has been read, then again whenever one of them changes (a
   * watch, no polling). Stop it when done.
   */
  watchResources(release: ReleaseRef, listener: ResourceListener): ResourceWatch;
  /** Revision `from` → revision `to`, per resource. */
  diffRevisions(release: ReleaseRef, from: number, to: number): Promise<DiffPair>;
  /** The values of revision `from` → revision `to`, path by path (docs/chart-engine.md#values-diff). */
  diffValues(release: ReleaseRef, from: number, to: number): Promise<ValuesDiffPair>;
  /** Renders the chart with the chosen values and diffs it against the deployed revision. */
  planUpgrade(request: UpgradeRequest): Promise<UpgradePlan>;
  /**
   * Loads the chart an upgrade names (as planUpgrade will) and says which it is, e.g.
   * "webapp-1.2.4": a chart that does not load is reported before any values are edited.
   */
  checkChart(chart: string): Promise<string>;
  executeUpgrade(
    plan: UpgradePlan,
    onProgress: (p: OperationProgress) => void,
  ): Promise<OperationResult>;
  /** Diffs the deployed revision against the target. */
  planRollback(release: ReleaseRef, revision: number): Promise<RollbackPlan>;
  executeRollback(
    plan: RollbackPlan,
    onProgress: (p: OperationProgress) => void,
  ): Promise<OperationResult>;
  uninstall(
    release: ReleaseRef,
    options: { keepHistory: boolean },
    onProgress: (p: OperationProgress) => void,
  ): Promise<void>;
  /** Marks the stale pending revision failed (see `wheelhouse recover`). */
  recover(release: ReleaseRef): Promise<void>;
  /** The deployed revision's user-supplied values as YAML, the starting point for editing. */
  currentValuesYaml(release: ReleaseRef): Promise<string>;
  /**
   * A backend on another context of the same kubeconfig (`:ctx NAME`). Once
   * it is returned the caller uses it instead; this one is closed.
   */
  switchContext(name: string): Promise<Backend>;
}

/** What changed, as told by watchReleases. */
export type ReleaseChange =
  /** Records were added, changed or removed: of these releases, or of any (no list, e.g. after a relist). */
  | { kind: "records"; releases?: ReleaseRef[] }
  /** The chart, app version and description of rows that were pending arrived. */
  | { kind: "details" };

/** A running watchReleases. */
export interface ReleaseWatch {
  stop(): void;
  /**
   * The releases on screen (and the selected one): only their payloads are
   * read, each once per stored record, so that `releases` can give them
   * their chart and app version. Each call replaces the last.
   */
  show(releases: ReleaseRef[]): void;
}

/** Told by watchResources. */
export interface ResourceListener {
  rows(rows: ResourceRow[]): void;
  /** Reading the release or its objects failed; nothing more is told. */
  failed(err: unknown): void;
}

/** A running watchResources. */
export interface ResourceWatch {
  stop(): void;
}

/** Which namespaces are in view: one, or all of them. */
export interface Scope {
  namespace?: string;
}

export interface ReleaseRef {
  name: string;
  namespace: string;
}

export interface ClusterInfo {
  context: string;
  server: string;
  /** The context's default namespace. */
  namespace: string;
  /** e.g. "v1.31.0"; undefined when the server did not say. */
  serverVersion?: string;
  /** Every context in the kubeconfig, for `:ctx`. */
  contexts: string[];
  /** The files the kubeconfig was read from (or "in-cluster"), for `:kubeconfig`. */
  kubeconfig?: string[];
}

export interface NamespaceList {
  namespaces: Array<{ name: string; releases: number }>;
  /** True when listing namespaces was Forbidden and only the context's namespace is shown. */
  forbidden: boolean;
}

export interface ReleaseRow {
  name: string;
  namespace: string;
  revision: number;
  status: ReleaseStatus;
  /** "web-1.2.3", "MISSING", or "UNREADABLE". */
  chart: string;
  appVersion: string;
  updated?: Date;
  description: string;
  /** Why the latest record could not be decoded, when it could not. */
  unreadable?: string;
  /**
   * Only the record's labels are read yet: chart, app version and
   * description are empty until the row is shown (ReleaseWatch.show).
   */
  pending?: boolean;
}

export interface RevisionRow {
  revision: number;
  status: ReleaseStatus;
  chartVersion: string;
  appVersion: string;
  updated?: Date;
  /** What happened ("Upgrade complete"), without who and why. */
  description: string;
  /** Who acted, when the revision recorded it (docs/release-storage.md#who-and-why). */
  by?: string;
  /** Why: the `--description` given. */
  reason?: string;
  /** Bytes of the stored record (docs/release-storage.md#release-size). */
  storedBytes?: number;
  unreadable?: string;
}

export interface RevisionDetail {
  revision: number;
  manifest: string;
  /** -f/--set values stored with the revision. */
  userValues: Values;
  /** Chart defaults coalesced with the user values. */
  computedValues: Values;
  notes: string;
}

export interface ResourceRow {
  kind: string;
  name: string;
  namespace?: string;
  state: "ready" | "progressing" | "failed" | "missing";
  message: string;
  /** Fields changed live, and who changed them (docs/release-storage.md#drift); none: no drift. */
  drift?: DriftField[];
}

/** A diff with Secret values masked, and the same diff revealed for the x toggle. */
export interface DiffPair {
  masked: ManifestDiff;
  revealed: ManifestDiff;
}

/** A values diff both ways, for the user-supplied/computed toggle (a). */
export interface ValuesDiffPair {
  user: ValueChange[];
  /** Chart defaults coalesced with the user values, as `get values --all`. */
  computed: ValueChange[];
  /** What helm's --reuse-values would leave out of the new chart (upgrade previews only). */
  reuseWarning?: string;
}

export interface UpgradeRequest {
  release: ReleaseRef;
  /** A chart directory, a .tgz path, a URL, REPO/CHART or oci://HOST/PATH/CHART. */
  chart: string;
  /** A version range for repository charts. */
  version?: string;
  values:
    | { mode: "reuse" }
    | { mode: "reset" }
    /** YAML the user edited; it replaces the user-supplied values. */
    | { mode: "edited"; yaml: string };
}

export interface UpgradePlan {
  request: UpgradeRequest;
  /** The revision the upgrade will write. */
  revision: number;
  /** e.g. "web-1.3.0". */
  chart: string;
  diff: DiffPair;
  /** The values it will store against the deployed ones (V in the review). */
  values?: ValuesDiffPair;
  notes: string;
  /** How it will be applied: as the latest revision was (helm 4's --server-side=auto). */
  applyMethod: ApplyMethodName;
  /** Live changes and what the upgrade does to them (docs/release-storage.md#drift-an-upgrade-overwrites). */
  liveChanges?: LiveChange[];
  /** Set when the new revision's record would pass the storage limit: the write will be refused. */
  sizeWarning?: string;
}

/** Server-side apply, or helm 3's client-side three-way merge. */
export type ApplyMethodName = "ssa" | "csa";

export interface RollbackPlan {
  release: ReleaseRef;
  target: number;
  /** The revision the rollback will write. */
  revision: number;
  diff: DiffPair;
  /** The values it restores against the deployed ones (V in the review). */
  values?: ValuesDiffPair;
  /** How it will be applied: as the target revision was (helm 4's --server-side=auto). */
  applyMethod: ApplyMethodName;
  /** Set when the new revision's record would pass the storage limit: the write will be refused. */
  sizeWarning?: string;
  /** No revision is deployed (uninstalled, history kept): the diff starts from nothing. */
  nothingDeployed?: true;
  /** Live changes and what the rollback does to them. */
  liveChanges?: LiveChange[];
}

/** One step of an operation in flight, for per-resource progress. */
export interface OperationProgress {
  step: "hook" | "apply" | "delete" | "wait";
  /** "Deployment prod/web" */
  resource: string;
  state: "started" | "done" | "failed" | "kept" | "waiting";
  message?: string;
}

export interface OperationResult {
  revision: number;
  status: ReleaseStatus;
  notes: string;
}
