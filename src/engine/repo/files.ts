import { randomBytes } from "node:crypto";
import { chmod, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Writes a file so readers see either the old or the new content, never a
 * half-written one: the bytes go to a temporary file beside the target, which
 * is then renamed over it. A failed write leaves the previous file intact.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Buffer,
  mode = 0o644,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temp, data, { mode });
    await chmod(temp, mode);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
