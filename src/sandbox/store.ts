/** In-memory object store with one global resourceVersion counter and an event history. */
import type { KObject, StoreEvent } from "./types.js";

const HISTORY = 10_000;

export class Store {
  private readonly buckets = new Map<string, Map<string, KObject>>();
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

  private bucket(key: string): Map<string, KObject> {
    let b = this.buckets.get(key);
    if (b === undefined) {
      b = new Map();
      this.buckets.set(key, b);
    }
    return b;
  }

  static id(namespace: string | undefined, name: string): string {
    return `${namespace ?? ""}/${name}`;
  }

  get(key: string, namespace: string | undefined, name: string): KObject | undefined {
    return this.buckets.get(key)?.get(Store.id(namespace, name));
  }

  /** Objects of one kind, optionally in one namespace, sorted by namespace then name. */
  list(key: string, namespace?: string): KObject[] {
    const b = this.buckets.get(key);
    if (b === undefined) return [];
    const out: KObject[] = [];
    for (const [id, obj] of b) {
      if (namespace !== undefined && !id.startsWith(`${namespace}/`)) continue;
      out.push(obj);
    }
    return out.sort((a, c) => {
      const ka = Store.id(a.metadata.namespace, a.metadata.name ?? "");
      const kc = Store.id(c.metadata.namespace, c.metadata.name ?? "");
      return ka < kc ? -1 : ka > kc ? 1 : 0;
    });
  }

  keys(): string[] {
    return [...this.buckets.keys()];
  }

  /** Stores an object whose resourceVersion the caller already set from nextRv(). */
  put(key: string, obj: KObject, type: "ADDED" | "MODIFIED", previous?: KObject): void {
    this.bucket(key).set(Store.id(obj.metadata.namespace, obj.metadata.name ?? ""), obj);
    this.emit({ type, key, object: obj, previous, rv: Number(obj.metadata.resourceVersion) });
  }

  remove(key: string, namespace: string | undefined, name: string): KObject | undefined {
    const b = this.buckets.get(key);
    const id = Store.id(namespace, name);
    const obj = b?.get(id);
    if (b === undefined || obj === undefined) return undefined;
    b.delete(id);
    const rv = this.nextRv();
    const gone: KObject = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
    this.emit({ type: "DELETED", key, object: gone, rv });
    return gone;
  }

  /** Loads an object from a state file without emitting events. */
  /** Sets the counter after loading a state file; watches start from there. */
  resetCounter(rv: number): void {
    this.rv = rv;
    this.historyStart = rv;
  }

  load(key: string, obj: KObject): void {
    this.bucket(key).set(Store.id(obj.metadata.namespace, obj.metadata.name ?? ""), obj);
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
    for (const [key, b] of this.buckets) for (const object of b.values()) out.push({ key, object });
    return out;
  }
}
