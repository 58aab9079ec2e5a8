import { encodeRelease } from "../release/codec.js";
import type { Release, ReleaseStatus, RevisionRef } from "../release/types.js";
import { isReleaseStatus } from "../release/types.js";
import type {
  ReadPurpose,
  RecordFacts,
  RecordFilter,
  RecordProblem,
  RevisionQuery,
  StorageDriver,
  StoredRevision,
  WriteOptions,
} from "./driver.js";
import { isUnreadable } from "./driver.js";
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
  recordLabels,
  storageKey,
} from "./records.js";
import { decodeRecord, placeRecord, readRecord } from "./unreadable.js";

interface MemoryRecord {
  namespace: string;
  objectName: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  payload: string;
  /** Moved on every write that changes something, as an API server's resourceVersion. */
  resourceVersion: string;
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

  onProblem: ((problem: RecordProblem) => void) | undefined;

  async listRefs(query: RevisionQuery): Promise<RevisionRef[]> {
    return this.select(query).flatMap((r) => {
      const ref = this.placed(r);
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
      const ref = this.placed(r);
      if (!ref || (filter && !filter(ref))) return [];
      const read = readRecord("record", ref, r.labels, () => r.payload);
      if (!isUnreadable(read)) read.resourceVersion = r.resourceVersion;
      return [read];
    });
  }

  async get(namespace: string, name: string, version: number): Promise<Release> {
    const record = this.records.get(recordId(namespace, storageKey(name, version)));
    if (!record) throw new ReleaseNotFoundError(name, namespace, version);
    const status = isReleaseStatus(record.labels.status) ? record.labels.status : "unknown";
    const ref = { name, namespace, version, status, key: record.objectName };
    const release = decodeRecord("record", ref, record.labels, () => record.payload);
    release.resourceVersion = record.resourceVersion;
    return release;
  }

  async create(release: Release): Promise<void> {
    const key = storageKey(release.name, release.version);
    const taken = this.records.get(recordId(release.namespace, key));
    if (taken) {
      const found = classifyRecord(key, release.namespace, taken.labels);
      if (found && "ref" in found) {
        throw new RevisionExistsError(release.name, release.namespace, release.version);
      }
      throw new RecordInTheWayError(
        release,
        describeRecord("record", release.namespace, key),
        found ? found.stray.problem : "is not labelled owner=helm",
        "wheelhouse history",
      );
    }
    this.store(recordId(release.namespace, key), release, this.toRecord(release, "create"));
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

  async inspect(namespace: string, name: string, version: number): Promise<RecordFacts> {
    const record = this.records.get(recordId(namespace, storageKey(name, version)));
    if (!record) throw new ReleaseNotFoundError(name, namespace, version);
    return {
      kind: "record",
      namespace,
      key: record.objectName,
      labels: { ...record.labels },
      bytes: Buffer.byteLength(record.payload),
      resourceVersion: record.resourceVersion,
    };
  }

  async relabel(seen: RecordFacts, status: ReleaseStatus, note: string): Promise<void> {
    const id = recordId(seen.namespace, seen.key);
    const record = this.records.get(id);
    const described = describeRecord("record", seen.namespace, seen.key);
    if (!record) throw new RecordChangedError(described, "was deleted");
    if (record.resourceVersion !== seen.resourceVersion) {
      throw new RecordChangedError(described, "changed");
    }
    const modifiedAt = String(Math.floor(this.clock().getTime() / 1000));
    this.records.set(id, {
      ...record,
      labels: { ...record.labels, status, modifiedAt },
      annotations: { ...record.annotations, [RELABELLED_ANNOTATION]: note },
      resourceVersion: String(++this.writes),
    });
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
    | {
        labels: Record<string, string>;
        annotations?: Record<string, string>;
        payload: string;
      }
    | undefined {
    const record = this.records.get(recordId(namespace, objectName));
    return (
      record && {
        labels: { ...record.labels },
        ...(record.annotations ? { annotations: { ...record.annotations } } : {}),
        payload: record.payload,
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

  private placed(r: MemoryRecord): RevisionRef | undefined {
    return placeRecord("record", r.objectName, r.namespace, r.labels, this.onProblem);
  }
}

function recordId(namespace: string, objectName: string): string {
  return `${namespace}/${objectName}`;
}
