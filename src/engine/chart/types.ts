import type { Values } from "../values/types.js";

/** One entry of Chart.yaml `dependencies`. Field names as Helm's dependency.go. */
export interface ChartDependency {
  name: string;
  /** A SemVer range, e.g. "^1.2.0" or "1.x". */
  version?: string;
  /** A repository URL, "@repo-name", "file://../path", or "" for charts/ only. */
  repository: string;
  /** Comma-separated value paths; the first that resolves to a bool decides. */
  condition?: string;
  tags?: string[];
  /** Set while processing dependencies; stored in the release as Helm does. */
  enabled?: boolean;
  "import-values"?: unknown[];
  alias?: string;
}

export interface ChartMaintainer {
  name: string;
  email?: string;
  url?: string;
}

/** Chart.yaml, with Helm's field names (metadata.go). */
export interface ChartMetadata {
  apiVersion: string;
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  type?: "application" | "library";
  kubeVersion?: string;
  home?: string;
  sources?: string[];
  keywords?: string[];
  maintainers?: ChartMaintainer[];
  icon?: string;
  condition?: string;
  tags?: string;
  deprecated?: boolean;
  annotations?: Record<string, string>;
  dependencies?: ChartDependency[];
}

/** Chart.lock: the resolved dependency set. */
export interface ChartLock {
  generated: string;
  digest: string;
  dependencies: ChartDependency[];
}

/** A file of a chart: a path relative to the chart root (posix separators) and its bytes. */
export interface ChartFile {
  name: string;
  data: Buffer;
}

/**
 * A loaded chart. The split of files mirrors Helm's loader
 * (docs/chart-engine.md#which-files-go-where): templates/ go to `templates`, charts/ become
 * `dependencies`, and everything else except Chart.yaml, Chart.lock, values.yaml and
 * values.schema.json goes to `files`.
 */
export interface Chart {
  metadata: ChartMetadata;
  lock: ChartLock | null;
  /** Files under templates/, raw. */
  templates: ChartFile[];
  /** values.yaml parsed; {} when the chart has none. */
  values: Values;
  /** values.yaml as written, kept for packaging; null when absent. */
  rawValues: Buffer | null;
  /** values.schema.json bytes, or null. */
  schema: Buffer | null;
  /** Every other file (README, .helmignore, crds/, files read with fileGet). */
  files: ChartFile[];
  /** Subcharts loaded from charts/ (directories and .tgz). */
  dependencies: Chart[];
  /** Where the chart was loaded from, for error messages (a path, an archive, a URL). */
  source: string;
}
