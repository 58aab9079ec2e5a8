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
import { openPrivateDir, userCacheDir, type PrivateDirOptions } from "./privateFiles.js";

export const KEY_FILE = "cache.key";
const KEY_BYTES = 32;
/** Group or others may read, write or run it. */
const SHARED_ANY = 0o077;

/** The user's cache key, made if there is none; undefined when there is no safe one. */
export function userCacheKey(
  env: NodeJS.ProcessEnv = process.env,
  options: PrivateDirOptions = {},
): Buffer | undefined {
  let refused = false;
  const onRefused: PrivateDirOptions["onRefused"] = (refusal) => {
    refused = true;
    options.onRefused?.(refusal);
  };
  const dir = openPrivateDir(userCacheDir("", env), { ...options, onRefused });
  if (!dir) return undefined;
  const path = join(dir.path, KEY_FILE);
  const read = () =>
    dir.withEntry(KEY_FILE, (fd, stats) => {
      if ((stats.mode & SHARED_ANY) !== 0) {
        const mode = (stats.mode & 0o7777).toString(8).padStart(4, "0");
        onRefused({ path, reason: `readable by group or others (mode ${mode})` });
        return undefined;
      }
      const key = readFileSync(fd);
      if (key.length === KEY_BYTES) return key;
      onRefused({ path, reason: `not a key (${key.length} bytes, not ${KEY_BYTES})` });
      return undefined;
    });
  const existing = read();
  if (existing || refused) return existing;
  const made = randomBytes(KEY_BYTES);
  // Two first runs at once: one link wins, the other reads the winner's key.
  return dir.create(KEY_FILE, made) ? made : read();
}
