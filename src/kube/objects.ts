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
