/**
 * Compiled code kept between runs (the CLI's V8 code cache, compiled templates), under one
 * rule: entries live in a private folder (./privateFiles.ts: this user's, nobody else may
 * write, checked on the opened descriptors) and each is stored behind an HMAC-SHA256 of its
 * name and bytes under the user's cache key (./userKey.ts). The folder checks keep out other
 * users and give a clear reason; the signature keeps out what this user's own programs put
 * there without wheelhouse (an archive unpacked into the folder, a copied folder), which the
 * owner and mode checks cannot tell from our own writes. Entries are named by a hash of their
 * input, which anyone can compute, so a name alone proves nothing.
 * docs/chart-engine.md#caches-of-code-that-runs
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { join } from "node:path";
import { openPrivateDir, type PrivateDirOptions } from "./privateFiles.js";
import { userCacheKey } from "./userKey.js";

const TAG_BYTES = 32;

export interface CodeCache {
  readonly path: string;
  /** The entry's bytes if this user's wheelhouse wrote them; undefined otherwise. */
  read(name: string): Buffer | undefined;
  /** Signs and writes an entry atomically; false if it could not. */
  write(name: string, data: string | Uint8Array): boolean;
  /** Removes the entries `keep` rejects. */
  prune(keep: (name: string) => boolean): void;
}

export interface CodeCacheOptions extends PrivateDirOptions {
  /** Where the user's cache key is found (XDG_CACHE_HOME, HOME). */
  env?: NodeJS.ProcessEnv;
  /** The key to sign with (tests); default the user's. */
  key?: Buffer;
}

/** The cache in `path`, or undefined when it or the user's key is not safe to use. */
export function openCodeCache(path: string, options: CodeCacheOptions = {}): CodeCache | undefined {
  const key =
    options.key ??
    userCacheKey(options.env, {
      ...options,
      onRefused: (r) =>
        options.onRefused?.({ path, reason: `cannot trust its key (${r.path}: ${r.reason})` }),
    });
  if (!key) return undefined;
  const dir = openPrivateDir(path, options);
  if (!dir) return undefined;
  return {
    path,
    read(name) {
      const stored = dir.read(name);
      if (stored === undefined) return undefined;
      const data = stored.subarray(TAG_BYTES);
      const tag = stored.subarray(0, TAG_BYTES);
      if (tag.length === TAG_BYTES && timingSafeEqual(tag, signature(key, name, data))) return data;
      options.onRefused?.({ path: join(path, name), reason: "not signed with this user's key" });
      return undefined;
    },
    write(name, data) {
      const bytes = typeof data === "string" ? Buffer.from(data) : data;
      return dir.write(name, Buffer.concat([signature(key, name, bytes), bytes]));
    },
    prune: (keep) => dir.prune(keep),
  };
}

/** The HMAC that binds an entry's bytes to its name, so one entry cannot stand in for another. */
export function signature(key: Buffer, name: string, data: Uint8Array): Buffer {
  return createHmac("sha256", key).update(name).update("\0").update(data).digest();
}
