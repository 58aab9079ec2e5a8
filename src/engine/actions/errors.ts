import { WheelhouseError, errorMessage } from "../../errors.js";

/**
 * An install, upgrade or rollback failed after its revision was written; the
 * revision is recorded `failed` with the reason (or, if even that could not
 * be written, left pending for `recover`).
 */
export class OperationFailedError extends WheelhouseError {
  /** True when the failure was recorded on the revision; false when it is still pending. */
  readonly recorded: boolean;

  constructor(
    readonly description: string,
    readonly revision: number,
    cause: unknown,
    /** Why the failure could not be recorded, when it could not. */
    markError?: unknown,
  ) {
    super("operation", description, {
      cause,
      ...(cause instanceof WheelhouseError && cause.details ? { details: cause.details } : {}),
      hint: [
        // What to do about the cause (e.g. which flag takes over conflicting fields) comes first.
        cause instanceof WheelhouseError ? cause.hint : undefined,
        markError === undefined
          ? `revision ${revision} is recorded as failed; the previously deployed revision is unchanged`
          : `revision ${revision} could not be marked failed (${errorMessage(markError)}) and stays pending; ` +
            "run `wheelhouse recover` once the cluster answers",
      ]
        .filter(Boolean)
        .join("\n      "),
    });
    this.recorded = markError === undefined;
  }
}

/** A request that cannot be carried out as asked (no such revision, nothing to roll back to...). */
export class ActionError extends WheelhouseError {
  constructor(message: string, options: { hint?: string } = {}) {
    super("release", message, options);
  }
}

/**
 * Install refused: the name belongs to a release that still exists. The caller, which knows how
 * the chart was named, says how to upgrade it instead.
 */
export class ReleaseInUseError extends ActionError {
  constructor(
    readonly release: string,
    readonly namespace: string,
  ) {
    super(
      `cannot re-use a name that is still in use: release "${release}" exists in namespace "${namespace}"`,
      {
        hint: `upgrade it with \`wheelhouse upgrade ${release} CHART -n ${namespace}\`, or uninstall it first`,
      },
    );
  }
}

/**
 * Refuses when the release moved on since the caller looked at it: the next
 * revision would not be the one the reviewed diff was computed for.
 */
export function assertUnchanged(
  name: string,
  latestVersion: number,
  expectedRevision: number | undefined,
): void {
  if (expectedRevision === undefined || latestVersion + 1 === expectedRevision) return;
  throw new ActionError(
    `release "${name}" changed since the diff was computed: it is now at revision ${latestVersion}, nothing was applied`,
    { hint: "review the new diff and confirm again" },
  );
}

/**
 * Everything was applied, but writing the outcome to the history failed (the
 * API server went away between calls). Says exactly what state the history
 * is in, so the user can finish the job.
 */
export class RecordingFailedError extends WheelhouseError {
  constructor(
    readonly release: {
      name: string;
      namespace: string;
      version: number;
      info: { status: string };
    },
    what: string,
    cause: unknown,
  ) {
    const pending = release.info.status.startsWith("pending-");
    super(
      "operation",
      `"${release.name}" was applied, but revision ${release.version} ${what}: ${errorMessage(cause)}`,
      {
        cause,
        hint: pending
          ? `revision ${release.version} stays ${release.info.status}; once the cluster answers, run \`wheelhouse recover ${release.name} -n ${release.namespace}\` and upgrade or roll back again`
          : `the release works; \`wheelhouse history ${release.name}\` shows two deployed revisions until the next operation`,
      },
    );
  }
}
