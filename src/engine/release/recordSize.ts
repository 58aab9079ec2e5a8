import { WheelhouseError } from "../../errors.js";
import { encodeRelease } from "./codec.js";
import type { Release } from "./types.js";

/**
 * The most a Secret's or ConfigMap's data may hold: the API server refuses more (1 MiB, counted
 * over the values; helm's record is one value). docs/release-storage.md#release-size
 */
export const RECORD_LIMIT_BYTES = 1024 * 1024;

/** Bytes the revision takes once encoded as helm stores it (gzip, base64). */
export function encodedSize(release: Release): number {
  return encodeRelease(release).length;
}

/** "812 KiB", "1.3 MiB": what a size looks like in messages and the History pane. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** A revision too big for its record: refused before anything is written or applied. */
export class RecordTooLargeError extends WheelhouseError {
  constructor(
    readonly release: Release,
    readonly bytes: number,
  ) {
    super(
      "size",
      `revision ${release.version} of "${release.name}" would be stored as ${formatBytes(bytes)} (${bytes} bytes), over the ${formatBytes(RECORD_LIMIT_BYTES)} a Secret or ConfigMap can hold; nothing was written`,
      {
        hint: "the chart's templates and files are stored with each revision: move large data out of the chart (a ConfigMap of its own, a volume), or use --driver memory for a trial",
      },
    );
  }
}

/** Whether a record of `bytes` passes what the driver's objects hold (the memory driver has no limit). */
function overLimit(bytes: number, driver: string): boolean {
  return (driver === "secret" || driver === "configmap") && bytes > RECORD_LIMIT_BYTES;
}

/** Refuses a revision whose record would pass the limit of the cluster drivers. */
export function assertRecordFits(release: Release, driver: string): number {
  const bytes = encodedSize(release);
  if (overLimit(bytes, driver)) throw new RecordTooLargeError(release, bytes);
  return bytes;
}

/** What a review says before a write that would be refused for its size; undefined when it fits. */
export function recordSizeWarning(bytes: number, driver: string): string | undefined {
  if (!overLimit(bytes, driver)) return undefined;
  const kind = driver === "secret" ? "Secret" : "ConfigMap";
  return `the new revision's record would be ${formatBytes(bytes)}, over the ${formatBytes(RECORD_LIMIT_BYTES)} a ${kind} holds: it will be refused and nothing written`;
}
