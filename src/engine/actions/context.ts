import type { ServerSideOption } from "./applyMethod.js";
import type { ApplyProgress } from "../apply/applyRelease.js";
import type { ClusterAccess } from "../cluster/clusterAccess.js";
import type { KubeObject } from "../cluster/kubeObject.js";
import type { Readiness } from "../cluster/readiness.js";
import type { ReleaseStorage } from "../storage/releaseStorage.js";

/**
 * What every action needs, like helm's action.Configuration: where releases
 * are stored, the cluster to apply to, and a clock. Actions receive it so
 * they can run against in-memory fakes as well as a real API server.
 */
export interface ActionContext {
  storage: ReleaseStorage;
  cluster: ClusterAccess;
  now: () => Date;
  /** The SSA field manager; `helm` so helm 4 can take the next turn. */
  fieldManager: string;
  /** Kubernetes version for Capabilities (e.g. "v1.31.0"). */
  kubeVersion?: string;
  /**
   * Who is acting, for the revision's description (docs/release-storage.md#who-and-why); asked
   * only when something is written. Without it revisions say nothing about who.
   */
  identify?: () => Promise<string>;
  /** Sleep used by --wait polling; tests replace it. */
  sleep?: (ms: number) => Promise<void>;
}

/** Per-resource progress and wait status, for the CLI and the UI. */
export interface ActionObserver {
  onProgress?: (progress: ApplyProgress) => void;
  onWaitStatus?: (object: KubeObject, readiness: Readiness) => void;
}

/** Options shared by the actions that apply a manifest. */
export interface ApplyingOptions extends ActionObserver {
  wait?: boolean;
  timeoutMs?: number;
  /** Take ownership of fields other managers own (server-side apply only; helm 4's default: no). */
  forceConflicts?: boolean;
  /**
   * How to apply: server-side (true), client-side as helm 3 (false), or as the release was
   * last applied ("auto", the default of upgrade and rollback; install takes anything but
   * false as true).
   */
  serverSide?: ServerSideOption;
  /** `--description`: why, recorded after what happened and who (docs/release-storage.md#who-and-why). */
  description?: string;
  /** Skip the chart's hooks (`--no-hooks`). */
  noHooks?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;
export const DEFAULT_HISTORY_MAX = 10;
