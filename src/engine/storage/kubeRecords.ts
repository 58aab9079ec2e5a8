import { isKubeError } from "../../kube/errors.js";
import type { CoreResources, ReadOptions } from "../../kube/coreResources.js";
import type { KubeResource, PartialObjectMetadata } from "../../kube/types.js";
import { ReleaseDecodeError, encodeRelease } from "../release/codec.js";
import type { Release, ReleaseStatus, RevisionRef } from "../release/types.js";
import { isReleaseStatus } from "../release/types.js";
import { isUnreadable } from "./driver.js";
import type {
  ReadPurpose,
  RecordFacts,
  RecordFilter,
  RecordKind,
  RecordProblem,
  RevisionQuery,
  StorageDriver,
  StoredRevision,
  WriteOptions,
} from "./driver.js";
import {
  RecordChangedError,
  RecordConflictError,
  RecordInTheWayError,
  ReleaseNotFoundError,
  RevisionExistsError,
} from "./errors.js";
import {
  RELABELLED_ANNOTATION,
  classifyRecord,
  describeRecord,
  labelSelector,
  recordLabels,
  storageKey,
} from "./records.js";
import { decodeRecord, placeRecord, readRecord } from "./unreadable.js";

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

  onProblem: ((problem: RecordProblem) => void) | undefined;

  async listRefs(query: RevisionQuery, purpose?: ReadPurpose): Promise<RevisionRef[]> {
    const items = await this.objects.listMetadata(
      query.namespace,
      labelSelector(query),
      readOptions(purpose),
    );
    return items.flatMap((item) => {
      const ref = this.placed(item, query.namespace);
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
      const ref = this.placed(object, query.namespace);
      if (!ref || (filter && !filter(ref))) return [];
      const read = readRecord(this.kind, ref, object.metadata.labels, () =>
        this.format.payloadOf(object),
      );
      if (!isUnreadable(read) && object.metadata.resourceVersion !== undefined) {
        read.resourceVersion = object.metadata.resourceVersion;
      }
      return [read];
    });
  }

  async get(
    namespace: string,
    name: string,
    version: number,
    purpose?: ReadPurpose,
  ): Promise<Release> {
    const object = await this.read(namespace, name, version, purpose);
    return this.decode(object, { name, namespace, version });
  }

  private async read(
    namespace: string,
    name: string,
    version: number,
    purpose?: ReadPurpose,
  ): Promise<T> {
    try {
      return await this.objects.get(namespace, storageKey(name, version), readOptions(purpose));
    } catch (err) {
      if (isKubeError(err, "NotFound")) throw new ReleaseNotFoundError(name, namespace, version);
      throw err;
    }
  }

  async create(release: Release): Promise<void> {
    try {
      const written = await this.objects.create(this.toObject(release, "create"));
      release.resourceVersion = written.metadata.resourceVersion;
    } catch (err) {
      if (isKubeError(err, "AlreadyExists")) throw await this.whyTaken(release);
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

  async inspect(namespace: string, name: string, version: number): Promise<RecordFacts> {
    const object = await this.read(namespace, name, version);
    const raw = (object.data as Record<string, unknown> | undefined)?.release;
    return {
      kind: this.kind,
      namespace,
      key: object.metadata.name,
      labels: { ...object.metadata.labels },
      ...(object.metadata.creationTimestamp ? { created: object.metadata.creationTimestamp } : {}),
      bytes:
        typeof raw !== "string"
          ? 0
          : this.kind === "Secret"
            ? Buffer.from(raw, "base64").length
            : Buffer.byteLength(raw),
      resourceVersion: object.metadata.resourceVersion ?? "",
    };
  }

  /** A PUT of the object as read, labels changed, with its resourceVersion: Conflict if it moved. */
  async relabel(seen: RecordFacts, status: ReleaseStatus, note: string): Promise<void> {
    const record = describeRecord(this.kind, seen.namespace, seen.key);
    const object = await this.objects.get(seen.namespace, seen.key).catch((err: unknown) => {
      if (isKubeError(err, "NotFound")) throw new RecordChangedError(record, "was deleted");
      throw err;
    });
    if (object.metadata.resourceVersion !== seen.resourceVersion) {
      throw new RecordChangedError(record, "changed");
    }
    const seconds = String(Math.floor(this.clock().getTime() / 1000));
    object.metadata.labels = { ...object.metadata.labels, status, modifiedAt: seconds };
    object.metadata.annotations = { ...object.metadata.annotations, [RELABELLED_ANNOTATION]: note };
    try {
      await this.objects.update(object);
    } catch (err) {
      if (isKubeError(err, "Conflict")) throw new RecordChangedError(record, "changed");
      if (isKubeError(err, "NotFound")) throw new RecordChangedError(record, "was deleted");
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

  private get kind(): RecordKind {
    return this.objects.resource === "secrets" ? "Secret" : "ConfigMap";
  }

  private placed(object: PartialObjectMetadata, namespace = ""): RevisionRef | undefined {
    const { name, namespace: ns = namespace, labels } = object.metadata;
    return placeRecord(this.kind, name, ns, labels, this.onProblem);
  }

  /**
   * A record read by its name is the revision its name says, whatever its labels: only the status
   * label is taken from them, for the hint when it cannot be read.
   */
  private decode(object: T, at: { name: string; namespace: string; version: number }): Release {
    const ref: RevisionRef = {
      ...at,
      status: statusLabel(object.metadata.labels),
      key: object.metadata.name,
    };
    const release = decodeRecord(this.kind, ref, object.metadata.labels, () =>
      this.format.payloadOf(object),
    );
    if (object.metadata.resourceVersion !== undefined) {
      release.resourceVersion = object.metadata.resourceVersion;
    }
    return release;
  }

  /**
   * A create found the name taken. When the object there is revision N of this release, another
   * client won the race; anything else would refuse every retry, so it is named instead.
   */
  private async whyTaken(release: Release): Promise<Error> {
    const { name, namespace, version } = release;
    const key = storageKey(name, version);
    const lost = new RevisionExistsError(name, namespace, version);
    let object: T;
    try {
      object = await this.objects.get(namespace, key);
    } catch {
      return lost; // gone again, or the server went away: report what is known
    }
    const record = classifyRecord(key, namespace, object.metadata.labels);
    if (record && "ref" in record) return lost;
    const problem = record ? record.stray.problem : "is not labelled owner=helm";
    return new RecordInTheWayError(
      release,
      describeRecord(this.kind, namespace, key),
      problem,
      `kubectl get ${this.kind.toLowerCase()} -n ${namespace} ${key} -o yaml`,
    );
  }
}

function statusLabel(labels: Record<string, string> | undefined): ReleaseStatus {
  return isReleaseStatus(labels?.status) ? labels.status : "unknown";
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
    throw new ReleaseDecodeError("it has no data.release");
  }
  return value;
}
