import { decodeRelease, encodeRelease } from "../release/codec.js";
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
import { customLabels, recordLabels, refFromLabels, storageKey } from "./records.js";

interface MemoryRecord {
  namespace: string;
  objectName: string;
  labels: Record<string, string>;
  payload: string;
  /** Bumped on every write, as an API server's resourceVersion. */
  resourceVersion: string;
  annotations?: Record<string, string>;
}

/**
 * Release storage in process memory. Records are kept encoded, exactly as
 * the Secret driver would store them, so tests exercise the codec and can
 * plant corrupt payloads.
 */
export class MemoryDriver implements StorageDriver {
  readonly name = "memory" as const;
  private readonly records = new Map<string, MemoryRecord>();
  private writes = 0;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async listRefs(query: RevisionQuery): Promise<RevisionRef[]> {
    return this.select(query).flatMap((r) => {
      const ref = refFromLabels(r.objectName, r.namespace, r.labels);
      return ref ? [ref] : [];
    });
  }

  async query(
    query: RevisionQuery,
    _purpose?: ReadPurpose,
    keep?: RecordFilter | Promise<RecordFilter>,
  ): Promise<StoredRevision[]> {
    const filter = await keep;
    return this.select(query).flatMap((r): StoredRevision[] => {
      const ref = refFromLabels(r.objectName, r.namespace, r.labels);
      if (!ref || (filter && !filter(ref))) return [];
      try {
        return [this.decode(r)];
      } catch (err) {
        return [{ ...ref, unreadable: (err as Error).message }];
      }
    });
  }

  async get(namespace: string, name: string, version: number): Promise<Release> {
    const record = this.records.get(recordId(namespace, storageKey(name, version)));
    if (!record) throw new ReleaseNotFoundError(name, namespace, version);
    return this.decode(record);
  }

  async create(release: Release): Promise<void> {
    const id = recordId(release.namespace, storageKey(release.name, release.version));
    if (this.records.has(id)) {
      throw new RevisionExistsError(release.name, release.namespace, release.version);
    }
    this.store(id, release, this.toRecord(release, "create"));
  }

  async update(release: Release, options: WriteOptions = {}): Promise<void> {
    const id = recordId(release.namespace, storageKey(release.name, release.version));
    const current = this.records.get(id);
    if (!current) {
      throw new ReleaseNotFoundError(release.name, release.namespace, release.version);
    }
    if (options.ifVersion !== undefined && options.ifVersion !== current.resourceVersion) {
      throw new RecordConflictError(release.name, release.namespace, release.version);
    }
    const next = this.toRecord(release, "update");
    if (options.annotations) next.annotations = { ...options.annotations };
    // As an API server: a write that changes nothing keeps the resourceVersion.
    const same =
      next.payload === current.payload &&
      JSON.stringify(next.labels) === JSON.stringify(current.labels) &&
      JSON.stringify(next.annotations) === JSON.stringify(current.annotations);
    if (same) next.resourceVersion = current.resourceVersion;
    this.store(id, release, next);
  }

  async delete(
    namespace: string,
    name: string,
    version: number,
    options: Pick<WriteOptions, "ifVersion"> = {},
  ): Promise<void> {
    const id = recordId(namespace, storageKey(name, version));
    const current = this.records.get(id);
    if (
      current &&
      options.ifVersion !== undefined &&
      options.ifVersion !== current.resourceVersion
    ) {
      throw new RecordConflictError(name, namespace, version);
    }
    this.records.delete(id);
  }

  /** Stores a record as given, for tests that need corrupt or foreign records. */
  putRaw(
    namespace: string,
    objectName: string,
    labels: Record<string, string>,
    payload: string,
  ): void {
    this.records.set(recordId(namespace, objectName), {
      namespace,
      objectName,
      labels,
      payload,
      resourceVersion: String(++this.writes),
    });
  }

  /** A record as stored (labels and encoded payload), for tests that check the format. */
  getRaw(
    namespace: string,
    objectName: string,
  ):
    | { labels: Record<string, string>; payload: string; annotations?: Record<string, string> }
    | undefined {
    const record = this.records.get(recordId(namespace, objectName));
    return (
      record && {
        labels: { ...record.labels },
        payload: record.payload,
        ...(record.annotations ? { annotations: { ...record.annotations } } : {}),
      }
    );
  }

  private select(query: RevisionQuery): MemoryRecord[] {
    return [...this.records.values()].filter(
      (r) =>
        r.labels.owner === "helm" &&
        (query.namespace === undefined || r.namespace === query.namespace) &&
        (query.name === undefined || r.labels.name === query.name) &&
        (query.status === undefined || r.labels.status === query.status),
    );
  }

  private toRecord(release: Release, operation: "create" | "update"): MemoryRecord {
    return {
      namespace: release.namespace,
      objectName: storageKey(release.name, release.version),
      labels: recordLabels(release, operation, this.clock()),
      payload: encodeRelease(release),
      resourceVersion: String(++this.writes),
    };
  }

  private store(id: string, release: Release, record: MemoryRecord): void {
    this.records.set(id, record);
    release.resourceVersion = record.resourceVersion;
  }

  private decode(record: MemoryRecord): Release {
    const release = decodeRelease(record.payload);
    release.labels = customLabels(record.labels);
    release.resourceVersion = record.resourceVersion;
    return release;
  }
}

function recordId(namespace: string, objectName: string): string {
  return `${namespace}/${objectName}`;
}
