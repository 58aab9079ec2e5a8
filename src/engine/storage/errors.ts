import { WheelhouseError } from "../../errors.js";

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
