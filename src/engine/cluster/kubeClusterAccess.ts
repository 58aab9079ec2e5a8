import type { KubeClient } from "../../kube/client.js";
import {
  KindResolutionError,
  lookupRead,
  serverGroupsAndResources,
  serverWords,
} from "../../kube/lookup.js";
import type { KubeResource } from "../../kube/types.js";
import type {
  ApplyOptions,
  ClusterAccess,
  ObjectRef,
  PatchType,
  WriteOptions,
} from "./clusterAccess.js";
import {
  LookupReadError,
  type GroupVersionKinds,
  type JsonObject,
  type LookupQuery,
  type ServerVersionInfo,
} from "./clusterReader.js";
import type { KubeObject } from "./kubeObject.js";
import type { ManagedFieldsEntry } from "./managedFields.js";

/** ClusterAccess over a real API server, through src/kube. */
export class KubeClusterAccess implements ClusterAccess {
  constructor(private readonly client: KubeClient) {}

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    return (await this.client.objects.get(ref)) as KubeObject | undefined;
  }

  async apply(object: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    const applied = await this.client.objects.apply(object as KubeResource, {
      fieldManager: options.fieldManager,
      force: options.force,
      ...(options.dryRun ? { dryRun: true } : {}),
    });
    return applied as KubeObject;
  }

  async create(object: KubeObject, options: WriteOptions): Promise<KubeObject> {
    return (await this.client.objects.create(object as KubeResource, options)) as KubeObject;
  }

  async patch(
    ref: ObjectRef,
    patch: JsonObject,
    type: PatchType,
    options: WriteOptions,
  ): Promise<KubeObject> {
    return (await this.client.objects.patch(ref, patch, type, options)) as KubeObject;
  }

  openApiV2(): Promise<unknown> {
    return this.client.objects.openApiV2();
  }

  async replaceManagedFields(
    ref: ObjectRef,
    resourceVersion: string,
    entries: ManagedFieldsEntry[],
  ): Promise<void> {
    await this.client.objects.replaceManagedFields(ref, resourceVersion, entries);
  }

  delete(ref: ObjectRef): Promise<boolean> {
    return this.client.objects.delete(ref);
  }

  isNamespaced(apiVersion: string, kind: string): Promise<boolean> {
    return this.client.objects.isNamespaced(apiVersion, kind);
  }

  async lookup(query: LookupQuery): Promise<JsonObject | undefined> {
    try {
      return await lookupRead(this.client, query);
    } catch (err) {
      throw new LookupReadError(serverWords(err), err instanceof KindResolutionError);
    }
  }

  async serverVersion(): Promise<ServerVersionInfo> {
    const { gitVersion, major, minor } = await this.client.serverVersion();
    return { gitVersion, major, minor };
  }

  async apiResources(): Promise<GroupVersionKinds[]> {
    return (await serverGroupsAndResources(this.client)).map(({ groupVersion, kinds }) => ({
      groupVersion,
      kinds,
    }));
  }
}
