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
  /** One revision; throws ReleaseNotFoundError or ReleaseDecodeError. */
  get(namespace: string, name: string, version: number, purpose?: ReadPurpose): Promise<Release>;
  /**
   * Creates the record only if absent; throws RevisionExistsError otherwise. Sets
   * `release.resourceVersion` to the new record's.
   */
  create(release: Release): Promise<void>;
  /**
   * Overwrites an existing record (Helm's Update is an unconditional PUT; `ifVersion` makes it
   * conditional); throws ReleaseNotFoundError when there is none. Sets `release.resourceVersion`
   * to the written record's.
   */
  update(release: Release, options?: WriteOptions): Promise<void>;
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
