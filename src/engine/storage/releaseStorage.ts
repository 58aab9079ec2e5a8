import { mapConcurrent } from "../mapConcurrent.js";
import { validateReleaseName } from "../release/name.js";
import type { Release, ReleaseStatus, RevisionRef, UnreadableRevision } from "../release/types.js";
import type {
  ReadPurpose,
  RecordFilter,
  RevisionQuery,
  StorageDriver,
  StoredRevision,
  WriteOptions,
} from "./driver.js";
import { isUnreadable, recordKindOf } from "./driver.js";
import {
  RecordChangedError,
  RecordConflictError,
  ReleaseNotFoundError,
  RevisionTakenError,
} from "./errors.js";
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
 * How many times a read-modify-write starts over after another client wrote the record in
 * between. Each retry means someone else's write succeeded, so this bounds only a stream of
 * writers, never a lone one.
 */
const MAX_REWRITES = 8;

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
    validateReleaseName(name);
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
    validateReleaseName(name);
    const refs = await this.named(purpose, (p) => this.driver.listRefs({ namespace, name }, p));
    return refs.sort((a, b) => a.version - b.version);
  }

  async get(
    namespace: string,
    name: string,
    version: number,
    purpose: ReadPurpose = "decide",
  ): Promise<Release> {
    validateReleaseName(name);
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
   * only that one; undefined when the release has no revisions. A revision deleted between the
   * list and the read (an uninstall purging, an operation withdrawing the revision it created)
   * is looked for again, so a racing deletion reads as what it is, not as a missing revision.
   */
  async latest(
    namespace: string,
    name: string,
    purpose: ReadPurpose = "decide",
  ): Promise<Release | undefined> {
    return this.highest(namespace, name, purpose, () => this.refs(namespace, name, purpose));
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
    for (let attempt = 1; ; attempt++) {
      const top = (await this.refs(namespace, name, purpose)).at(-1);
      if (!top) return undefined;
      try {
        return await this.getStored(top, purpose);
      } catch (err) {
        // Deleted between the list and the read: look again (see latest()).
        if (!(err instanceof ReleaseNotFoundError) || attempt >= MAX_REWRITES) throw err;
      }
    }
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
   * Marks a revision superseded if it is still deployed, re-read and written under its
   * resourceVersion (docs/release-storage.md#writes-and-the-race-guard): one that another client
   * superseded, or deleted, meanwhile is already as it should be. One whose record cannot be read
   * gets its status label changed alone, its payload kept: it must stop claiming to be deployed,
   * and there is nothing else to rewrite (docs/release-storage.md#records-that-cannot-be-read).
   */
  async supersede(ref: RevisionRef): Promise<void> {
    const { namespace, name, version } = ref;
    for (let attempt = 1; ; attempt++) {
      let unreadable: UnreadableRecordError;
      try {
        await this.modify(namespace, name, version, (old) => {
          if (old.info.status !== "deployed") return false;
          old.info.status = "superseded";
          return true;
        });
        return;
      } catch (err) {
        if (!(err instanceof UnreadableRecordError)) throw err;
        unreadable = err;
      }
      const seen = await this.driver.inspect(namespace, name, version).catch((err: unknown) => {
        if (err instanceof ReleaseNotFoundError) return undefined;
        throw err;
      });
      if (seen?.labels.status !== "deployed") return;
      try {
        await this.driver.relabel(seen, "superseded", "superseded by a later deployed revision");
      } catch (err) {
        if (!(err instanceof RecordChangedError) || attempt >= MAX_REWRITES) throw err;
        continue;
      }
      this.warn(`${unreadable.message}; it is now labelled superseded`);
      return;
    }
  }

  /** Tells the user something about the records that does not stop the command. */
  warn(message: string): void {
    this.warnSink?.(message);
  }

  /**
   * The deployed revision; when several claim it, the highest wins
   * (docs/release-storage.md#upgrade). Looked for again if deleted between list and read.
   */
  async deployed(
    namespace: string,
    name: string,
    purpose: ReadPurpose = "decide",
  ): Promise<Release | undefined> {
    validateReleaseName(name);
    return this.highest(namespace, name, purpose, async () =>
      (await this.driver.listRefs({ namespace, name, status: "deployed" }, purpose)).sort(
        (a, b) => a.version - b.version,
      ),
    );
  }

  /** The highest of the listed revisions, decoded; listed again if it went in between. */
  private async highest(
    namespace: string,
    name: string,
    purpose: ReadPurpose,
    list: () => Promise<RevisionRef[]>,
  ): Promise<Release | undefined> {
    for (let attempt = 1; ; attempt++) {
      const top = (await list()).at(-1);
      if (!top) return undefined;
      try {
        return await this.get(namespace, name, top.version, purpose);
      } catch (err) {
        if (!(err instanceof ReleaseNotFoundError) || attempt >= MAX_REWRITES) throw err;
      }
    }
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
   * Writes a new revision, create-if-absent: of two clients creating the same revision, one
   * gets RevisionExistsError (docs/release-storage.md#writes-and-the-race-guard).
   */
  async create(release: Release): Promise<void> {
    await this.driver.create(release);
  }

  async update(release: Release, options?: WriteOptions): Promise<void> {
    await this.driver.update(release, options);
  }

  async delete(
    namespace: string,
    name: string,
    version: number,
    options?: Pick<WriteOptions, "ifVersion">,
  ): Promise<void> {
    await this.driver.delete(namespace, name, version, options);
  }

  /**
   * Read-modify-write of one record, guarded by its resourceVersion
   * (docs/release-storage.md#writes-and-the-race-guard): reads it (deciding), lets `change` edit
   * it — returning false to leave it as it is, or throwing to stop — and writes it back only if
   * nobody wrote it in between; after a conflict it starts over from a fresh read. Returns the
   * record as written or found, or undefined when it does not exist.
   */
  async modify(
    namespace: string,
    name: string,
    version: number,
    change: (current: Release) => boolean,
    options: Omit<WriteOptions, "ifVersion"> = {},
  ): Promise<Release | undefined> {
    for (let attempt = 1; ; attempt++) {
      let current: Release;
      try {
        current = await this.get(namespace, name, version);
      } catch (err) {
        if (err instanceof ReleaseNotFoundError) return undefined;
        throw err;
      }
      if (!change(current)) return current;
      try {
        await this.driver.update(current, { ...options, ifVersion: current.resourceVersion });
        return current;
      } catch (err) {
        if (err instanceof ReleaseNotFoundError) return undefined;
        if (!(err instanceof RecordConflictError) || attempt >= MAX_REWRITES) throw err;
      }
    }
  }

  /**
   * Writes a revision the caller holds — the one its operation created, or the one its
   * uninstall marked — guarded by the resourceVersion of its last write of it. Another client's
   * write in between is overwritten only if the record still says `heldAs`; if it says anything
   * else (`recover` marked it failed, say), the operation has lost the revision and
   * RevisionTakenError says so rather than overwrite it. A revision never read or written
   * through storage (no resourceVersion) is overwritten, as helm does.
   */
  async writeHeld(release: Release, heldAs: ReleaseStatus): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.driver.update(
          release,
          release.resourceVersion !== undefined ? { ifVersion: release.resourceVersion } : {},
        );
        return;
      } catch (err) {
        if (!(err instanceof RecordConflictError) || attempt >= MAX_REWRITES) throw err;
      }
      const now = await this.get(release.namespace, release.name, release.version);
      if (now.info.status !== heldAs) throw new RevisionTakenError(release, heldAs, now);
      release.resourceVersion = now.resourceVersion;
    }
  }

  /**
   * Marks every deployed revision but `except` superseded (helm's DeployedAll, after an upgrade,
   * rollback or uninstall; docs/release-storage.md#rollback), each as supersede() does.
   */
  async supersedeDeployed(namespace: string, name: string, except: number): Promise<void> {
    const refs = await this.driver.listRefs({ namespace, name, status: "deployed" });
    for (const ref of refs) if (ref.version !== except) await this.supersede(ref);
  }

  /**
   * Deletes the oldest revisions of any status until `historyMax` remain (helm's
   * removeLeastRecent, docs/release-storage.md#history-limit). Called only by an operation that
   * has created revision `created` and holds the release: a client that lost the race to create
   * its revision never gets here, so it never deletes anything. Neither `created` nor any
   * revision labelled deployed is deleted. historyMax 0 keeps everything.
   */
  async prune(
    namespace: string,
    name: string,
    historyMax: number,
    created: number,
  ): Promise<number[]> {
    if (historyMax <= 0) return [];
    const refs = await this.refs(namespace, name);
    const excess = refs.length - historyMax;
    if (excess <= 0) return [];
    const victims = refs
      .filter((r) => r.version !== created && r.status !== "deployed")
      .slice(0, excess)
      .map((r) => r.version);
    for (const version of victims) await this.driver.delete(namespace, name, version);
    return victims;
  }

  /** A read of one named release; a browsing one that finds nothing is asked again of etcd. */
  private async named<T>(purpose: ReadPurpose, read: (p: ReadPurpose) => Promise<T[]>) {
    const found = await read(purpose);
    return found.length > 0 || purpose !== "browse" ? found : read("decide");
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
