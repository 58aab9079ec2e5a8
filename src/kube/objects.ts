import { Discovery, splitApiVersion } from "./discovery.js";
import { isKubeError } from "./errors.js";
import type { KubeTransport } from "./transport.js";
import type { KubeResource, ResourceInfo, ResourceRef } from "./types.js";

export interface ApplyObjectOptions {
  /** Server-side apply field manager (default "helm", as helm 4). */
  fieldManager?: string;
  /** Take over fields that other managers own. */
  force?: boolean;
  /** Validate and default on the server without persisting. */
  dryRun?: boolean;
}

export interface WriteObjectOptions {
  /** The field manager recorded for an Update operation (default "helm", as helm). */
  fieldManager?: string;
  /** Validate and default on the server without persisting. */
  dryRun?: boolean;
}

/** The patch types a client-side apply sends: strategic for built-in kinds, merge for the rest. */
export type ObjectPatchType = "strategic" | "merge";

const PATCH_CONTENT_TYPES: Record<ObjectPatchType, string> = {
  strategic: "application/strategic-merge-patch+json",
  merge: "application/merge-patch+json",
};

/** Where an object of a kind lives on the server. */
interface Location {
  /** The collection's path. */
  base: string;
  /** Undefined for cluster-scoped kinds. */
  namespace?: string;
  /** `plural.group`, for error messages. */
  resource: string;
}

/**
 * Objects of any kind, located through discovery: get, server-side apply,
 * delete and list. A namespaced object without a namespace goes to the
 * context's namespace.
 */
export class KubeObjects {
  readonly discovery: Discovery;
  private openApi: Promise<unknown> | undefined;

  constructor(private readonly transport: KubeTransport) {
    this.discovery = new Discovery((apiVersion) => this.fetchResourceList(apiVersion));
  }

  /** kind + apiVersion → resource plural and scope (cached; refreshed once on a miss). */
  resolveKind(apiVersion: string, kind: string): Promise<ResourceInfo> {
    return this.discovery.resolve(apiVersion, kind);
  }

  /** Whether a kind lives in a namespace. */
  async isNamespaced(apiVersion: string, kind: string): Promise<boolean> {
    return (await this.resolveKind(apiVersion, kind)).namespaced;
  }

  /** The live object, or undefined when it does not exist. */
  async get(ref: ResourceRef): Promise<KubeResource | undefined> {
    const at = await this.locate(ref.apiVersion, ref.kind, ref.namespace);
    try {
      return await this.transport.request<KubeResource>({
        method: "GET",
        path: `${at.base}/${encodeURIComponent(ref.name)}`,
        verb: "get",
        resource: at.resource,
        name: ref.name,
        ...scope(at),
      });
    } catch (err) {
      if (isKubeError(err, "NotFound")) return undefined;
      throw err;
    }
  }

  /**
   * Server-side apply (PATCH application/apply-patch+yaml; the JSON body
   * is valid YAML). Creates the object when missing.
   */
  async apply(obj: KubeResource, options: ApplyObjectOptions = {}): Promise<KubeResource> {
    const at = await this.locate(obj.apiVersion, obj.kind, obj.metadata.namespace);
    const metadata: Record<string, unknown> = { ...obj.metadata };
    delete metadata.managedFields;
    if (at.namespace !== undefined) metadata.namespace = at.namespace;
    else delete metadata.namespace;
    return this.transport.request<KubeResource>({
      method: "PATCH",
      path: `${at.base}/${encodeURIComponent(obj.metadata.name)}`,
      query: {
        fieldManager: options.fieldManager ?? "helm",
        force: options.force ? "true" : undefined,
        dryRun: options.dryRun ? "All" : undefined,
      },
      body: { ...obj, metadata },
      contentType: "application/apply-patch+yaml",
      verb: "patch",
      resource: at.resource,
      name: obj.metadata.name,
      ...scope(at),
    });
  }

  /** Creates an object (POST), as helm's client-side apply creates what is missing. */
  async create(obj: KubeResource, options: WriteObjectOptions = {}): Promise<KubeResource> {
    const at = await this.locate(obj.apiVersion, obj.kind, obj.metadata.namespace);
    const metadata: Record<string, unknown> = { ...obj.metadata };
    if (at.namespace !== undefined) metadata.namespace = at.namespace;
    else delete metadata.namespace;
    return this.transport.request<KubeResource>({
      method: "POST",
      path: at.base,
      query: {
        fieldManager: options.fieldManager ?? "helm",
        dryRun: options.dryRun ? "All" : undefined,
      },
      body: { ...obj, metadata },
      verb: "create",
      resource: at.resource,
      name: obj.metadata.name,
      ...scope(at),
    });
  }

  /** Sends a strategic-merge or JSON merge patch computed by a client-side apply. */
  async patch(
    ref: ResourceRef,
    patch: unknown,
    type: ObjectPatchType,
    options: WriteObjectOptions = {},
  ): Promise<KubeResource> {
    const at = await this.locate(ref.apiVersion, ref.kind, ref.namespace);
    return this.transport.request<KubeResource>({
      method: "PATCH",
      path: `${at.base}/${encodeURIComponent(ref.name)}`,
      query: {
        fieldManager: options.fieldManager ?? "helm",
        dryRun: options.dryRun ? "All" : undefined,
      },
      body: patch,
      contentType: PATCH_CONTENT_TYPES[type],
      verb: "patch",
      resource: at.resource,
      name: ref.name,
      ...scope(at),
    });
  }

  /**
   * The server's OpenAPI v2 document, read once per client: client-side apply
   * takes each built-in kind's patch strategies and merge keys from it, as
   * kubectl does, since wheelhouse has no Go types to read them from.
   */
  openApiV2(): Promise<unknown> {
    this.openApi ??= this.transport
      .request<unknown>({ method: "GET", path: "/openapi/v2", verb: "get", resource: "openapi/v2" })
      .catch((err: unknown) => {
        this.openApi = undefined;
        throw err;
      });
    return this.openApi;
  }

  /**
   * Replaces an object's metadata.managedFields with a JSON patch that first
   * tests the resourceVersion: after a concurrent write the server refuses
   * the patch instead of overwriting newer ownership.
   */
  async replaceManagedFields(
    ref: ResourceRef,
    resourceVersion: string,
    managedFields: unknown[],
    fieldManager = "helm",
  ): Promise<KubeResource> {
    const at = await this.locate(ref.apiVersion, ref.kind, ref.namespace);
    return this.transport.request<KubeResource>({
      method: "PATCH",
      path: `${at.base}/${encodeURIComponent(ref.name)}`,
      query: { fieldManager },
      body: [
        { op: "test", path: "/metadata/resourceVersion", value: resourceVersion },
        { op: "replace", path: "/metadata/managedFields", value: managedFields },
      ],
      contentType: "application/json-patch+json",
      verb: "patch",
      resource: at.resource,
      name: ref.name,
      ...scope(at),
    });
  }

  /** Deletes with propagationPolicy Background; false when it was already gone. */
  async delete(ref: ResourceRef): Promise<boolean> {
    const at = await this.locate(ref.apiVersion, ref.kind, ref.namespace);
    try {
      await this.transport.request({
        method: "DELETE",
        path: `${at.base}/${encodeURIComponent(ref.name)}`,
        body: { apiVersion: "v1", kind: "DeleteOptions", propagationPolicy: "Background" },
        verb: "delete",
        resource: at.resource,
        name: ref.name,
        ...scope(at),
      });
      return true;
    } catch (err) {
      if (isKubeError(err, "NotFound")) return false;
      throw err;
    }
  }

  /**
   * Objects of a kind selected by label; namespace undefined = every
   * namespace (or cluster-scoped). Items carry apiVersion and kind.
   */
  async list(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    labelSelector?: string,
  ): Promise<KubeResource[]> {
    const at = await this.collection(apiVersion, kind, namespace);
    const list = await this.transport.request<{ items?: KubeResource[] }>({
      method: "GET",
      path: at.base,
      query: { labelSelector },
      verb: "list",
      resource: at.resource,
      ...scope(at),
    });
    return (list.items ?? []).map((item) => ({ ...item, apiVersion, kind }));
  }

  /**
   * The collection an object lives in and its resource name (`plural.group`), for a caller that
   * lists or watches it itself (kube/objectWatch.ts).
   */
  async collectionOf(
    ref: ResourceRef,
  ): Promise<{ path: string; resource: string; namespace?: string }> {
    const at = await this.locate(ref.apiVersion, ref.kind, ref.namespace);
    return { path: at.base, resource: at.resource, ...scope(at) };
  }

  /** Where one object lives: a namespaced object without a namespace is in the context's. */
  private locate(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
  ): Promise<Location> {
    return this.collection(apiVersion, kind, namespace || this.transport.namespace);
  }

  /** The collection of a kind; `namespace` is dropped for cluster-scoped kinds. */
  private async collection(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
  ): Promise<Location> {
    const info = await this.resolveKind(apiVersion, kind);
    const ns = info.namespaced ? namespace : undefined;
    const prefix = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
    const base = ns
      ? `${prefix}/namespaces/${encodeURIComponent(ns)}/${info.resource}`
      : `${prefix}/${info.resource}`;
    const resource = info.group ? `${info.resource}.${info.group}` : info.resource;
    return { base, resource, ...(ns !== undefined ? { namespace: ns } : {}) };
  }

  private async fetchResourceList(
    apiVersion: string,
  ): Promise<{ resources?: { name: string; kind: string; namespaced: boolean }[] } | undefined> {
    const { group, version } = splitApiVersion(apiVersion);
    try {
      return await this.transport.request({
        method: "GET",
        path: group ? `/apis/${group}/${version}` : `/api/${version}`,
        verb: "get",
        resource: `discovery for ${apiVersion}`,
      });
    } catch (err) {
      if (isKubeError(err, "NotFound")) return undefined;
      throw err;
    }
  }
}

function scope(at: Location): { namespace?: string } {
  return at.namespace !== undefined ? { namespace: at.namespace } : {};
}
