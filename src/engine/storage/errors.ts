import { WheelhouseError } from "../../errors.js";
import type { Release, ReleaseStatus } from "../release/types.js";

export class ReleaseNotFoundError extends WheelhouseError {
  constructor(name: string, namespace: string, version?: number) {
    super(
      "release",
      version === undefined
        ? `release "${name}" not found in namespace "${namespace}"`
        : `release "${name}" has no revision ${version} in namespace "${namespace}"`,
    );
  }
}

/**
 * Creating revision N failed because it already exists: another client
 * created it first (docs/release-storage.md#writes-and-the-race-guard). This is the race guard.
 */
export class RevisionExistsError extends WheelhouseError {
  constructor(name: string, namespace: string, version: number) {
    super(
      "release",
      `revision ${version} of release "${name}" in namespace "${namespace}" was created by another client first`,
      {
        hint: "another operation on this release is running or just finished; check `wheelhouse history`",
      },
    );
  }
}

/**
 * A conditional write found the record changed since it was read: another client wrote it in
 * between (docs/release-storage.md#writes-and-the-race-guard). Callers read again and decide anew.
 */
export class RecordConflictError extends WheelhouseError {
  constructor(name: string, namespace: string, version: number) {
    super(
      "release",
      `revision ${version} of release "${name}" in namespace "${namespace}" was changed by another client meanwhile`,
    );
  }
}

/**
 * An operation went to write a revision it holds and found that another client had changed its
 * status meanwhile — usually `recover` marking it failed — so it stops instead of overwriting
 * (docs/release-storage.md#who-takes-what).
 */
export class RevisionTakenError extends WheelhouseError {
  constructor(release: Release, heldAs: ReleaseStatus, now: Release) {
    super(
      "release",
      `revision ${release.version} of release "${release.name}" was changed by another client while this operation held it as ${heldAs}: it is now ${now.info.status} (${now.info.description}); it was not overwritten`,
      {
        hint: `see \`wheelhouse history ${release.name} -n ${release.namespace}\`; the cluster may hold objects this operation applied`,
      },
    );
  }
}

/**
 * Creating revision N failed because its object name is taken by something that is not
 * revision N of this release — a record with broken labels, or someone else's object — so it is
 * no race to retry (docs/release-storage.md#records-that-cannot-be-read).
 */
export class RecordInTheWayError extends WheelhouseError {
  constructor(
    release: { name: string; namespace: string; version: number },
    /** e.g. `Secret default/sh.helm.release.v1.demo.v2`. */
    record: string,
    /** What is wrong with it, e.g. "is not labelled owner=helm". */
    problem: string,
    inspect: string,
  ) {
    super(
      "release",
      `revision ${release.version} of release "${release.name}" cannot be written: ${record} is in the way: it ${problem}`,
      {
        hint: `inspect it with \`${inspect}\`; if it is this revision, give it helm's labels (name, owner=helm, status, version), otherwise move it away`,
      },
    );
  }
}

/** A record changed between being looked at and being relabelled: nothing was written. */
export class RecordChangedError extends WheelhouseError {
  constructor(record: string, what: string) {
    super("release", `${record} ${what} since it was read; nothing was changed`, {
      hint: "another client is working on this release; look at `wheelhouse history` and decide again",
    });
  }
}
