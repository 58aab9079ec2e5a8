/** Object metadata as the API returns it (only the fields wheelhouse reads are typed). */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** Any Kubernetes object as JSON. */
export interface KubeResource {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface Secret extends KubeResource {
  type?: string;
  /** Values are base64, as the API represents them. */
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  immutable?: boolean;
}

export interface ConfigMap extends KubeResource {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
}

/** One item of a metadata-only list. */
export interface PartialObjectMetadata {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

/** `/version` as the API server reports it. */
export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit?: string;
  gitTreeState?: string;
  buildDate?: string;
  goVersion?: string;
  compiler?: string;
  platform?: string;
}

/** Which object, for the generic calls. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** What discovery says about a kind. */
export interface ResourceInfo {
  apiVersion: string;
  group: string;
  version: string;
  kind: string;
  /** The resource plural, e.g. "deployments". */
  resource: string;
  namespaced: boolean;
  verbs: string[];
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface WatchEvent<T> {
  type: WatchEventType;
  object: T;
}
