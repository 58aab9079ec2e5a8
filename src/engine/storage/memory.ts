import { decodeRelease, encodeRelease } from "../release/codec.js";
import type { Release, RevisionRef } from "../release/types.js";
import type {
  ReadPurpose,
  RecordFilter,
  RevisionQuery,
  StorageDriver,
  StoredRevision,
} from "./driver.js";
import { ReleaseNotFoundError, RevisionExistsError } from "./errors.js";
import { customLabels, recordLabels, refFromLabels, storageKey } from "./records.js";

interface MemoryRecord {
  namespace: string;
  objectName: string;
  labels: Record<string, string>;
  payload: string;
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
    this.records.set(id, this.toRecord(release, "create"));
  }

  async update(release: Release): Promise<void> {
    const id = recordId(release.namespace, storageKey(release.name, release.version));
    if (!this.records.has(id)) {
      throw new ReleaseNotFoundError(release.name, release.namespace, release.version);
    }
    this.records.set(id, this.toRecord(release, "update"));
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
  ): { labels: Record<string, string>; payload: string } | undefined {
    const record = this.records.get(recordId(namespace, objectName));
    return record && { labels: { ...record.labels }, payload: record.payload };
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

  private decode(record: MemoryRecord): Release {
    const release = decodeRelease(record.payload);
    release.labels = customLabels(record.labels);
    return release;
  }
}

function recordId(namespace: string, objectName: string): string {
  return `${namespace}/${objectName}`;
}
