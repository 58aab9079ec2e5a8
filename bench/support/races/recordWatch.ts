/**
 * Every state each release record passed through during a trial, from a watch on the suite's
 * namespace: a revision that was written and deleted between two reads is still seen, so "no
 * revision lost" does not depend on when the suite looked.
 */
import type { Secret, WatchEvent } from "../../../src/kube/types.js";
import type { RaceCluster } from "./cluster.js";

export interface SeenRevision {
  /** Statuses in the order the watch saw them, "deleted" where the record was deleted. */
  statuses: string[];
}

const SENTINEL = "race-suite-sync";
const COUNTER = "race-suite/sync";

export class RecordWatch {
  private readonly seen = new Map<string, Map<number, SeenRevision>>();
  private synced = 0;
  private waiting: { n: number; done: () => void } | undefined;
  private stopWatch: (() => void) | undefined;

  private constructor(private readonly rc: RaceCluster) {}

  static async start(rc: RaceCluster): Promise<RecordWatch> {
    const w = new RecordWatch(rc);
    await new Promise<void>((connected) => {
      w.stopWatch = rc.secrets.watch(rc.namespace, undefined, (e) => w.onEvent(e), {
        onConnect: connected,
        minDelayMs: 50,
      });
    });
    await w.sync();
    return w;
  }

  /** What the watch saw of one release's records: version → its statuses. */
  revisions(release: string): Map<number, SeenRevision> {
    return this.seen.get(release) ?? new Map();
  }

  /**
   * Returns once the watch has delivered every event up to now: it writes a sentinel Secret and
   * waits for that write to come back (a watch delivers in order).
   */
  async sync(): Promise<void> {
    const n = ++this.synced;
    const arrived = new Promise<void>((done) => (this.waiting = { n, done }));
    const sentinel: Secret = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: SENTINEL,
        namespace: this.rc.namespace,
        annotations: { [COUNTER]: `${n}` },
      },
    };
    try {
      await this.rc.secrets.update(sentinel);
    } catch {
      await this.rc.secrets.create(sentinel);
    }
    const timeout = new Promise<void>((_, fail) =>
      setTimeout(() => fail(new Error("the record watch fell 10 s behind")), 10_000).unref(),
    );
    await Promise.race([arrived, timeout]);
  }

  /** Ends the watch and deletes the sentinel. */
  async stop(): Promise<void> {
    this.stopWatch?.();
    await this.rc.secrets.delete(this.rc.namespace, SENTINEL);
  }

  private onEvent(event: WatchEvent<Secret>): void {
    const meta = event.object.metadata;
    if (meta.name === SENTINEL) {
      const n = Number(meta.annotations?.[COUNTER]);
      if (this.waiting !== undefined && n >= this.waiting.n) this.waiting.done();
      return;
    }
    const labels = meta.labels ?? {};
    if (labels.owner !== "helm" || labels.name === undefined) return;
    const version = Number(labels.version);
    let release = this.seen.get(labels.name);
    if (release === undefined) this.seen.set(labels.name, (release = new Map()));
    let rev = release.get(version);
    if (rev === undefined) release.set(version, (rev = { statuses: [] }));
    const status = event.type === "DELETED" ? "deleted" : labels.status;
    if (status !== undefined && rev.statuses.at(-1) !== status) rev.statuses.push(status);
  }

  /** Drops what was seen of a release (after its trial). */
  forget(release: string): void {
    this.seen.delete(release);
  }
}
