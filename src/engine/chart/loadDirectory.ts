import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { mapConcurrent } from "../mapConcurrent.js";
import { ChartError } from "./errors.js";
import { helmIgnoreRules, isIgnored } from "./helmignore.js";
import { stripBom } from "./loadArchive.js";
import { MAX_FILE_BYTES, MAX_UNPACKED_BYTES, mib } from "./limits.js";
import type { ChartFile } from "./types.js";

const READ_CONCURRENCY = 32;

/**
 * Reads a chart directory's files, leaving out what .helmignore lists.
 * Symbolic links are followed, as Helm follows them
 * (docs/chart-engine.md#loading-a-chart-directory).
 */
export async function readChartDirectory(root: string): Promise<ChartFile[]> {
  let helmignore: string | undefined;
  try {
    helmignore = await readFile(join(root, ".helmignore"), "utf8");
  } catch {
    helmignore = undefined;
  }
  const rules = helmIgnoreRules(helmignore);
  const paths: string[] = [];

  // Walk first, then stat and read concurrently: a chart is many small files.
  const walk = async (relative: string): Promise<void> => {
    const entries = (await readdir(join(root, relative), { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      // Symbolic links are followed, as Helm follows them
      // (docs/chart-engine.md#loading-a-chart-directory).
      const directory =
        entry.isDirectory() ||
        (entry.isSymbolicLink() &&
          (await stat(join(root, rel)).catch(() => undefined))?.isDirectory());
      if (directory) {
        if (!isIgnored(rules, `${rel}/`)) await walk(rel);
      } else if (!isIgnored(rules, rel)) {
        paths.push(rel);
      }
    }
  };
  await walk("");

  const sizes = await mapConcurrent(paths, READ_CONCURRENCY, async (rel) => {
    const info = await stat(join(root, rel)).catch((err: NodeJS.ErrnoException) => {
      throw new ChartError(`cannot read ${rel}: ${err.code ?? err.message}`, { file: root });
    });
    if (!info.isFile()) throw new ChartError("is not a regular file", { file: join(root, rel) });
    if (info.size > MAX_FILE_BYTES)
      throw new ChartError(`is larger than ${mib(MAX_FILE_BYTES)}`, { file: join(root, rel) });
    return info.size;
  });
  if (sizes.reduce((a, b) => a + b, 0) > MAX_UNPACKED_BYTES)
    throw new ChartError(`chart is larger than ${mib(MAX_UNPACKED_BYTES)}`, { file: root });
  return mapConcurrent(paths, READ_CONCURRENCY, async (rel) => ({
    name: rel,
    data: stripBom(await readFile(join(root, rel))),
  }));
}
