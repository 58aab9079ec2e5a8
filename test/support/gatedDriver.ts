import type { Release, ReleaseStatus, RevisionRef } from "../../src/engine/release/types.js";
import type {
  ReadPurpose,
  RecordFacts,
  RecordFilter,
  RecordProblem,
  RevisionQuery,
  StorageDriver,
  StoredRevision,
  WriteOptions,
} from "../../src/engine/storage/driver.js";

/** One call a client makes to its storage driver, as a gate sees it. */
export interface DriverCall {
  op: "listRefs" | "query" | "get" | "create" | "update" | "delete" | "inspect" | "relabel";
  /** The revision read, written or deleted (none for lists). */
  version?: number;
  /** The status written (create, update) or listed (listRefs, query). */
  status?: string;
}

/** A point where one client of a race stops until the test lets it go on. */
export interface Gate {
  /** Resolves once the client has arrived at the gate and is held there. */
  readonly reached: Promise<void>;
  /** Lets the held client go on. */
  open(): void;
}

interface PendingGate {
  when: (call: DriverCall) => boolean;
  after: boolean;
  arrive: () => void;
  opened: Promise<void>;
}

/**
 * One client's view of a shared store: every call goes through to `inner`, and a test can hold
 * the client at a chosen call — before it reaches the store, or after it took effect — to play
 * a race in one exact interleaving instead of hoping latency produces it.
 */
export class GatedDriver implements StorageDriver {
  readonly name: StorageDriver["name"];
  private gates: PendingGate[] = [];

  constructor(private readonly inner: StorageDriver) {
    this.name = inner.name;
  }

  get onProblem(): StorageDriver["onProblem"] {
    return this.inner.onProblem;
  }

  set onProblem(report: ((problem: RecordProblem) => void) | undefined) {
    this.inner.onProblem = report;
  }

  /** Holds the first call matching `when` (after it took effect with `after`) until opened. */
  hold(when: (call: DriverCall) => boolean, { after = false } = {}): Gate {
    let arrive!: () => void;
    let open!: () => void;
    const reached = new Promise<void>((resolve) => (arrive = resolve));
    const opened = new Promise<void>((resolve) => (open = resolve));
    this.gates.push({ when, after, arrive, opened });
    return { reached, open };
  }

  listRefs(query: RevisionQuery, purpose?: ReadPurpose): Promise<RevisionRef[]> {
    return this.pass({ op: "listRefs", ...listed(query) }, () =>
      this.inner.listRefs(query, purpose),
    );
  }

  query(
    query: RevisionQuery,
    purpose?: ReadPurpose,
    keep?: RecordFilter | Promise<RecordFilter>,
  ): Promise<StoredRevision[]> {
    return this.pass({ op: "query", ...listed(query) }, () =>
      this.inner.query(query, purpose, keep),
    );
  }

  get(namespace: string, name: string, version: number, purpose?: ReadPurpose): Promise<Release> {
    return this.pass({ op: "get", version }, () =>
      this.inner.get(namespace, name, version, purpose),
    );
  }

  create(release: Release): Promise<void> {
    const call = { op: "create", version: release.version, status: release.info.status } as const;
    return this.pass(call, () => this.inner.create(release));
  }

  update(release: Release, options?: WriteOptions): Promise<void> {
    const call = { op: "update", version: release.version, status: release.info.status } as const;
    return this.pass(call, () => this.inner.update(release, options));
  }

  inspect(namespace: string, name: string, version: number): Promise<RecordFacts> {
    return this.pass({ op: "inspect", version }, () =>
      this.inner.inspect(namespace, name, version),
    );
  }

  relabel(seen: RecordFacts, status: ReleaseStatus, note: string): Promise<void> {
    return this.pass({ op: "relabel", status }, () => this.inner.relabel(seen, status, note));
  }

  delete(
    namespace: string,
    name: string,
    version: number,
    options?: Pick<WriteOptions, "ifVersion">,
  ): Promise<void> {
    return this.pass({ op: "delete", version }, () =>
      this.inner.delete(namespace, name, version, options),
    );
  }

  private async pass<T>(call: DriverCall, run: () => Promise<T>): Promise<T> {
    await this.wait(call, false);
    const result = await run();
    await this.wait(call, true);
    return result;
  }

  private async wait(call: DriverCall, after: boolean): Promise<void> {
    // Every gate sees every call, so counting predicates (nth) count them all.
    const gate = this.gates.filter((g) => g.after === after && g.when(call))[0];
    if (!gate) return;
    this.gates = this.gates.filter((g) => g !== gate);
    gate.arrive();
    await gate.opened;
  }
}

/** A predicate true on the nth call matching `when` (counting from 1). */
export function nth(n: number, when: (call: DriverCall) => boolean): (call: DriverCall) => boolean {
  let seen = 0;
  return (call) => when(call) && ++seen === n;
}

function listed(query: RevisionQuery): { status?: string } {
  return query.status !== undefined ? { status: query.status } : {};
}
