/** In-memory object store with one global resourceVersion counter and an event history. */
import { objectId } from "./identity.js";
import type { KObject, StoreEvent } from "./types.js";

const HISTORY = 10_000;

interface Bucket {
  objects: Map<string, KObject>;
  /** Ids in list order, rebuilt only when ids are added or removed. */
  sorted?: string[];
  /** `key=value` label → ids, for equality selectors. */
  labels: Map<string, Set<string>>;
}

/**
 * Serialized forms cached per stored object (stored objects are never mutated; a write stores a
 * new object). `body` is the object's JSON without apiVersion/kind; `meta` its metadata's JSON.
 */
const serialized = new WeakMap<KObject, { body: Buffer; meta: Buffer }>();

function cached(obj: KObject): { body: Buffer; meta: Buffer } {
  let c = serialized.get(obj);
  if (c === undefined) {
    c = {
      body: Buffer.from(JSON.stringify({ ...obj, apiVersion: undefined, kind: undefined })),
      meta: Buffer.from(JSON.stringify(obj.metadata)),
    };
    serialized.set(obj, c);
  }
  return c;
}

/** JSON of a stored object, with apiVersion and kind first when given (as the real server orders them). */
export function objectJson(obj: KObject, apiVersion?: string, kind?: string): Buffer {
  const body = cached(obj).body;
  if (apiVersion === undefined) return body;
  const head = `{"apiVersion":${JSON.stringify(apiVersion)},"kind":${JSON.stringify(kind ?? "")}`;
  return body.length <= 2
    ? Buffer.from(`${head}}`)
    : Buffer.concat([Buffer.from(`${head},`), body.subarray(1)]);
}

/** JSON of the object's metadata. */
export function metadataJson(obj: KObject): Buffer {
  return cached(obj).meta;
}

const partialHeads = new Map<string, Buffer>();
const partialV1 = new WeakMap<KObject, Buffer>();

/** JSON of the object as a PartialObjectMetadata (cached for meta.k8s.io/v1). */
export function partialJson(obj: KObject, version = "v1"): Buffer {
  if (version === "v1") {
    const hit = partialV1.get(obj);
    if (hit !== undefined) return hit;
  }
  let head = partialHeads.get(version);
  if (head === undefined) {
    head = Buffer.from(
      `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/${version}","metadata":`,
    );
    partialHeads.set(version, head);
  }
  const out = Buffer.concat([head, cached(obj).meta, Buffer.from("}")]);
  if (version === "v1") partialV1.set(obj, out);
  return out;
}

const labelKey = (k: string, v: string): string => `${k}=${v}`;

export class Store {
  private readonly buckets = new Map<string, Bucket>();
  private readonly history: StoreEvent[] = [];
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private readonly changeListeners = new Set<() => void>();
  rv = 1;
  /** The oldest resourceVersion a watch can start from. */
  private historyStart = 1;

  nextRv(): number {
    this.rv += 1;
    return this.rv;
  }

  private bucket(key: string): Bucket {
    let b = this.buckets.get(key);
    if (b === undefined) {
      b = { objects: new Map(), labels: new Map() };
      this.buckets.set(key, b);
    }
    return b;
  }

  private set(key: string, obj: KObject): void {
    const b = this.bucket(key);
    const id = objectId(obj.metadata.namespace, obj.metadata.name ?? "");
    const old = b.objects.get(id);
    if (old === undefined) b.sorted = undefined;
    else this.unindex(b, id, old);
    b.objects.set(id, obj);
    for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
      const lk = labelKey(k, v);
      let ids = b.labels.get(lk);
      if (ids === undefined) {
        ids = new Set();
        b.labels.set(lk, ids);
      }
      ids.add(id);
    }
    partialJson(obj);
  }

  private unindex(b: Bucket, id: string, obj: KObject): void {
    for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
      const lk = labelKey(k, v);
      const ids = b.labels.get(lk);
      ids?.delete(id);
      if (ids?.size === 0) b.labels.delete(lk);
    }
  }

  get(key: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.buckets.get(key)?.objects.get(objectId(namespace, name));
  }

  /**
   * Objects of one kind, optionally in one namespace and filtered, sorted by namespace then name.
   * `labelsEqual` (label pairs every result must carry) narrows the scan through the label index.
   */
  list(
    key: string,
    namespace?: string,
    keep?: (o: KObject) => boolean,
    labelsEqual: Array<[string, string]> = [],
  ): KObject[] {
    const b = this.buckets.get(key);
    if (b === undefined) return [];
    let smallest: Set<string> | undefined;
    for (const [k, v] of labelsEqual) {
      const set = b.labels.get(labelKey(k, v));
      if (set === undefined) return [];
      if (smallest === undefined || set.size < smallest.size) smallest = set;
    }
    let ids: string[];
    if (smallest !== undefined && smallest.size < b.objects.size / 4) ids = [...smallest].sort();
    else {
      b.sorted ??= [...b.objects.keys()].sort();
      ids = b.sorted;
    }
    const prefix = namespace === undefined ? undefined : `${namespace}/`;
    const out: KObject[] = [];
    for (const id of ids) {
      if (prefix !== undefined && !id.startsWith(prefix)) continue;
      const obj = b.objects.get(id);
      if (obj !== undefined && (keep === undefined || keep(obj))) out.push(obj);
    }
    return out;
  }

  /**
   * How many objects of one kind (and their full JSON bytes) lie in scope, in list order, after id
   * `after` and up to and including id `through`: what etcd reads for a list or one of its pages.
   */
  scan(
    key: string,
    namespace?: string,
    after?: string,
    through?: string,
  ): { objects: number; bytes: number } {
    const b = this.buckets.get(key);
    if (b === undefined) return { objects: 0, bytes: 0 };
    b.sorted ??= [...b.objects.keys()].sort();
    const prefix = namespace === undefined ? "" : `${namespace}/`;
    let objects = 0;
    let bytes = 0;
    for (const id of b.sorted) {
      if (!id.startsWith(prefix) || (after !== undefined && id <= after)) continue;
      if (through !== undefined && id > through) break;
      const obj = b.objects.get(id);
      if (obj === undefined) continue;
      objects += 1;
      bytes += cached(obj).body.length;
    }
    return { objects, bytes };
  }

  /** Objects of one kind, all namespaces. */
  count(key: string): number {
    return this.buckets.get(key)?.objects.size ?? 0;
  }

  keys(): string[] {
    return [...this.buckets.keys()];
  }

  /** Stores an object whose resourceVersion the caller already set from nextRv(). */
  put(key: string, obj: KObject, type: "ADDED" | "MODIFIED", previous?: KObject): void {
    this.set(key, obj);
    this.emit({ type, key, object: obj, previous, rv: Number(obj.metadata.resourceVersion) });
  }

  remove(key: string, namespace: string | undefined, name: string): KObject | undefined {
    const b = this.buckets.get(key);
    const id = objectId(namespace, name);
    const obj = b?.objects.get(id);
    if (b === undefined || obj === undefined) return undefined;
    b.objects.delete(id);
    this.unindex(b, id, obj);
    b.sorted = undefined;
    const rv = this.nextRv();
    const gone: KObject = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
    this.emit({ type: "DELETED", key, object: gone, rv });
    return gone;
  }

  /** Sets the counter after loading a state file; watches start from there. */
  resetCounter(rv: number): void {
    this.rv = rv;
    this.historyStart = rv;
  }

  /** Loads an object from a state file without emitting events. */
  load(key: string, obj: KObject): void {
    this.set(key, obj);
  }

  /** Drops an object while loading a state file (a journaled delete), without emitting events. */
  unload(key: string, namespace: string | undefined, name: string): void {
    const b = this.buckets.get(key);
    const id = objectId(namespace, name);
    const obj = b?.objects.get(id);
    if (b === undefined || obj === undefined) return;
    b.objects.delete(id);
    this.unindex(b, id, obj);
    b.sorted = undefined;
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    if (this.history.length > HISTORY) {
      const dropped = this.history.splice(0, this.history.length - HISTORY);
      this.historyStart = dropped[dropped.length - 1]?.rv ?? this.historyStart;
    }
    for (const l of this.listeners) l(e);
    for (const l of this.changeListeners) l();
  }

  /**
   * Forgets the event history, as etcd's compaction does: a watch from an
   * older resourceVersion is then answered 410 Gone.
   */
  compact(): void {
    this.history.length = 0;
    this.historyStart = this.rv;
  }

  /** Events after `rv`, or undefined when the history no longer reaches back that far. */
  since(rv: number): StoreEvent[] | undefined {
    if (rv >= this.rv) return [];
    if (rv < this.historyStart) return undefined;
    return this.history.filter((e) => e.rv > rv);
  }

  subscribe(listener: (e: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  snapshot(): Array<{ key: string; object: KObject }> {
    const out: Array<{ key: string; object: KObject }> = [];
    for (const [key, b] of this.buckets)
      for (const object of b.objects.values()) out.push({ key, object });
    return out;
  }
}
