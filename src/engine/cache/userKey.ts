/**
 * The key that signs the compiled code wheelhouse caches (./signedCache.ts): 32 random bytes in
 * `$XDG_CACHE_HOME/wheelhouse/cache.key`, a file only this user can read, made on first use.
 * It lives apart from the entries, whose folders WHEELHOUSE_TEMPLATE_CACHE and
 * WHEELHOUSE_CODE_CACHE can move anywhere, so that files landing in a cache folder (an archive
 * unpacked there, a folder synced or copied from elsewhere) cannot bring a key with them.
 * Deleting it only makes every cached entry be compiled again.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  openPrivateDir,
  userCacheDir,
  type PrivateDirOptions,
  type Refusal,
} from "./privateFiles.js";

export const KEY_FILE = "cache.key";
const KEY_BYTES = 32;
/** Group or others may read, write or run it. */
const SHARED_ANY = 0o077;

/** The user's cache key, made if there is none; undefined when there is no safe one. */
export function userCacheKey(
  env: NodeJS.ProcessEnv = process.env,
  options: PrivateDirOptions & { sleep?: (ms: number) => void } = {},
): Buffer | undefined {
  const sleep = options.sleep ?? sleepSync;
  let held: Refusal[] | undefined;
  const onRefused = (refusal: Refusal) =>
    held ? held.push(refusal) : options.onRefused?.(refusal);
  const dir = openPrivateDir(userCacheDir("", env), { ...options, onRefused });
  if (!dir) return undefined;
  const path = join(dir.path, KEY_FILE);
  const readOnce = () =>
    dir.withEntry(KEY_FILE, (fd, stats) => {
      if ((stats.mode & SHARED_ANY) !== 0) {
        const mode = (stats.mode & 0o7777).toString(8).padStart(4, "0");
        return void onRefused({ path, reason: `readable by group or others (mode ${mode})` });
      }
      const key = readFileSync(fd);
      if (key.length === KEY_BYTES) return key;
      return void onRefused({ path, reason: `not a key (${key.length} bytes, not ${KEY_BYTES})` });
    });
  /** The key and whether one was there but refused. */
  const read = (): { key: Buffer | undefined; refused: boolean } => {
    // The run that made the key had it under two names for a moment (see `create`): wait for
    // the second to go before calling it a hard link.
    for (let wait = 1; ; wait *= 2) {
      held = [];
      const key = readOnce();
      const refusals = held;
      held = undefined;
      const linking = refusals.some((r) => r.reason === "has 2 hard links");
      if (key || !linking || wait > 64) {
        refusals.forEach(onRefused);
        return { key, refused: refusals.length > 0 };
      }
      sleep(wait);
    }
  };
  const existing = read();
  if (existing.key || existing.refused) return existing.key;
  const made = randomBytes(KEY_BYTES);
  // Two first runs at once: one link wins, the other reads the winner's key.
  return dir.create(KEY_FILE, made) ? made : read().key;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
