import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { ChartError } from "./errors.js";
import { helmIgnoreRules, isIgnored } from "./helmignore.js";
import { stripBom } from "./loadArchive.js";
import { MAX_FILE_BYTES, MAX_UNPACKED_BYTES, mib } from "./limits.js";
import type { ChartFile } from "./types.js";

/**
 * Reads a chart directory's files, leaving out what .helmignore lists.
 * Symbolic links are followed, as Helm follows them (§7.2).
 */
export async function readChartDirectory(root: string): Promise<ChartFile[]> {
  let helmignore: string | undefined;
  try {
    helmignore = await readFile(join(root, ".helmignore"), "utf8");
  } catch {
    helmignore = undefined;
  }
  const rules = helmIgnoreRules(helmignore);
  const files: ChartFile[] = [];
  let total = 0;

  const walk = async (relative: string): Promise<void> => {
    const entries = (await readdir(join(root, relative))).sort();
    for (const entry of entries) {
      const rel = relative ? `${relative}/${entry}` : entry;
      const info = await stat(join(root, rel)).catch((err: NodeJS.ErrnoException) => {
        throw new ChartError(`cannot read ${rel}: ${err.code ?? err.message}`, { file: root });
      });
      if (info.isDirectory()) {
        if (!isIgnored(rules, `${rel}/`)) await walk(rel);
        continue;
      }
      if (isIgnored(rules, rel)) continue;
      if (!info.isFile()) throw new ChartError("is not a regular file", { file: join(root, rel) });
      if (info.size > MAX_FILE_BYTES)
        throw new ChartError(`is larger than ${mib(MAX_FILE_BYTES)}`, { file: join(root, rel) });
      total += info.size;
      if (total > MAX_UNPACKED_BYTES)
        throw new ChartError(`chart is larger than ${mib(MAX_UNPACKED_BYTES)}`, { file: root });
      files.push({ name: rel, data: stripBom(await readFile(join(root, rel))) });
    }
  };
  await walk("");
  return files;
}
