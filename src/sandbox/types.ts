/** Shapes shared by the sandbox modules. The sandbox imports nothing from the rest of src/. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: Array<Record<string, unknown>>;
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
  [key: string]: unknown;
}

export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time: string;
  fieldsType: "FieldsV1";
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** A kind the sandbox serves: built in, or defined by a CustomResourceDefinition. */
export interface ResourceType {
  group: string;
  /** Served versions, preferred (storage) first. */
  versions: string[];
  resource: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  /** Has a status subresource: writes to the main resource keep the stored status. */
  statusSubresource: boolean;
  /** Defined by a CustomResourceDefinition (merge patch instead of strategic merge). */
  custom: boolean;
}

/** How a write request asks to be done (query parameters and headers of the request). */
export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  userAgent?: string;
  force?: boolean;
  subresource?: string;
  /** `Strict` refuses unknown fields, `Warn` (the default) reports them, `Ignore` drops them quietly. */
  fieldValidation?: string;
  /** Collects `unknown field` warnings for the response's Warning headers. */
  warnings?: string[];
}

export interface FailRequestRule {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Substring the request path (with query) must contain. */
  pathIncludes: string;
  /** HTTP status to answer with. */
  status: number;
  /** Fail this many matching requests, then stop (unlimited when absent). */
  times?: number;
  /** Fail only the Nth matching request (1-based). */
  nth?: number;
}

export interface SandboxFaults {
  /** Added latency before each API answer, in milliseconds. */
  latencyMs?: number;
  /** Fraction (0..1) of API requests that fail with 500 InternalError. */
  failRate?: number;
  failRequests?: FailRequestRule[];
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

/** Called after each write the API makes (the controllers' stand-ins react to them). */
export type WriteHook = (t: ResourceType, obj: KObject, type: WatchEventType) => void;

export interface StoreEvent {
  type: WatchEventType;
  /** `group/resource`, e.g. `apps/deployments` or `/configmaps`. */
  key: string;
  object: KObject;
  /** The object before a MODIFIED change (for selector transitions). */
  previous?: KObject;
  rv: number;
}
