import { gunzipSync } from "node:zlib";
import { Parser, type ReadEntry } from "tar";
import { ArchiveError } from "./errors.js";
import { MAX_FILE_BYTES, MAX_UNPACKED_BYTES, mib } from "./limits.js";
import type { ChartFile } from "./types.js";

/** The files of a chart archive, relative to its single top-level folder. */
export interface ArchiveContents {
  topFolder: string;
  files: ChartFile[];
}

const FILE_TYPES = new Set(["File", "OldFile", "ContiguousFile"]);
const SKIPPED_TYPES = new Set(["Directory", "GNUDumpDir"]);

/**
 * Reads a gzip'd tar chart entirely in memory — nothing is written to disk,
 * so a hostile archive cannot place files anywhere. Every entry is checked
 * before its bytes are used; the first bad entry is named in the error.
 * Stricter than Helm, which loads link entries as empty files
 * (docs/chart-engine.md#archive-limits-and-safety-checks).
 */
export async function readChartArchive(bytes: Buffer, archive: string): Promise<ArchiveContents> {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new ArchiveError(archive, "is not a gzip-compressed archive (expected a .tgz chart)");
  }
  let tarBytes: Buffer;
  try {
    // Tar headers and padding add at most a few KiB per entry on top of file data.
    tarBytes = gunzipSync(bytes, { maxOutputLength: MAX_UNPACKED_BYTES + 8 * 1024 * 1024 });
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new ArchiveError(archive, `unpacks to more than ${mib(MAX_UNPACKED_BYTES)}`);
    }
    throw new ArchiveError(archive, `is not a valid gzip stream: ${(err as Error).message}`);
  }

  const files: ChartFile[] = [];
  let topFolder: string | undefined;
  let total = 0;
  let failure: ArchiveError | undefined;

  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({ strict: true });
    const fail = (message: string) => {
      failure ??= new ArchiveError(archive, message);
    };
    parser.on("entry", (entry: ReadEntry) => {
      const problem = failure ? undefined : checkEntry(entry);
      if (problem) fail(problem);
      if (failure || SKIPPED_TYPES.has(entry.type)) {
        entry.resume();
        return;
      }
      const segments = entry.path.replace(/\/+$/, "").split("/");
      const top = segments[0]!;
      if (segments.length < 2) {
        fail(`entry "${entry.path}" is outside the chart's top-level folder`);
      } else if (topFolder !== undefined && top !== topFolder) {
        fail(`has more than one top-level folder ("${topFolder}" and "${top}")`);
      }
      topFolder ??= top;
      total += entry.size;
      if (total > MAX_UNPACKED_BYTES) fail(`unpacks to more than ${mib(MAX_UNPACKED_BYTES)}`);
      if (failure) {
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on("data", (chunk: Buffer) => chunks.push(chunk));
      entry.on("end", () => {
        files.push({ name: segments.slice(1).join("/"), data: stripBom(Buffer.concat(chunks)) });
      });
    });
    parser.on("error", (err: Error) =>
      reject(new ArchiveError(archive, `is not a valid tar archive: ${err.message}`)),
    );
    parser.on("warn", (code: string, message: string) => {
      if (code !== "TAR_ENTRY_INFO") fail(`is not a valid tar archive: ${message}`);
    });
    parser.on("end", () => resolve());
    parser.end(tarBytes);
  });

  if (failure) throw failure;
  if (topFolder === undefined || files.length === 0)
    throw new ArchiveError(archive, "contains no files");
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { topFolder, files };
}

function checkEntry(entry: ReadEntry): string | undefined {
  const path = entry.path;
  const named = `entry "${path}"`;
  if (SKIPPED_TYPES.has(entry.type)) return unsafePath(path, named);
  if (entry.type === "SymbolicLink" || entry.type === "Link")
    return `${named} is a link; charts may contain only regular files`;
  if (!FILE_TYPES.has(entry.type))
    return `${named} is a ${entry.type}; charts may contain only regular files`;
  if (entry.size > MAX_FILE_BYTES) return `${named} is larger than ${mib(MAX_FILE_BYTES)}`;
  return unsafePath(path, named);
}

function unsafePath(path: string, named: string): string | undefined {
  if (path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path)) return `${named} has an absolute path`;
  if (path.includes("\\")) return `${named} uses "\\" in its path`;
  if (path.split("/").includes("..")) return `${named} refers to a parent directory ("..")`;
  return undefined;
}

export function stripBom(data: Buffer): Buffer {
  return data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
}
