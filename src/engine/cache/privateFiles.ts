/**
 * A folder of the user's own for compiled code that wheelhouse later runs (V8's code cache of
 * the CLI, compiled Handlebars templates). Whatever is read from it is executed, so it is used
 * only when the folder and the file belong to this user and nobody else can write to them,
 * checked on the opened descriptors (not on the paths, which could be swapped in between), and a
 * file must have no other hard link. Entries are named by a hash of what they were made from;
 * any problem just means "no entry", and the caller compiles as usual.
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  type Stats,
  writeSync,
} from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** `$XDG_CACHE_HOME/wheelhouse/NAME`, else `~/.cache/wheelhouse/NAME`. */
export function userCacheDir(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME || homedir(), ".cache"), "wheelhouse", name);
}

/** A hex SHA-256 of the parts, each ended by a NUL so that no two lists collide. */
export function cacheKey(...parts: Array<string | Buffer>): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

const NAME = /^[A-Za-z0-9._-]{1,200}$/;
/** Group- or other-writable. */
const SHARED_WRITE = 0o022;

export interface PrivateDir {
  readonly path: string;
  /** The entry's bytes, or undefined when it is missing or not safe to use. */
  read(name: string): Buffer | undefined;
  /** Writes an entry atomically (a private temporary file renamed into place); false if it could not. */
  write(name: string, data: string | Uint8Array): boolean;
  /** Removes the entries `keep` rejects. */
  prune(keep: (name: string) => boolean): void;
}

export interface PrivateDirOptions {
  /** The owner to require (tests); default the process's user. */
  uid?: number;
}

/**
 * Creates the folder (mode 0700) or opens the existing one, and returns it if it is private:
 * a directory owned by this user that neither group nor others can write. Undefined on a
 * platform without user ids (Windows) or when the folder is not private.
 */
export function openPrivateDir(
  path: string,
  options: PrivateDirOptions = {},
): PrivateDir | undefined {
  const uid = options.uid ?? process.getuid?.();
  if (uid === undefined || constants.O_NOFOLLOW === undefined) return undefined;
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    const dir = statOpened(path, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
    if (!dir.isDirectory() || !ownedPrivately(dir, uid)) return undefined;
  } catch {
    return undefined;
  }
  return {
    path,
    read(name) {
      if (!NAME.test(name)) return undefined;
      let fd: number | undefined;
      try {
        fd = openSync(join(path, name), constants.O_RDONLY | constants.O_NOFOLLOW);
        const file = fstatSync(fd);
        if (!file.isFile() || file.nlink !== 1 || !ownedPrivately(file, uid)) return undefined;
        return readFileSync(fd);
      } catch {
        return undefined;
      } finally {
        if (fd !== undefined) closeSync(fd);
      }
    },
    write(name, data) {
      if (!NAME.test(name)) return false;
      const temp = join(path, `${name}.${process.pid}.tmp`);
      let fd: number | undefined;
      try {
        const flags =
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
        fd = openSync(temp, flags, 0o600);
        const bytes = typeof data === "string" ? Buffer.from(data) : data;
        for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
        closeSync(fd);
        fd = undefined;
        renameSync(temp, join(path, name));
        return true;
      } catch {
        if (fd !== undefined) closeSync(fd);
        rmSync(temp, { force: true });
        return false;
      }
    },
    prune(keep) {
      try {
        for (const name of readdirSync(path)) {
          if (!keep(name)) rmSync(join(path, name), { force: true });
        }
      } catch {
        // Another process pruning at the same time, or a folder that went away: nothing to do.
      }
    },
  };
}

function statOpened(path: string, flags: number): Stats {
  const fd = openSync(path, flags);
  try {
    return fstatSync(fd);
  } finally {
    closeSync(fd);
  }
}

function ownedPrivately(stats: Stats, uid: number): boolean {
  return stats.uid === uid && (stats.mode & SHARED_WRITE) === 0;
}
