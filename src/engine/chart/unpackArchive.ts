import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve, sep } from "node:path";
import { WheelhouseError } from "../../errors.js";
import { quoteEntry, readChartArchive } from "./loadArchive.js";

/** Why the file system refused a write, without the (possibly very long) path it names. */
const FS_REASONS: Record<string, string> = {
  ENAMETOOLONG: "the path is too long for the file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is exhausted",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  EEXIST: "a file of that name is already there",
  ENOTDIR: "a file stands where a folder is needed",
  EISDIR: "a folder stands where the file goes",
};

function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? "";
  return FS_REASONS[code] ?? (err instanceof Error ? err.message : String(err));
}

/**
 * Unpacks a chart archive into `target` (DIR/NAME), all or nothing: the files are written into a
 * hidden folder beside it, which is renamed to `target` once every file is there. On any failure
 * that folder is removed and `target` never appears; the error names the archive and the entry.
 * The archive is read by the same checked, in-memory reader as every chart
 * (docs/chart-engine.md#archive-limits-and-safety-checks).
 */
export async function unpackChartArchive(
  bytes: Buffer,
  archive: string,
  target: string,
): Promise<void> {
  const { topFolder, files } = await readChartArchive(bytes, archive);
  const parent = dirname(target);
  const fail = (what: string, err: unknown) =>
    new WheelhouseError(
      "chart",
      `cannot unpack ${archive} into ${target}: ${what}: ${reasonOf(err)}`,
      {
        cause: err,
      },
    );
  try {
    await mkdir(parent, { recursive: true });
  } catch (err) {
    throw fail(`folder ${parent}`, err);
  }
  const temp = await mkdtemp(join(parent, `.${basename(target)}.unpacking-`)).catch((err) => {
    throw fail(`folder ${parent}`, err);
  });
  try {
    for (const file of files) {
      const path = resolve(temp, file.name);
      const entry = `entry ${quoteEntry(`${topFolder}/${file.name}`)}`;
      // The reader refused absolute paths and ".."; this says so once more.
      if (!path.startsWith(temp + sep)) throw fail(entry, new Error("it lands outside the folder"));
      try {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, file.data, { mode: 0o644, flag: "wx" });
      } catch (err) {
        throw fail(entry, err);
      }
    }
    await rename(temp, target).catch((err) => {
      throw fail("the finished folder", err);
    });
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
}
