import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ReadFloor } from "../../kube/readFloor.js";

/**
 * Carries the read floor (src/kube/readFloor.ts) from one wheelhouse process to the next, so that
 * `wheelhouse install x && wheelhouse list` shows x although the list reads the watch cache
 * (docs/release-storage.md#reads-by-purpose). What is kept is not a result: only the
 * resourceVersion of this user's last write of release records to one API server, for ten
 * seconds, in a per-user 0700 directory; a directory or file another user owns is ignored. A
 * floor the server cannot reach costs one consistent read, never a wrong answer.
 */
export function loadReadFloor(floor: ReadFloor, server: string, env: NodeJS.ProcessEnv): void {
  const file = floorFile(server, env);
  if (!ownedByUs(file.dir) || !ownedByUs(file.path)) return;
  try {
    floor.restore(JSON.parse(readFileSync(file.path, "utf8")));
  } catch {
    // unreadable or half-written: there is no floor, which is what a first run has too
  }
}

/** Writes the floor for the next process when this one moved it. */
export function saveReadFloor(floor: ReadFloor, server: string, env: NodeJS.ProcessEnv): void {
  if (!floor.changed) return;
  const file = floorFile(server, env);
  try {
    mkdirSync(file.dir, { recursive: true, mode: 0o700 });
    if (!ownedByUs(file.dir)) return;
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(floor.entries()), { mode: 0o600 });
    renameSync(temp, file.path);
  } catch {
    // a read-only home: the next process reads the cache without a floor
  }
}

function floorFile(server: string, env: NodeJS.ProcessEnv): { dir: string; path: string } {
  const state = env.XDG_STATE_HOME || join(env.HOME || homedir(), ".local", "state");
  const dir = join(state, "wheelhouse", "read-floor");
  const key = createHash("sha256").update(server).digest("hex").slice(0, 32);
  return { dir, path: join(dir, `${key}.json`) };
}

/** A real directory or file of this user's, not writable by others; false when absent. */
function ownedByUs(path: string): boolean {
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return false;
    const uid = process.getuid?.();
    return (uid === undefined || stat.uid === uid) && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}
