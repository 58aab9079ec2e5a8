import type { Release, ReleaseStatus, RevisionRef, UnreadableRevision } from "../release/types.js";

/** Which revisions a query selects. `namespace` undefined means every namespace. */
export interface RevisionQuery {
  namespace?: string;
  name?: string;
  status?: ReleaseStatus;
}

/** A decoded revision, or one that could not be decoded, with the reason. */
export type StoredRevision = Release | UnreadableRevision;

export function isUnreadable(revision: StoredRevision): revision is UnreadableRevision {
  return "unreadable" in revision;
}

/** The storage object kind a driver keeps records in, for messages. */
export type RecordKind = "Secret" | "ConfigMap" | "record";

export function recordKindOf(driver: { name: StorageDriver["name"] }): RecordKind {
  return driver.name === "secret" ? "Secret" : driver.name === "configmap" ? "ConfigMap" : "record";
}

/**
 * A record a driver met that is not quite what helm writes: one used as a revision although a
 * label is wrong, or a stray left out of every history. Reported, never silently skipped
 * (docs/release-storage.md#records-that-cannot-be-read).
 */
export interface RecordProblem {
  kind: RecordKind;
  namespace: string;
  /** The storage object's name. */
  key: string;
  /** The release it belongs to, or is labelled for, when known. */
  release?: string;
  /** The revision it is used as; undefined for a stray, which is left out. */
  version?: number;
  /** e.g. "has no version label". */
  problem: string;
}

/** What can be known of a record without decoding its payload, for `recover` to show. */
export interface RecordFacts {
  kind: RecordKind;
  namespace: string;
  /** The storage object's name. */
  key: string;
  labels: Record<string, string>;
  /** When the server created the object (RFC 3339), if it says. */
  created?: string;
  /** Size of the payload as stored, in bytes. */
  bytes: number;
  /** The object's version, so a change can be refused (resourceVersion). */
  resourceVersion: string;
}

/**
 * Why a record is read, which decides where a cluster driver reads it from
 * (docs/release-storage.md#reads-by-purpose):
 * - `decide`: the answer decides a write — the latest revision before install, upgrade or
 *   rollback, the lock, `recover`, pruning. Read from etcd (a consistent read), as helm does.
 * - `browse`: the answer is shown — list, history, status, get, diffs of stored revisions, the
 *   UI's panes. Read from the API server's watch cache, which may be milliseconds behind, but
 *   never behind this process's own writes.
 * Chosen per read rather than per driver so that one action can do both; a read that does not
 * say is a deciding one, so a forgotten argument costs time, never a wrong write.
 */
export type ReadPurpose = "browse" | "decide";

/** How a write to an existing record is guarded (docs/release-storage.md#writes-and-the-race-guard). */
export interface WriteOptions {
  /**
   * Write only if the record still has this resourceVersion; otherwise throw RecordConflictError.
   * Without it a write overwrites unconditionally, as helm's Update does.
   */
  ifVersion?: string;
  /**
   * Annotations for the storage object (helm writes none and drops them on its next update):
   * the claim that makes an otherwise unchanged record a real write
   * (docs/release-storage.md#claiming-the-latest-revision).
   */
  annotations?: Record<string, string>;
}

/**
 * Where release records live. Mirrors Helm's storage drivers (secrets,
 * configmaps, memory) but separates the cheap label-only listing from
 * decoding, which Helm does not (docs/release-storage.md#listing-and-history).
 */
/** Picks records by their labels. */
export type RecordFilter = (ref: RevisionRef) => boolean;

export interface StorageDriver {
  readonly name: "secret" | "configmap" | "memory";
  /** Told of every record with a problem that a read meets (set by ReleaseStorage). */
  onProblem?: ((problem: RecordProblem) => void) | undefined;
  /** Revisions from labels alone: no payload is transferred or decoded. */
  listRefs(query: RevisionQuery, purpose?: ReadPurpose): Promise<RevisionRef[]>;
  /**
   * Every matching revision decoded; undecodable ones come back as UnreadableRevision.
   * `keep` picks from the labels which records to decode: the rest are skipped undecoded. It may
   * still be on its way (a promise) when the list is asked for, so both can be read at once.
   */
  query(
    query: RevisionQuery,
    purpose?: ReadPurpose,
    keep?: RecordFilter | Promise<RecordFilter>,
  ): Promise<StoredRevision[]>;
  /** One revision; throws ReleaseNotFoundError or UnreadableRecordError. */
  get(namespace: string, name: string, version: number, purpose?: ReadPurpose): Promise<Release>;
  /**
   * Creates the record only if absent; throws RevisionExistsError when another client created
   * that revision, RecordInTheWayError when the object there is not a revision of this release.
   * Sets `release.resourceVersion` to the new record's.
   */
  create(release: Release): Promise<void>;
  /**
   * Overwrites an existing record (Helm's Update is an unconditional PUT; `ifVersion` makes it
   * conditional); throws ReleaseNotFoundError when there is none. Sets `release.resourceVersion`
   * to the written record's.
   */
  update(release: Release, options?: WriteOptions): Promise<void>;
  /** Labels, creation time and size of a record, without decoding it; ReleaseNotFoundError if absent. */
  inspect(namespace: string, name: string, version: number): Promise<RecordFacts>;
  /**
   * Sets a record's status label (and modifiedAt) and notes why in an annotation, leaving its
   * payload as it is, byte for byte — the way past a record that cannot be decoded. Refuses with
   * RecordChangedError when the record is no longer the one `seen` describes.
   */
  relabel(seen: RecordFacts, status: ReleaseStatus, note: string): Promise<void>;
  /**
   * Deletes a record; a missing one is not an error. With `ifVersion`, only that version of it
   * (RecordConflictError otherwise).
   */
  delete(
    namespace: string,
    name: string,
    version: number,
    options?: Pick<WriteOptions, "ifVersion">,
  ): Promise<void>;
}
