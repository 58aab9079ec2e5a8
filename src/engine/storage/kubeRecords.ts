import { isKubeError } from "../../kube/errors.js";
import type { CoreResources, ReadOptions } from "../../kube/coreResources.js";
import type { KubeResource } from "../../kube/types.js";
import { ReleaseDecodeError, decodeRelease, encodeRelease } from "../release/codec.js";
import type { Release, RevisionRef } from "../release/types.js";
import type {
  ReadPurpose,
  RecordFilter,
  RevisionQuery,
  StorageDriver,
  StoredRevision,
  WriteOptions,
} from "./driver.js";
import { RecordConflictError, ReleaseNotFoundError, RevisionExistsError } from "./errors.js";
import { customLabels, labelSelector, recordLabels, refFromLabels, storageKey } from "./records.js";

/** How one resource type holds a release record. */
export interface RecordFormat<T extends KubeResource> {
  /** The encoded release string (encodeRelease's output) held by an object. */
  payloadOf(object: T): string;
  /** A storage object holding `payload` (encodeRelease's output). */
  build(namespace: string, name: string, labels: Record<string, string>, payload: string): T;
}

/**
 * Release storage in cluster objects (Secrets or ConfigMaps), written as
 * helm writes them (docs/release-storage.md#the-storage-object). Listing references reads
 * labels from a metadata-only list; only `query` and `get` move payloads.
 */
export abstract class KubeRecordDriver<T extends KubeResource> implements StorageDriver {
  abstract readonly name: "secret" | "configmap";

  protected constructor(
    private readonly objects: CoreResources<T>,
    private readonly format: RecordFormat<T>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async listRefs(query: RevisionQuery, purpose?: ReadPurpose): Promise<RevisionRef[]> {
    const items = await this.objects.listMetadata(
      query.namespace,
      labelSelector(query),
      readOptions(purpose),
    );
    return items.flatMap((item) => {
      const ref = refFromLabels(
        item.metadata.name,
        item.metadata.namespace ?? query.namespace ?? "",
        item.metadata.labels,
      );
      return ref ? [ref] : [];
    });
  }

  async query(
    query: RevisionQuery,
    purpose?: ReadPurpose,
    keep?: RecordFilter | Promise<RecordFilter>,
  ): Promise<StoredRevision[]> {
    const objects = await this.objects.list(
      query.namespace,
      labelSelector(query),
      readOptions(purpose),
    );
    const filter = await keep;
    return objects.flatMap((object): StoredRevision[] => {
      const namespace = object.metadata.namespace ?? query.namespace ?? "";
      const ref = refFromLabels(object.metadata.name, namespace, object.metadata.labels);
      if (!ref || (filter && !filter(ref))) return [];
      try {
        return [this.decode(object)];
      } catch (err) {
        return [{ ...ref, unreadable: (err as Error).message }];
      }
    });
  }

  async get(
    namespace: string,
    name: string,
    version: number,
    purpose?: ReadPurpose,
  ): Promise<Release> {
    let object: T;
    try {
      object = await this.objects.get(namespace, storageKey(name, version), readOptions(purpose));
    } catch (err) {
      if (isKubeError(err, "NotFound")) throw new ReleaseNotFoundError(name, namespace, version);
      throw err;
    }
    return this.decode(object);
  }

  async create(release: Release): Promise<void> {
    try {
      const written = await this.objects.create(this.toObject(release, "create"));
      release.resourceVersion = written.metadata.resourceVersion;
    } catch (err) {
      if (isKubeError(err, "AlreadyExists")) {
        throw new RevisionExistsError(release.name, release.namespace, release.version);
      }
      throw err;
    }
  }

  /**
   * A PUT: unconditional (no resourceVersion), as helm's Update, unless `ifVersion` names the
   * resourceVersion the record must still have.
   */
  async update(release: Release, options: WriteOptions = {}): Promise<void> {
    try {
      const written = await this.objects.update(this.toObject(release, "update", options));
      release.resourceVersion = written.metadata.resourceVersion;
    } catch (err) {
      if (isKubeError(err, "NotFound")) {
        throw new ReleaseNotFoundError(release.name, release.namespace, release.version);
      }
      if (isKubeError(err, "Conflict")) {
        throw new RecordConflictError(release.name, release.namespace, release.version);
      }
      throw err;
    }
  }

  async delete(
    namespace: string,
    name: string,
    version: number,
    options: Pick<WriteOptions, "ifVersion"> = {},
  ): Promise<void> {
    try {
      await this.objects.delete(
        namespace,
        storageKey(name, version),
        options.ifVersion !== undefined ? { resourceVersion: options.ifVersion } : {},
      );
    } catch (err) {
      if (isKubeError(err, "Conflict")) throw new RecordConflictError(name, namespace, version);
      throw err;
    }
  }

  private toObject(
    release: Release,
    operation: "create" | "update",
    options: WriteOptions = {},
  ): T {
    const object = this.format.build(
      release.namespace,
      storageKey(release.name, release.version),
      recordLabels(release, operation, this.clock()),
      encodeRelease(release),
    );
    const { ifVersion, annotations } = options;
    if (ifVersion !== undefined) object.metadata.resourceVersion = ifVersion;
    if (annotations !== undefined) object.metadata.annotations = { ...annotations };
    return object;
  }

  private decode(object: T): Release {
    const release = decodeRelease(this.format.payloadOf(object));
    release.labels = customLabels(object.metadata.labels);
    if (object.metadata.resourceVersion !== undefined) {
      release.resourceVersion = object.metadata.resourceVersion;
    }
    return release;
  }
}

/**
 * A browsing read goes to the watch cache, a deciding one to etcd, whatever consistency the
 * accessor was made with (docs/release-storage.md#reads-by-purpose).
 */
function readOptions(purpose: ReadPurpose = "decide"): ReadOptions {
  return { consistency: purpose === "browse" ? "cached" : "strong" };
}

/** A storage object's `data.release`, or a decode error naming the object. */
export function releaseField(object: KubeResource): string {
  const data = object.data as Record<string, string> | undefined;
  const value = data?.release;
  if (typeof value !== "string" || value === "") {
    throw new ReleaseDecodeError(
      `${object.kind ?? "object"} "${object.metadata.name}" has no data.release`,
    );
  }
  return value;
}
