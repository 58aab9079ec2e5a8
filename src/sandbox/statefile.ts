/**
 * Keeps the store on disk: a snapshot (`FILE`, the whole state as JSON) and a journal
 * (`FILE.journal`, one JSON line per change since the snapshot). A change is journaled as it is
 * made and the server answers only once its line is synced (server.ts), so an acknowledged write
 * survives kill -9; the journal is folded into a new snapshot on start, on stop, on flush() and
 * when it outgrows the snapshot. Both files are readable by their owner only (Secrets live there).
 * A line cut short by a kill in mid-append is dropped on the next start.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync } from "node:fs";
import { statSync, unlinkSync, writeSync } from "node:fs";
import { open, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { resourceKey } from "./identity.js";
import { Journal } from "./journal.js";
import type { Registry } from "./resources.js";
import { objectJson } from "./store.js";
import type { Store } from "./store.js";
import type { KObject, StoreEvent } from "./types.js";

interface Snapshot {
  version: 1;
  resourceVersion: number;
  objects: Array<{ key: string; object: KObject }>;
}

/** A journal line: the store's resourceVersion after the change, and the change. */
interface Entry {
  rv: number;
  key: string;
  object?: KObject;
  delete?: { namespace?: string; name: string };
}

/** A state file or journal that cannot be read as one: the user's to fix, not a bug. */
export class StateFileError extends Error {
  constructor(
    message: string,
    /** What the user can do about it. */
    readonly hint: string,
  ) {
    super(message);
    this.name = "StateFileError";
  }
}

const CRDS = resourceKey("apiextensions.k8s.io", "customresourcedefinitions");

/** The journal grows to at least this before it is folded into the snapshot. */
const MIN_COMPACT_BYTES = 16 * 1024 * 1024;

export const journalPath = (path: string): string => `${path}.journal`;

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

function readSnapshot(path: string): Snapshot | undefined {
  const text = readIfThere(path);
  if (text === undefined) return undefined;
  let state: Snapshot;
  try {
    state = JSON.parse(text) as Snapshot;
  } catch (e) {
    throw new StateFileError(
      `${path} is not a sandbox state file: ${(e as Error).message}`,
      "move it aside to start with an empty cluster",
    );
  }
  if (state.version !== 1 || !Array.isArray(state.objects)) {
    throw new StateFileError(
      `${path} is not a sandbox state file (version 1)`,
      "move it aside to start with an empty cluster",
    );
  }
  return state;
}

/**
 * The journal's entries. Only the last line can be cut short (the process died appending it):
 * without its newline it is left out; any other line that is not an entry is an error.
 */
function readJournal(path: string): { entries: Entry[]; written: boolean } {
  const text = readIfThere(path);
  if (text === undefined || text === "") return { entries: [], written: false };
  const lines = text.split("\n");
  lines.pop(); // after the last newline: "" or a torn line
  const entries = lines.map((line, i) => {
    try {
      const entry = JSON.parse(line) as Entry;
      if (typeof entry.rv !== "number" || typeof entry.key !== "string")
        throw new Error("no rv or key");
      return entry;
    } catch (e) {
      throw new StateFileError(
        `${path} line ${i + 1} is not a sandbox journal entry: ${(e as Error).message}`,
        "delete that line and those after it to keep the changes before it, or move the journal aside to start from the last snapshot",
      );
    }
  });
  return { entries, written: true };
}

/**
 * Loads the snapshot and replays the journal over it; nothing there is an empty cluster.
 * Returns whether there was anything, and whether the files should be rewritten now.
 */
export function loadState(
  path: string,
  store: Store,
  registry: Registry,
): { loaded: boolean; compact: boolean } {
  const snapshot = readSnapshot(path);
  const { entries, written } = readJournal(journalPath(path));
  let rv = snapshot?.resourceVersion ?? 1;
  for (const { key, object } of snapshot?.objects ?? []) store.load(key, object);
  const since = rv;
  let replayed = 0;
  for (const entry of entries) {
    if (entry.rv <= since) continue; // already in the snapshot (a fold that stopped half-way)
    replayed += 1;
    if (entry.object !== undefined) store.load(entry.key, entry.object);
    else if (entry.delete !== undefined) {
      store.unload(entry.key, entry.delete.namespace, entry.delete.name);
    }
    rv = Math.max(rv, entry.rv);
  }
  for (const crd of store.list(CRDS)) registry.registerCrd(crd);
  store.resetCounter(rv);
  const loose = snapshot !== undefined && (statSync(path).mode & 0o077) !== 0;
  return {
    loaded: snapshot !== undefined || replayed > 0,
    // A torn last line must go before anything is appended after it.
    compact: snapshot === undefined || written || loose,
  };
}

/** The snapshot's bytes, built from each object's cached JSON (no re-serialization). */
function serialize(store: Store): Buffer {
  const parts: Buffer[] = [Buffer.from(`{"version":1,"resourceVersion":${store.rv},"objects":[`)];
  let first = true;
  for (const { key, object } of store.snapshot()) {
    parts.push(Buffer.from(`${first ? "" : ","}{"key":${JSON.stringify(key)},"object":`));
    parts.push(objectJson(object, object.apiVersion ?? "", object.kind ?? ""));
    parts.push(Buffer.from("}"));
    first = false;
  }
  parts.push(Buffer.from("]}"));
  return Buffer.concat(parts);
}

let counter = 0;
function tempName(path: string): string {
  counter += 1;
  return `${path}.${process.pid}.${counter}.tmp`;
}

/** Makes a rename or a new file in `dir` durable (where a directory can be synced at all). */
function syncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Some systems cannot sync a directory; the rename is as durable as they make it.
  } finally {
    closeSync(fd);
  }
}

/** Writes the snapshot atomically: a new 0600 file, synced, renamed over the old one. */
function writeSnapshotSync(path: string, data: Buffer): void {
  const tmp = tempName(path);
  const fd = openSync(tmp, "wx", 0o600);
  try {
    for (let off = 0; off < data.length;) off += writeSync(fd, data, off, data.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  syncDir(dirname(path));
}

async function writeSnapshot(path: string, data: Buffer): Promise<void> {
  const tmp = tempName(path);
  const file = await open(tmp, "wx", 0o600);
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, path);
  syncDir(dirname(path));
}

const LINE_END = Buffer.from("}\n");

/** The line a store event is journaled as (the object's cached JSON, not serialized again). */
function entryLine(store: Store, e: StoreEvent): Buffer {
  const head = `{"rv":${store.rv},"key":${JSON.stringify(e.key)},`;
  if (e.type === "DELETED") {
    const { namespace, name } = e.object.metadata;
    return Buffer.from(`${head}"delete":${JSON.stringify({ namespace, name })}}\n`);
  }
  const json = objectJson(e.object, e.object.apiVersion ?? "", e.object.kind ?? "");
  return Buffer.concat([Buffer.from(`${head}"object":`), json, LINE_END]);
}

/** Journals the store's changes to a state file and folds them into its snapshot. */
export class StateFile {
  private readonly journal: Journal;
  private snapshotBytes = 0;
  private folding = false;

  /** Opens the journal; `compact` (from loadState) first rewrites the snapshot and empties it. */
  constructor(
    private readonly path: string,
    private readonly store: Store,
    compact: boolean,
    onFailure?: (e: Error) => void,
  ) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    if (compact) {
      const data = serialize(store);
      writeSnapshotSync(path, data);
      this.snapshotBytes = data.length;
      try {
        unlinkSync(journalPath(path));
      } catch {
        // there was none
      }
    } else this.snapshotBytes = statSync(path).size;
    this.journal = new Journal(journalPath(path), onFailure);
    syncDir(dirname(path));
    store.subscribe((e) => {
      this.journal.append(entryLine(store, e));
      // Folded once it outgrows the snapshot: rewriting the state costs no more than was appended.
      if (!this.folding && this.journal.size > Math.max(MIN_COMPACT_BYTES, this.snapshotBytes)) {
        this.folding = true;
        this.flush()
          .catch(() => {}) // the journal reports it and refuses to vouch for later writes
          .finally(() => (this.folding = false));
      }
    });
  }

  /** Resolves when every change made so far is on disk; undefined when all already are. */
  durable(): Promise<void> | undefined {
    return this.journal.durable();
  }

  /** Folds the journal into a new snapshot now; resolves when it is on disk. */
  flush(): Promise<void> {
    return this.journal.compact(async () => {
      const data = serialize(this.store);
      await writeSnapshot(this.path, data);
      this.snapshotBytes = data.length;
    });
  }

  /** A last fold, and the journal closed and removed: the snapshot holds everything. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.journal.close();
    }
    unlinkSync(journalPath(this.path));
  }
}
