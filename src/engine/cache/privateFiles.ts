/**
 * A folder of the user's own for files that wheelhouse later runs (V8's code cache of the CLI,
 * compiled Handlebars templates, the helm binaries of the demo). Whatever is read from it is
 * executed, so it is used only when the folder and the file belong to this user and nobody
 * else can write to them, checked on the opened descriptors (not on the paths, which could be
 * swapped in between), and a file must have no other hard link. That keeps out other users;
 * what this user's own programs put there is for the layer above to judge (./signedCache.ts
 * authenticates compiled code, the demo checks a tool's digest). docs/chart-engine.md#caches-of-code-that-runs
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  linkSync,
  lstatSync,
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
import { dirname, join } from "node:path";

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
/** No compiled code comes near this; a bigger (sparse) file is not read into memory. */
const MAX_READ = 256 << 20;

/** Why something found in the cache was not used: `path` is the folder or the entry. */
export interface Refusal {
  path: string;
  reason: string;
}

export interface PrivateDir {
  readonly path: string;
  /** The entry's bytes, or undefined when it is missing or not safe to use. */
  read(name: string): Buffer | undefined;
  /** Runs `use` on the entry opened and checked; undefined when it is missing or not safe. */
  withEntry<T>(name: string, use: (fd: number, stats: Stats) => T): T | undefined;
  /** Writes an entry atomically (a private temporary file renamed into place); false if it could not. */
  write(name: string, data: string | Uint8Array, mode?: number): boolean;
  /** Writes an entry only if there is none (never replacing one); false if it could not. */
  create(name: string, data: Uint8Array): boolean;
  /** Removes the entries `keep` rejects. */
  prune(keep: (name: string) => boolean): void;
}

export interface PrivateDirOptions {
  /** The owner to require (tests); default the process's user. */
  uid?: number;
  /**
   * Told when the folder or an entry exists but is not safe to use (another owner, writable by
   * others, a link). A folder that cannot be created or an entry that is missing is not told.
   */
  onRefused?: (refusal: Refusal) => void;
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
  const refuse = (at: string, reason: string): undefined => {
    options.onRefused?.({ path: at, reason });
    return undefined;
  };
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
  } catch {
    // Nowhere to keep a cache (a read-only home) is no danger, just no cache; something in
    // the way is looked at below.
    if (!lstatQuiet(path)) return undefined;
  }
  let dir: Stats;
  try {
    dir = statOpened(path, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  } catch (err) {
    return refuse(path, openFailure(path, err));
  }
  const unsafe = unsafeBecause(dir, uid, "directory");
  if (unsafe) return refuse(path, unsafe);

  const withEntry = <T>(name: string, use: (fd: number, stats: Stats) => T): T | undefined => {
    if (!NAME.test(name)) return undefined;
    const at = join(path, name);
    let fd: number | undefined;
    try {
      // O_NONBLOCK: a FIFO put there (tar makes them) must not hang the open; fstat refuses it.
      fd = openSync(at, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (err) {
      return errorCode(err) === "ENOENT" ? undefined : refuse(at, openFailure(at, err));
    }
    try {
      const file = fstatSync(fd);
      const why = unsafeBecause(file, uid, "file");
      return why ? refuse(at, why) : use(fd, file);
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  };

  /** A private temporary file holding `data`, passed to `place`; removed if `place` fails. */
  const staged = (name: string, data: Uint8Array, mode: number, place: (temp: string) => void) => {
    if (!NAME.test(name)) return false;
    const temp = join(path, `${name}.${process.pid}.tmp`);
    let fd: number | undefined;
    try {
      const flags =
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
      fd = openSync(temp, flags, mode);
      fchmodSync(fd, mode); // whatever the umask
      for (let at = 0; at < data.length;) at += writeSync(fd, data, at);
      closeSync(fd);
      fd = undefined;
      place(temp);
      return true;
    } catch {
      if (fd !== undefined) closeSync(fd);
      return false;
    } finally {
      rmSync(temp, { force: true });
    }
  };

  return {
    path,
    withEntry,
    read: (name) =>
      withEntry(name, (fd, stats) =>
        stats.size > MAX_READ
          ? refuse(join(path, name), `larger than ${MAX_READ >> 20} MiB`)
          : readFileSync(fd),
      ),
    write: (name, data, mode = 0o600) =>
      staged(name, typeof data === "string" ? Buffer.from(data) : data, mode, (temp) =>
        renameSync(temp, join(path, name)),
      ),
    // link() fails on an existing name where rename() would replace it.
    create: (name, data) => staged(name, data, 0o600, (temp) => linkSync(temp, join(path, name))),
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

/**
 * Why a file under the real folder `dir` could be swapped by someone else between a check and
 * its use by path (running a program): some folder from `dir` up to `/` that is not owned by
 * root or `uid`, or that group or others may write without the sticky bit (which keeps them
 * from renaming what is ours). Undefined when there is none. Compiled code read through a
 * checked descriptor does not need this; a program run by its path does.
 */
export function unsafeAncestor(dir: string, uid = process.getuid?.()): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const stats = lstatQuiet(at);
    if (!stats?.isDirectory()) return `${at} is not a directory`;
    if (stats.uid !== 0 && stats.uid !== uid) return `${at} is owned by uid ${stats.uid}`;
    if ((stats.mode & SHARED_WRITE) !== 0 && (stats.mode & 0o1000) === 0) {
      return `others may replace what is in ${at}`;
    }
    if (dirname(at) === at) return undefined;
  }
}

function statOpened(path: string, flags: number): Stats {
  const fd = openSync(path, flags);
  try {
    return fstatSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** What makes an opened folder or file unsafe to take code from, or undefined. */
function unsafeBecause(stats: Stats, uid: number, kind: "directory" | "file"): string | undefined {
  if (kind === "directory" ? !stats.isDirectory() : !stats.isFile()) return `not a ${kind}`;
  if (stats.uid !== uid) return `owned by uid ${stats.uid}`;
  if ((stats.mode & SHARED_WRITE) !== 0) {
    return `writable by group or others (mode ${(stats.mode & 0o7777).toString(8).padStart(4, "0")})`;
  }
  if (kind === "file" && stats.nlink !== 1) return `has ${stats.nlink} hard links`;
  return undefined;
}

/** Why `path` could not be opened; lstat only words the message, it decides nothing. */
function openFailure(path: string, err: unknown): string {
  const code = errorCode(err);
  if (code === "ELOOP" || code === "ENOTDIR") {
    if (lstatQuiet(path)?.isSymbolicLink()) return "a symbolic link";
    if (code === "ENOTDIR") return "not a directory";
  }
  return `cannot be opened (${code ?? String(err)})`;
}

function lstatQuiet(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}
