/**
 * Read-your-writes for reads served from the API server's watch cache
 * (docs/release-storage.md#reads-by-purpose).
 *
 * A cached read (`resourceVersion=0`) may come from a cache that is behind etcd. Measured on
 * kube-apiserver 1.19 under load: a list issued right after an update missed it 77 times in 400,
 * and the cache took up to 163 ms to catch up. So once this client has written an object of a
 * resource, its cached reads of that resource ask for a state not older than the write
 * (`resourceVersionMatch=NotOlderThan`, or `resourceVersion=<rv>` on a get), which the cache
 * serves as soon as it has seen the write. Only the resource's own writes may set the floor: a
 * 1.19 watch cache advances only on events of its own resource, so a floor taken from any other
 * write (or from a consistent list's resourceVersion) can be one it never reaches — it then
 * blocks three seconds and answers 504 "Too large resource version". A DELETE answers with no
 * resourceVersion on 1.19, so after one the resource's cached reads go to etcd for a while.
 */

/** How long after a delete cached reads stay consistent, and how long a carried-over floor lasts. */
export const FLOOR_WINDOW_MS = 10_000;

/** One resource's floor, as carried from one process to the next. */
export interface FloorEntry {
  resource: string;
  /** The newest resourceVersion this client wrote. */
  resourceVersion?: string;
  /** Until when (epoch ms) cached reads are to be consistent reads instead. */
  consistentUntil?: number;
  /** When the floor last moved (epoch ms). */
  at: number;
}

/** Query parameters for a cached read, or undefined when the read must be consistent. */
export type CachedReadQuery = Record<string, string> | undefined;

export class ReadFloor {
  private readonly floors = new Map<string, FloorEntry>();
  /** Deletes finished so far, by resource: a write that overlapped none outdates them all. */
  private readonly deletes = new Map<string, number>();
  /** True once this process moved a floor: it is worth carrying to the next one. */
  changed = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** The parameters a cached list or get of `resource` is asked with; undefined: read etcd. */
  cachedQuery(resource: string, verb: "list" | "get"): CachedReadQuery {
    const floor = this.floors.get(resource);
    if (floor?.consistentUntil !== undefined && floor.consistentUntil > this.now()) {
      return undefined;
    }
    const resourceVersion = floor?.resourceVersion;
    if (resourceVersion === undefined) return { resourceVersion: "0" };
    // A get has no resourceVersionMatch: a non-zero resourceVersion already means "not older".
    return verb === "get"
      ? { resourceVersion }
      : { resourceVersion, resourceVersionMatch: "NotOlderThan" };
  }

  /** A write of `resource` is about to be sent; pass the token to `wrote`. */
  writing(resource: string): number {
    return this.deletes.get(resource) ?? 0;
  }

  /**
   * This client created or replaced an object of `resource`, answered at `resourceVersion`. A
   * write that began after every earlier delete had finished is newer than all of them, so its
   * floor covers them and cached reads need not go to etcd any more.
   */
  wrote(resource: string, resourceVersion: string | undefined, token?: number): void {
    if (resourceVersion === undefined || resourceVersion === "") {
      this.deleted(resource); // nothing to wait for: read etcd for a while
      return;
    }
    const { consistentUntil, ...floor }: Partial<FloorEntry> = this.floors.get(resource) ?? {};
    const newest =
      floor.resourceVersion === undefined
        ? resourceVersion
        : newer(floor.resourceVersion, resourceVersion);
    const coversDeletes = token !== undefined && token === this.writing(resource);
    this.set({
      ...floor,
      resource,
      ...(consistentUntil !== undefined && !coversDeletes ? { consistentUntil } : {}),
      resourceVersion: newest,
      at: this.now(),
    });
  }

  /** This client deleted an object of `resource`. */
  deleted(resource: string): void {
    this.deletes.set(resource, this.writing(resource) + 1);
    const floor = this.floors.get(resource);
    const at = this.now();
    this.set({ ...floor, resource, consistentUntil: at + FLOOR_WINDOW_MS, at });
  }

  /**
   * The server's cache never reached the floor (it answered "Too large resource version"): the
   * floor came from another server, or from etcd before a restore. Forget it.
   */
  refused(resource: string): void {
    const floor = this.floors.get(resource);
    if (!floor) return;
    const { resourceVersion: _dropped, ...rest } = floor;
    this.set(rest);
  }

  /** The floors, to carry to the next process. */
  entries(): FloorEntry[] {
    return [...this.floors.values()].map((f) => ({ ...f }));
  }

  /** Takes floors a previous process left; ones older than FLOOR_WINDOW_MS are dropped. */
  restore(entries: unknown): void {
    if (!Array.isArray(entries)) return;
    const oldest = this.now() - FLOOR_WINDOW_MS;
    for (const e of entries as Partial<FloorEntry>[]) {
      if (typeof e?.resource !== "string" || typeof e.at !== "number" || e.at < oldest) continue;
      if (this.floors.has(e.resource)) continue; // this process's own floor is newer
      this.floors.set(e.resource, {
        resource: e.resource,
        at: e.at,
        ...(typeof e.resourceVersion === "string" && /^\d+$/.test(e.resourceVersion)
          ? { resourceVersion: e.resourceVersion }
          : {}),
        ...(typeof e.consistentUntil === "number" ? { consistentUntil: e.consistentUntil } : {}),
      });
    }
  }

  private set(floor: FloorEntry): void {
    this.floors.set(floor.resource, floor);
    this.changed = true;
  }
}

/**
 * The later of two resourceVersions. They are opaque to clients, but every API server backed by
 * etcd hands out etcd revisions, which its watch cache itself parses as integers; when either is
 * not one, the one written last wins.
 */
function newer(a: string, b: string): string {
  if (!/^\d+$/.test(a) || !/^\d+$/.test(b)) return b;
  return BigInt(a) > BigInt(b) ? a : b;
}
