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
 * Where release records live. Mirrors Helm's storage drivers (secrets,
 * configmaps, memory) but separates the cheap label-only listing from
 * decoding, which Helm does not (docs/release-storage.md#listing-and-history).
 */
export interface StorageDriver {
  readonly name: "secret" | "configmap" | "memory";
  /** Revisions from labels alone: no payload is transferred or decoded. */
  listRefs(query: RevisionQuery): Promise<RevisionRef[]>;
  /** Every matching revision decoded; undecodable ones come back as UnreadableRevision. */
  query(query: RevisionQuery): Promise<StoredRevision[]>;
  /** One revision; throws ReleaseNotFoundError or ReleaseDecodeError. */
  get(namespace: string, name: string, version: number): Promise<Release>;
  /** Creates the record only if absent; throws RevisionExistsError otherwise. */
  create(release: Release): Promise<void>;
  /**
   * Overwrites an existing record (Helm's Update is an unconditional PUT);
   * throws ReleaseNotFoundError when there is none.
   */
  update(release: Release): Promise<void>;
  /** Deletes a record; a missing one is not an error. */
  delete(namespace: string, name: string, version: number): Promise<void>;
}
