import { mkdir, open, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { RepoError } from "./errors.js";

export interface FileLockOptions {
  /** How long to wait for another process to finish (default 10 s). */
  timeoutMs?: number;
  /** A lock older than this was left by a process that died (default 30 s). */
  staleMs?: number;
}

/**
 * Runs `body` holding `<path>.lock`, so that two wheelhouse processes editing
 * the same file (two `repo add` at once) cannot both read the old content and
 * lose one another's change. The lock is a file created exclusively; a lock
 * left behind by a crash is taken over once it is stale.
 */
export async function withFileLock<T>(
  path: string,
  body: () => Promise<T>,
  options: FileLockOptions = {},
): Promise<T> {
  const lock = `${path}.lock`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  await mkdir(dirname(lock), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (let delay = 10; ; delay = Math.min(delay * 2, 200)) {
    try {
      const handle = await open(lock, "wx", 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const age = await stat(lock).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0, // released meanwhile: try again at once
    );
    if (age > staleMs) {
      await rm(lock, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new RepoError(`${path} is being changed by another wheelhouse process`, {
        hint: `try again; if no other wheelhouse is running, remove ${lock}`,
      });
    }
    await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
  }
  try {
    return await body();
  } finally {
    await rm(lock, { force: true });
  }
}
