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
} from "./driver.js";
import {
  RecordChangedError,
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
  /** Bumped on every write, as a resourceVersion. */
  writes?: number;
}

/**
 * Release storage in process memory. Records are kept encoded, exactly as
 * the Secret driver would store them, so tests exercise the codec and can
 * plant corrupt payloads.
 */
export class MemoryDriver implements StorageDriver {
  readonly name = "memory" as const;
  private readonly records = new Map<string, MemoryRecord>();

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
      return [readRecord("record", ref, r.labels, () => r.payload)];
    });
  }

  async get(namespace: string, name: string, version: number): Promise<Release> {
    const record = this.records.get(recordId(namespace, storageKey(name, version)));
    if (!record) throw new ReleaseNotFoundError(name, namespace, version);
    const status = isReleaseStatus(record.labels.status) ? record.labels.status : "unknown";
    const ref = { name, namespace, version, status, key: record.objectName };
    return decodeRecord("record", ref, record.labels, () => record.payload);
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
    this.records.set(recordId(release.namespace, key), this.toRecord(release, "create"));
  }

  async update(release: Release): Promise<void> {
    const id = recordId(release.namespace, storageKey(release.name, release.version));
    const before = this.records.get(id);
    if (!before) throw new ReleaseNotFoundError(release.name, release.namespace, release.version);
    this.records.set(id, { ...this.toRecord(release, "update"), writes: (before.writes ?? 0) + 1 });
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
      resourceVersion: String(record.writes ?? 0),
    };
  }

  async relabel(seen: RecordFacts, status: ReleaseStatus, note: string): Promise<void> {
    const id = recordId(seen.namespace, seen.key);
    const record = this.records.get(id);
    const described = describeRecord("record", seen.namespace, seen.key);
    if (!record) throw new RecordChangedError(described, "was deleted");
    if (String(record.writes ?? 0) !== seen.resourceVersion) {
      throw new RecordChangedError(described, "changed");
    }
    const modifiedAt = String(Math.floor(this.clock().getTime() / 1000));
    this.records.set(id, {
      ...record,
      labels: { ...record.labels, status, modifiedAt },
      annotations: { ...record.annotations, [RELABELLED_ANNOTATION]: note },
      writes: (record.writes ?? 0) + 1,
    });
  }

  async delete(namespace: string, name: string, version: number): Promise<void> {
    this.records.delete(recordId(namespace, storageKey(name, version)));
  }

  /** Stores a record as given, for tests that need corrupt or foreign records. */
  putRaw(
    namespace: string,
    objectName: string,
    labels: Record<string, string>,
    payload: string,
  ): void {
    this.records.set(recordId(namespace, objectName), { namespace, objectName, labels, payload });
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
    };
  }

  private placed(r: MemoryRecord): RevisionRef | undefined {
    return placeRecord("record", r.objectName, r.namespace, r.labels, this.onProblem);
  }
}

function recordId(namespace: string, objectName: string): string {
  return `${namespace}/${objectName}`;
}
