import type { ClusterReader, JsonObject } from "./clusterReader.js";
import type { KubeObject } from "./kubeObject.js";
import type { ManagedFieldsEntry } from "./managedFields.js";

/**
 * Which object: the identity helm uses (docs/release-storage.md#object-identity), with the
 * apiVersion to address it.
 */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface ApplyOptions {
  /**
   * Server-side apply field manager; `helm` so helm 4 can take the next turn
   * (docs/release-storage.md#server-side-and-client-side-apply).
   */
  fieldManager: string;
  /** Take ownership of fields other managers own. */
  force: boolean;
  /** Validate and default on the server without persisting (`--dry-run=server`). */
  dryRun?: boolean;
}

/** A create or patch of a client-side apply. */
export interface WriteOptions {
  /** Recorded as the manager of an Update operation; `helm`, as for server-side apply. */
  fieldManager: string;
  dryRun?: boolean;
}

/** Strategic merge patch for built-in kinds, JSON merge patch for the rest (as helm 3). */
export type PatchType = "strategic" | "merge";

/**
 * What the engine needs from a cluster to render (the reads of ClusterReader) and apply a
 * release. Implemented over HTTP by src/kube and in memory by tests; the engine never talks to
 * an API server any other way.
 */
export interface ClusterAccess extends ClusterReader {
  /** The live object, or undefined when it does not exist. */
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  /** Server-side apply; creates the object when missing. */
  apply(object: KubeObject, options: ApplyOptions): Promise<KubeObject>;
  /** Creates an object; fails when it exists (client-side apply). */
  create(object: KubeObject, options: WriteOptions): Promise<KubeObject>;
  /** Patches an existing object (client-side apply). */
  patch(
    ref: ObjectRef,
    patch: JsonObject,
    type: PatchType,
    options: WriteOptions,
  ): Promise<KubeObject>;
  /** The server's OpenAPI v2 document, where built-in kinds' patch strategies come from. */
  openApiV2(): Promise<unknown>;
  /** Deletes with background propagation; false when it was already gone. */
  delete(ref: ObjectRef): Promise<boolean>;
  /**
   * Sets metadata.managedFields outright, only if the object is still at
   * `resourceVersion` (for the client-side to server-side apply move).
   */
  replaceManagedFields(
    ref: ObjectRef,
    resourceVersion: string,
    entries: ManagedFieldsEntry[],
  ): Promise<void>;
  /** Whether a kind lives in a namespace (from discovery). */
  isNamespaced(apiVersion: string, kind: string): Promise<boolean>;
}

export function refOf(object: KubeObject): ObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}

/** "Deployment prod/web" — how messages name an object. */
export function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}
