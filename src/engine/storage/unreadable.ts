import { ReleaseDecodeError, decodeRelease } from "../release/codec.js";
import type { Release, RevisionRef, UnreadableRevision } from "../release/types.js";
import { isPending } from "../release/types.js";
import type { RecordKind, RecordProblem } from "./driver.js";
import { classifyRecord, customLabels, describeRecord } from "./records.js";

/**
 * A revision whose record exists but cannot be decoded. It names the release, the revision and the
 * storage object, and says how to get past it (docs/release-storage.md#records-that-cannot-be-read).
 */
export class UnreadableRecordError extends ReleaseDecodeError {
  /** The storage object, e.g. `Secret default/sh.helm.release.v1.demo.v3`. */
  readonly record: string;

  constructor(
    readonly ref: RevisionRef,
    kind: RecordKind,
    /** Why it cannot be read, e.g. "its payload is not base64 (…)". */
    readonly reason: string,
    cause?: unknown,
  ) {
    const record = describeRecord(kind, ref.namespace, ref.key);
    super(
      `revision ${ref.version} of release "${ref.name}" in namespace "${ref.namespace}" cannot be read: ${reason} (${record})`,
      { cause, hint: unreadableHint(ref, kind) },
    );
    this.record = record;
  }
}

/** What to do about an unreadable revision, which depends on what its status label says. */
export function unreadableHint(ref: RevisionRef, kind: RecordKind): string {
  const { name, namespace, status } = ref;
  if (isPending(status)) {
    return (
      `it is labelled ${status}, so it holds the release's lock; if no operation is still running, ` +
      `\`wheelhouse recover ${name} -n ${namespace}\` marks it failed without reading it`
    );
  }
  if (status === "deployed") {
    return (
      `it is labelled deployed, so what is live cannot be read from it; ` +
      `\`wheelhouse rollback ${name} REVISION -n ${namespace}\` to a readable revision deploys a new one past it`
    );
  }
  const inspect =
    kind === "record"
      ? ""
      : `; \`kubectl get ${kind.toLowerCase()} -n ${namespace} ${ref.key} -o yaml\` shows it`;
  return `it is labelled ${status} and holds no lock: the next upgrade or rollback is written past it${inspect}`;
}

/**
 * Decodes a record's payload into the revision its labels and name say it is. A payload that
 * decodes to another release or revision is unreadable too: every later write of it would go
 * to the record its payload names, not to this one.
 */
export function decodeRecord(
  kind: RecordKind,
  ref: RevisionRef,
  labels: Record<string, string> | undefined,
  payload: () => string,
): Release {
  let release: Release;
  try {
    const text = payload();
    release = decodeRelease(text);
    release.storedBytes = text.length;
  } catch (err) {
    throw new UnreadableRecordError(ref, kind, (err as Error).message, err);
  }
  if (release.name !== ref.name || release.version !== ref.version) {
    const said = `revision ${release.version} of release ${JSON.stringify(release.name).slice(0, 80)}`;
    throw new UnreadableRecordError(ref, kind, `its payload is ${said}`);
  }
  release.labels = customLabels(labels);
  return release;
}

/** A record decoded, or — when it cannot be — its labels with the reason. */
export function readRecord(
  kind: RecordKind,
  ref: RevisionRef,
  labels: Record<string, string> | undefined,
  payload: () => string,
): Release | UnreadableRevision {
  try {
    return decodeRecord(kind, ref, labels, payload);
  } catch (err) {
    if (!(err instanceof UnreadableRecordError)) throw err;
    return { ...ref, unreadable: err.reason, record: err.record };
  }
}

/** The error an UnreadableRevision from a listing stands for, to report it the same way. */
export function unreadableError(
  kind: RecordKind,
  revision: UnreadableRevision,
): UnreadableRecordError {
  const { unreadable, record: _record, ...ref } = revision;
  return new UnreadableRecordError(ref, kind, unreadable);
}

/**
 * The revision a storage object is, or undefined when it is not helm's or is a stray. Strays and
 * records with a label problem are reported, not skipped in silence.
 */
export function placeRecord(
  kind: RecordKind,
  objectName: string,
  namespace: string,
  labels: Record<string, string> | undefined,
  report: ((problem: RecordProblem) => void) | undefined,
): RevisionRef | undefined {
  const found = classifyRecord(objectName, namespace, labels);
  if (!found) return undefined;
  if ("stray" in found) {
    report?.({ kind, ...found.stray });
    return undefined;
  }
  const { ref } = found;
  if (ref.problem) {
    const { key, name: release, version, problem } = ref;
    report?.({ kind, namespace, key, release, version, problem });
  }
  return ref;
}

/** One line telling the user about a record with a problem, and what fixes it. */
export function problemMessage(p: RecordProblem): string {
  const record = describeRecord(p.kind, p.namespace, p.key);
  const kubectl = (verb: string) =>
    p.kind === "record" ? "" : `kubectl ${verb} ${p.kind.toLowerCase()} -n ${p.namespace} ${p.key}`;
  if (p.version !== undefined) {
    const fix =
      kubectl("label") && `; \`${kubectl("label")} version=${p.version} --overwrite\` fixes it`;
    return `${record} ${p.problem}: it is read as revision ${p.version} of release "${p.release}", from its name${fix}`;
  }
  const inspect = kubectl("get") && `; inspect it with \`${kubectl("get")} -o yaml\``;
  return `${record} ${p.problem}, so it is in no release's history and is left alone${inspect}`;
}
