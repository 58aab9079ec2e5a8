import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../repo/files.js";

/**
 * Where pulled manifests and blobs are kept, by digest: $WHEELHOUSE_REGISTRY_CACHE, else
 * $XDG_CACHE_HOME/wheelhouse/registry (~/.cache/wheelhouse/registry), beside the repository cache.
 */
export function registryCacheDir(env: NodeJS.ProcessEnv, override?: string): string {
  if (override) return resolve(override);
  if (env.WHEELHOUSE_REGISTRY_CACHE) return resolve(env.WHEELHOUSE_REGISTRY_CACHE);
  const cacheHome = env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache");
  return join(cacheHome, "wheelhouse", "registry");
}

/** The cache file of a sha256 digest. */
export function blobPath(cacheDir: string, digest: string): string {
  return join(cacheDir, "blobs", "sha256", digest.replace(/^sha256:/, ""));
}

/**
 * A blob from the cache when its bytes still hash to the digest, else fetched (the fetcher
 * verifies) and stored through a temp file and rename, so a failed pull leaves nothing behind.
 */
export async function cachedBlob(
  cacheDir: string,
  digest: string,
  fetch: () => Promise<Buffer>,
): Promise<{ bytes: Buffer; path: string }> {
  const path = blobPath(cacheDir, digest);
  const cached = await readFile(path).catch(() => undefined);
  if (cached && `sha256:${createHash("sha256").update(cached).digest("hex")}` === digest)
    return { bytes: cached, path };
  const bytes = await fetch();
  await writeFileAtomic(path, bytes);
  return { bytes, path };
}

/** A cached blob, or undefined (for manifests named by digest: no network at all). */
export async function readCachedBlob(
  cacheDir: string,
  digest: string,
): Promise<Buffer | undefined> {
  const cached = await readFile(blobPath(cacheDir, digest)).catch(() => undefined);
  return cached && `sha256:${createHash("sha256").update(cached).digest("hex")}` === digest
    ? cached
    : undefined;
}
