import { mapConcurrent } from "../mapConcurrent.js";
import type { Release, RevisionRef, UnreadableRevision } from "../release/types.js";
import type {
  ReadPurpose,
  RecordFilter,
  RevisionQuery,
  StorageDriver,
  StoredRevision,
} from "./driver.js";
import { isUnreadable, recordKindOf } from "./driver.js";
import { ReleaseNotFoundError } from "./errors.js";
import { UnreadableRecordError, problemMessage, unreadableError } from "./unreadable.js";

export interface ReleaseStorageOptions {
  /**
   * Told, once per record, of records with a problem that reads meet (a missing version label, a
   * stray): they are reported, never skipped in silence (docs/release-storage.md#records-that-cannot-be-read).
   */
  warn?: (message: string) => void;
}

/** How many payloads list() fetches and decodes at once. */
const DECODE_CONCURRENCY = 16;

/**
 * Helm's storage semantics (pkg/storage) over a driver: history, the latest
 * and the deployed revision, creation with --history-max pruning. Reads are
 * shaped so that a list decodes at most one payload per release
 * (docs/release-storage.md#listing-and-history).
 *
 * Every read takes a ReadPurpose (default "decide": consistent). A browsing read of one named
 * release that finds nothing asks etcd before saying so: the watch cache may not have seen a
 * release another process has just written, and "not found" is the one answer a user acts on.
 */
export class ReleaseStorage {
  /** Payloads decoded by this instance; benchmarks print it. */
  decodedPayloads = 0;

  private readonly reported = new Set<string>();
  private readonly warnSink: ((message: string) => void) | undefined;

  constructor(
    readonly driver: StorageDriver,
    options: ReleaseStorageOptions = {},
  ) {
    const { warn } = options;
    this.warnSink = warn;
    if (warn) {
      driver.onProblem = (problem) => {
        const id = `${problem.kind}/${problem.namespace}/${problem.key}`;
        if (this.reported.has(id)) return;
        this.reported.add(id);
        warn(problemMessage(problem));
      };
    }
  }

  /** Every revision of a release, oldest first. Throws if there is none. */
  async history(
    namespace: string,
    name: string,
    purpose: ReadPurpose = "decide",
  ): Promise<StoredRevision[]> {
    const revisions = await this.named(purpose, (p) => this.driver.query({ namespace, name }, p));
    this.decodedPayloads += revisions.length;
    if (revisions.length === 0) throw new ReleaseNotFoundError(name, namespace);
    return revisions.sort((a, b) => a.version - b.version);
  }

  /** Label-only view of a release's revisions, oldest first. */
  async refs(
    namespace: string,
    name: string,
    purpose: ReadPurpose = "decide",
  ): Promise<RevisionRef[]> {
    const refs = await this.named(purpose, (p) => this.driver.listRefs({ namespace, name }, p));
    return refs.sort((a, b) => a.version - b.version);
  }

  async get(
    namespace: string,
    name: string,
    version: number,
    purpose: ReadPurpose = "decide",
  ): Promise<Release> {
    this.decodedPayloads++;
    try {
      return await this.driver.get(namespace, name, version, purpose);
    } catch (err) {
      if (purpose !== "browse" || !(err instanceof ReleaseNotFoundError)) throw err;
      return this.driver.get(namespace, name, version, "decide");
    }
  }

  /**
   * The highest revision of any status (Helm's `Last`, docs/release-storage.md#upgrade), decoding
   * only that one; undefined when the release has no revisions.
   */
  async latest(
    namespace: string,
    name: string,
    purpose: ReadPurpose = "decide",
  ): Promise<Release | undefined> {
    const refs = await this.refs(namespace, name, purpose);
    const top = refs.at(-1);
    return top ? this.get(namespace, name, top.version, purpose) : undefined;
  }

  /**
   * The highest revision as a write must see it: decoded, or, when its record cannot be read, its
   * labels and the reason — the status label still says whether it holds the lock
   * (docs/release-storage.md#records-that-cannot-be-read). Undefined when there is none.
   */
  async latestStored(
    namespace: string,
    name: string,
    purpose: ReadPurpose = "decide",
  ): Promise<StoredRevision | undefined> {
    const top = (await this.refs(namespace, name, purpose)).at(-1);
    return top ? this.getStored(top, purpose) : undefined;
  }

  /** A revision decoded, or its labels and the reason it cannot be. */
  async getStored(ref: RevisionRef, purpose: ReadPurpose = "decide"): Promise<StoredRevision> {
    try {
      return await this.get(ref.namespace, ref.name, ref.version, purpose);
    } catch (err) {
      if (!(err instanceof UnreadableRecordError)) throw err;
      return { ...ref, unreadable: err.reason, record: err.record };
    }
  }

  /** The release of a stored revision; an unreadable one is an error naming its record. */
  readable(revision: StoredRevision): Release {
    if (!isUnreadable(revision)) return revision;
    throw this.unreadableError(revision);
  }

  /** The error an unreadable revision stands for: release, revision, record and what to do. */
  unreadableError(revision: UnreadableRevision): UnreadableRecordError {
    return unreadableError(recordKindOf(this.driver), revision);
  }

  /**
   * Marks a revision superseded. One whose record cannot be read gets its status label changed
   * alone, its payload kept: it must stop claiming to be deployed, and there is nothing else to
   * rewrite (docs/release-storage.md#records-that-cannot-be-read).
   */
  async supersede(ref: RevisionRef): Promise<void> {
    const stored = await this.getStored(ref);
    if (!isUnreadable(stored)) {
      stored.info.status = "superseded";
      await this.update(stored);
      return;
    }
    const seen = await this.driver.inspect(ref.namespace, ref.name, ref.version);
    await this.driver.relabel(seen, "superseded", "superseded by a later deployed revision");
    this.warn(`${this.unreadableError(stored).message}; it is now labelled superseded`);
  }

  /** Tells the user something about the records that does not stop the command. */
  warn(message: string): void {
    this.warnSink?.(message);
  }

  /**
   * The deployed revision; when several claim it, the highest wins
   * (docs/release-storage.md#upgrade).
   */
  async deployed(
    namespace: string,
    name: string,
    purpose: ReadPurpose = "decide",
  ): Promise<Release | undefined> {
    const refs = await this.driver.listRefs({ namespace, name, status: "deployed" }, purpose);
    const top = refs.sort((a, b) => a.version - b.version).at(-1);
    return top ? this.get(namespace, name, top.version, purpose) : undefined;
  }

  /**
   * The latest revision of every release matching the query: one label-only
   * list, then one payload per release. Unreadable payloads are returned as
   * such so one corrupt record does not hide the rest.
   */
  async listLatest(
    query: Omit<RevisionQuery, "name">,
    purpose: ReadPurpose = "decide",
  ): Promise<StoredRevision[]> {
    const id = (r: { namespace: string; name: string; version: number }) =>
      `${r.namespace}/${r.name}/${r.version}`;
    const wantedRefs = this.driver.listRefs(query, purpose).then(latestPerRelease);
    // Most releases' latest revision is the deployed one: a single list of the
    // deployed records carries those payloads at once, instead of a GET each.
    // It is asked for alongside the labels, not after them (one round trip
    // where there were two), and decodes only what the labels show is some
    // release's latest — never an older revision still labelled deployed (an
    // interrupted supersede): one payload per release at most.
    const keep: Promise<RecordFilter> = wantedRefs.then((wanted) => {
      const ids = new Set(wanted.map(id));
      return (ref) => ids.has(id(ref));
    });
    // A failed deployed list never awaits `keep`; the label list's failure is reported below.
    keep.catch(() => {});
    const deployed = this.driver.query({ ...query, status: "deployed" }, purpose, keep);
    const [wanted, deployedLatest] = await Promise.all([wantedRefs, deployed]);
    const found = new Map<string, StoredRevision>();
    for (const r of deployedLatest) found.set(id(r), r);
    this.decodedPayloads += found.size;
    const rest = wanted.filter((r) => !found.has(id(r)));
    const fetched = await mapConcurrent(rest, DECODE_CONCURRENCY, async (ref) => {
      try {
        return await this.get(ref.namespace, ref.name, ref.version, purpose);
      } catch (err) {
        if (err instanceof ReleaseNotFoundError) return undefined; // deleted since the list
        if (err instanceof UnreadableRecordError) {
          return { ...ref, unreadable: err.reason, record: err.record };
        }
        throw err;
      }
    });
    rest.forEach((ref, i) => {
      const r = fetched[i];
      if (r) found.set(id(ref), r);
    });
    return wanted.flatMap((ref) => {
      const r = found.get(id(ref));
      return r ? [r] : [];
    });
  }

  /**
   * Writes a new revision, create-if-absent, after pruning history to make
   * room (Helm's Storage.Create with MaxHistory, docs/release-storage.md#history-limit): the oldest
   * revisions of any status go first, the latest deployed one never does. historyMax 0 keeps
   * everything.
   */
  async create(release: Release, historyMax = 0): Promise<{ pruned: number[] }> {
    const pruned =
      historyMax > 0 ? await this.prune(release.namespace, release.name, historyMax - 1) : [];
    await this.driver.create(release);
    return { pruned };
  }

  async update(release: Release): Promise<void> {
    await this.driver.update(release);
  }

  async delete(namespace: string, name: string, version: number): Promise<void> {
    await this.driver.delete(namespace, name, version);
  }

  /** A read of one named release; a browsing one that finds nothing is asked again of etcd. */
  private async named<T>(purpose: ReadPurpose, read: (p: ReadPurpose) => Promise<T[]>) {
    const found = await read(purpose);
    return found.length > 0 || purpose !== "browse" ? found : read("decide");
  }

  private async prune(namespace: string, name: string, keep: number): Promise<number[]> {
    const refs = await this.refs(namespace, name);
    if (refs.length <= keep) return [];
    const deployed = refs.filter((r) => r.status === "deployed").at(-1);
    const deletable = refs.filter((r) => r !== deployed);
    const excess = refs.length - keep;
    const victims = deletable.slice(0, excess).map((r) => r.version);
    for (const version of victims) await this.driver.delete(namespace, name, version);
    return victims;
  }
}

/** Each release's highest revision, in the order the releases were first seen. */
function latestPerRelease(refs: RevisionRef[]): RevisionRef[] {
  const latest = new Map<string, RevisionRef>();
  for (const ref of refs) {
    const id = `${ref.namespace}/${ref.name}`;
    const seen = latest.get(id);
    if (!seen || ref.version > seen.version) latest.set(id, ref);
  }
  return [...latest.values()];
}
