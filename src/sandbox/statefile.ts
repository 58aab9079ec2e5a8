/** Keeps the store in a JSON file: loaded at start, written atomically (temp file + rename). */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { rename, writeFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { resourceKey } from "./identity.js";
import type { Registry } from "./resources.js";
import { objectJson } from "./store.js";
import type { Store } from "./store.js";
import type { KObject } from "./types.js";

interface StateFile {
  version: 1;
  resourceVersion: number;
  objects: Array<{ key: string; object: KObject }>;
}

/** Loads a state file into the store; a missing file is an empty cluster. Returns true if loaded. */
export function loadState(path: string, store: Store, registry: Registry): boolean {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
  let state: StateFile;
  try {
    state = JSON.parse(text) as StateFile;
  } catch (e) {
    throw new Error(`${path} is not a sandbox state file: ${(e as Error).message}`);
  }
  if (state.version !== 1 || !Array.isArray(state.objects)) {
    throw new Error(`${path} is not a sandbox state file (version 1)`);
  }
  for (const { key, object } of state.objects) {
    store.load(key, object);
    if (key === resourceKey("apiextensions.k8s.io", "customresourcedefinitions"))
      registry.registerCrd(object);
  }
  store.resetCounter(state.resourceVersion);
  return true;
}

/** The state file's bytes, built from each object's cached JSON (no re-serialization). */
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

/** Debounced, atomic writer of the state file. */
export class StateWriter {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly path: string,
    private readonly store: Store,
    private readonly debounceMs = 100,
  ) {
    mkdirSync(dirname(path), { recursive: true });
  }

  changed(): void {
    this.dirty = true;
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.debounceMs);
  }

  /** Writes now if anything changed; resolves when the file is on disk. */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      const tmp = tempName(this.path);
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(tmp, serialize(this.store));
      await rename(tmp, this.path);
    });
    return this.writing;
  }

  /** Synchronous write, for exit handlers. */
  flushSync(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    const tmp = tempName(this.path);
    writeFileSync(tmp, serialize(this.store));
    renameSync(tmp, this.path);
  }
}
