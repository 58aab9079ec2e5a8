import { mapConcurrent } from "../engine/mapConcurrent.js";
import type { RevisionRef } from "../engine/release/types.js";
import type { StoredRevision } from "../engine/storage/driver.js";
import { refFromLabels } from "../engine/storage/records.js";
import { WheelhouseError } from "../errors.js";
import type { KubeError } from "../kube/errors.js";
import type { ListWatch, ListWatchHandlers } from "../kube/listWatch.js";
import type { PartialObjectMetadata } from "../kube/types.js";
import type { ReleaseChange, ReleaseRef, ReleaseRow } from "./backend.js";
import { pendingRow, releaseRow } from "./releaseRows.js";

/** Where a feed's records come from. */
export interface FeedSource {
  /** Starts the one list and watch of the release records' metadata. */
  listWatch(handlers: ListWatchHandlers): ListWatch;
  /** One record's payload, decoded (or unreadable); undefined when the record is gone. */
  payload(ref: RevisionRef): Promise<StoredRevision | undefined>;
}

export interface FeedOptions {
  /** Watch events within this long are told as one change (an upgrade writes several records). */
  coalesceMs?: number;
  /** Decoded payloads kept, least recently used dropped first. */
  cacheSize?: number;
}

/** How many payloads are fetched at once. */
const FETCH_CONCURRENCY = 16;

interface StoredRecord {
  ref: RevisionRef;
  resourceVersion: string;
}

const releaseId = (r: { namespace: string; name: string }) => `${r.namespace}/${r.name}`;

/**
 * The release records of one scope as the UI keeps them: one metadata list
 * and one watch (kube/listWatch.ts) applied to an in-memory set, from which
 * rows are built out of labels alone. Payloads, which carry the chart and
 * app version, are fetched and decoded only for the releases on screen,
 * once per stored record: the cache is keyed by the record's name and
 * resourceVersion, so a record that changes is read again and one that does
 * not never is (docs/release-storage.md#the-uis-live-list).
 */
export class ReleaseFeed {
  private readonly records = new Map<string, StoredRecord>();
  /** The latest record of each release, until the records change. */
  private latestRecords: Map<string, StoredRecord> | undefined;
  private readonly decoded = new Map<string, { resourceVersion: string; row: ReleaseRow }>();
  private readonly fetching = new Set<string>();
  private readonly listeners = new Set<(change: ReleaseChange) => void>();
  private shown: ReleaseRef[] = [];
  private synced = false;
  private listError: KubeError | undefined;
  private waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
  private changed: Set<string> | "all" = new Set();
  private flushTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly handle: ListWatch;
  private readonly coalesceMs: number;
  private readonly cacheSize: number;

  constructor(
    private readonly source: FeedSource,
    options: FeedOptions = {},
  ) {
    this.coalesceMs = options.coalesceMs ?? 30;
    this.cacheSize = options.cacheSize ?? 2_000;
    this.handle = source.listWatch({
      onList: (items) => this.replace(items),
      onEvent: (event) => this.apply(event.type, event.object),
      onError: (err, during) => {
        if (during !== "list") return;
        this.listError = err;
        if (!this.synced) this.settle(err);
      },
    });
  }

  /** Resolves once the first list has arrived; rejects when the latest attempt failed. */
  ready(): Promise<void> {
    if (this.synced) return Promise.resolve();
    if (this.stopped) return Promise.reject(stoppedError());
    const waiting = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    // A caller after a failed list is a retry: list now rather than after the backoff.
    if (this.listError) this.handle.retry();
    return waiting;
  }

  /** The latest revision of each release, by name then namespace. */
  rows(): ReleaseRow[] {
    const rows = [...this.latest().values()].map((record) => this.rowOf(record));
    return rows.sort(
      (a, b) => a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace),
    );
  }

  /** How many releases each namespace holds. */
  releasesPerNamespace(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { ref } of this.latest().values()) {
      counts.set(ref.namespace, (counts.get(ref.namespace) ?? 0) + 1);
    }
    return counts;
  }

  subscribe(listener: (change: ReleaseChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  show(releases: ReleaseRef[]): void {
    this.shown = releases;
    void this.fetchShown();
  }

  stop(): void {
    this.stopped = true;
    this.handle.stop();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.listeners.clear();
    if (!this.synced) this.settle(stoppedError());
  }

  private replace(items: PartialObjectMetadata[]): void {
    this.latestRecords = undefined;
    this.records.clear();
    for (const item of items) this.put(item);
    this.synced = true;
    this.listError = undefined;
    this.settle();
    // The first list answers ready(); a relist (after 410 Gone) may have changed anything.
    this.changed = "all";
    this.flush();
  }

  private apply(type: string, object: PartialObjectMetadata): void {
    const key = recordKey(object);
    const before = this.records.get(key);
    if (type === "DELETED") {
      this.latestRecords = undefined;
      this.records.delete(key);
      this.decoded.delete(key);
    } else {
      this.put(object);
    }
    const after = this.records.get(key);
    for (const ref of [before?.ref, after?.ref]) {
      if (ref && this.changed !== "all") this.changed.add(releaseId(ref));
    }
    this.flushTimer ??= setTimeout(() => this.flush(), this.coalesceMs);
  }

  private put(object: PartialObjectMetadata): void {
    this.latestRecords = undefined;
    const key = recordKey(object);
    const { name, namespace = "", labels, resourceVersion = "" } = object.metadata;
    const ref = refFromLabels(name ?? "", namespace, labels);
    if (ref) this.records.set(key, { ref, resourceVersion });
    else this.records.delete(key);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const changed = this.changed;
    this.changed = new Set();
    if (changed !== "all" && changed.size === 0) return;
    const releases =
      changed === "all"
        ? undefined
        : [...changed].map((id) => {
            const at = id.indexOf("/");
            return { namespace: id.slice(0, at), name: id.slice(at + 1) };
          });
    this.tell({ kind: "records", ...(releases ? { releases } : {}) });
    void this.fetchShown();
  }

  /** Reads the payloads of the shown releases' latest records that are not decoded yet. */
  private async fetchShown(): Promise<void> {
    if (!this.synced || this.stopped) return;
    const latest = this.latest();
    const wanted: StoredRecord[] = [];
    for (const release of this.shown) {
      const record = latest.get(releaseId(release));
      if (!record) continue;
      const key = `${record.ref.namespace}/${record.ref.key}`;
      if (this.cached(key, record.resourceVersion) || this.fetching.has(key)) continue;
      this.fetching.add(key);
      wanted.push(record);
    }
    if (wanted.length === 0) return;
    const results = await mapConcurrent(wanted, FETCH_CONCURRENCY, async (record) => {
      try {
        return await this.source.payload(record.ref);
      } catch {
        return undefined; // unreachable for now: the row stays pending and is asked for again
      } finally {
        this.fetching.delete(`${record.ref.namespace}/${record.ref.key}`);
      }
    });
    if (this.stopped) return;
    let arrived = 0;
    wanted.forEach((record, i) => {
      const stored = results[i];
      const key = `${record.ref.namespace}/${record.ref.key}`;
      if (!stored || !this.records.has(key)) return;
      this.decoded.set(key, {
        resourceVersion: record.resourceVersion,
        row: { ...releaseRow(stored), status: record.ref.status },
      });
      arrived++;
    });
    while (this.decoded.size > this.cacheSize) {
      this.decoded.delete(this.decoded.keys().next().value!);
    }
    if (arrived > 0) this.tell({ kind: "details" });
  }

  private cached(key: string, resourceVersion: string): ReleaseRow | undefined {
    const hit = this.decoded.get(key);
    if (!hit || hit.resourceVersion !== resourceVersion) return undefined;
    // Most recently used last, so that the oldest are dropped first.
    this.decoded.delete(key);
    this.decoded.set(key, hit);
    return hit.row;
  }

  private rowOf(record: StoredRecord): ReleaseRow {
    const hit = this.decoded.get(`${record.ref.namespace}/${record.ref.key}`);
    if (hit && hit.resourceVersion === record.resourceVersion) return hit.row;
    return pendingRow(record.ref);
  }

  private latest(): Map<string, StoredRecord> {
    if (this.latestRecords) return this.latestRecords;
    const latest = new Map<string, StoredRecord>();
    for (const record of this.records.values()) {
      const id = releaseId(record.ref);
      const seen = latest.get(id);
      if (!seen || record.ref.version > seen.ref.version) latest.set(id, record);
    }
    this.latestRecords = latest;
    return latest;
  }

  private tell(change: ReleaseChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }

  private settle(err?: unknown): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      if (err) w.reject(err);
      else w.resolve();
    }
  }
}

function recordKey(object: PartialObjectMetadata): string {
  return `${object.metadata.namespace ?? ""}/${object.metadata.name ?? ""}`;
}

function stoppedError(): WheelhouseError {
  return new WheelhouseError("ui", "the release list was closed");
}
