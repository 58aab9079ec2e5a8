import { gunzipSync } from "node:zlib";
import { Parser, type ReadEntry } from "tar";
import { ArchiveError } from "./errors.js";
import { MAX_ENTRY_DEPTH, MAX_FILE_BYTES, MAX_UNPACKED_BYTES, mib } from "./limits.js";
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
  const layout = new Layout();
  let topFolder: string | undefined;
  let total = 0;
  let failure: ArchiveError | undefined;

  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({ strict: true });
    // The first problem is the one reported; reading stops there rather than parsing the rest.
    const fail = (message: string) => {
      if (failure) return;
      failure = new ArchiveError(archive, message);
      parser.abort(failure);
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
      // helm's loader drops the top folder, then refuses an absolute rest and path.Cleans it.
      const inside = segments.slice(1).filter((s) => s !== "" && s !== ".");
      if (segments.length < 2) {
        fail(`entry ${quoteEntry(entry.path)} is outside the chart's top-level folder`);
      } else if (topFolder !== undefined && top !== topFolder) {
        fail(`has more than one top-level folder ("${topFolder}" and "${top}")`);
      } else if (segments[1] === "") {
        fail(`entry ${quoteEntry(entry.path)} has an absolute path`);
      } else if (inside.length === 0) {
        fail(`entry ${quoteEntry(entry.path)} is the chart folder itself, not a file in it`);
      } else if (inside.length - 1 > MAX_ENTRY_DEPTH) {
        fail(
          `entry ${quoteEntry(entry.path)} lies ${inside.length - 1} folders deep in the chart, more than ${MAX_ENTRY_DEPTH}`,
        );
      } else {
        const clash = layout.add(inside, entry.path);
        if (clash) fail(clash);
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
        files.push({ name: inside.join("/"), data: stripBom(Buffer.concat(chunks)) });
      });
    });
    parser.on("error", (err: Error) =>
      reject(failure ?? new ArchiveError(archive, `is not a valid tar archive: ${err.message}`)),
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

/**
 * An entry's path for a message: a hostile one can be thousands of characters long, so the middle
 * of a long one is left out and its length given.
 */
export function quoteEntry(path: string): string {
  if (path.length <= 100) return `"${path}"`;
  return `"${path.slice(0, 60)}…${path.slice(-20)}" (${path.length} characters)`;
}

/**
 * The folders and files an archive's entries make, as a tree of path segments: an entry that
 * needs a file to be a folder (or a folder to be a file), or repeats a file, is refused. No file
 * system could hold both, so `pull --untar` would fail half-way, and what a reader of the archive
 * sees would depend on the order of its entries.
 */
class Layout {
  private readonly root: LayoutNode = { children: new Map() };

  /** Adds a file at `segments` (inside the top folder); the reason it cannot be, if any. */
  add(segments: string[], path: string): string | undefined {
    let node = this.root;
    const last = segments.length - 1;
    for (let i = 0; i <= last; i++) {
      const children = node.children!;
      const child = children.get(segments[i]!);
      const here = () => segments.slice(0, i + 1).join("/");
      if (i === last) {
        if (child?.file !== undefined)
          return `entry ${quoteEntry(path)} is a second copy of ${quoteEntry(here())}`;
        if (child?.children)
          return `entry ${quoteEntry(path)} is a file, but the archive has ${quoteEntry(child.firstUnder!)} inside a folder of that name`;
        children.set(segments[i]!, { file: path });
        return undefined;
      }
      if (child?.file !== undefined)
        return `entry ${quoteEntry(path)} needs ${quoteEntry(here())} to be a folder, but the archive has a file ${quoteEntry(child.file)}`;
      node = child ?? { children: new Map(), firstUnder: path };
      if (!child) children.set(segments[i]!, node);
    }
    return undefined;
  }
}

interface LayoutNode {
  /** The entry that made this a file. */
  file?: string;
  children?: Map<string, LayoutNode>;
  /** The first entry found inside this folder. */
  firstUnder?: string;
}

function checkEntry(entry: ReadEntry): string | undefined {
  const path = entry.path;
  const named = `entry ${quoteEntry(path)}`;
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
