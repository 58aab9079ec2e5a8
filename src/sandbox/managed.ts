/**
 * A simplified model of server-side apply field ownership (metadata.managedFields).
 * Maps are tracked per key down to leaves; lists are atomic (owned as a whole).
 * Managers are identified by name and operation, as the real server does.
 */
import { StatusError } from "./errors.js";
import { clone, deepEqual, isObject } from "./patch.js";
import type { KObject, ManagedFieldsEntry } from "./types.js";

type Path = string[];
type Obj = Record<string, unknown>;

const SKIP_META = new Set([
  "name",
  "namespace",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "managedFields",
  "selfLink",
]);

/** Leaf paths of an object, leaving out identity, bookkeeping and (unless asked) status. */
export function leafPaths(obj: Obj, includeStatus = false): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, path: Path): void => {
    if (isObject(v) && Object.keys(v).length > 0) {
      for (const [k, child] of Object.entries(v)) {
        if (path.length === 0 && (k === "apiVersion" || k === "kind")) continue;
        if (path.length === 0 && k === "status" && !includeStatus) continue;
        if (path.length === 1 && path[0] === "metadata" && SKIP_META.has(k)) continue;
        walk(child, [...path, k]);
      }
    } else if (path.length > 0) out.push(path);
  };
  walk(obj, []);
  return out;
}

const enc = (p: Path): string => JSON.stringify(p);
const dec = (s: string): Path => JSON.parse(s) as Path;

function overlaps(a: Path, b: Path): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function valueAt(obj: unknown, path: Path): unknown {
  let cur = obj;
  for (const p of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

export function toFieldsV1(paths: Path[]): Obj {
  const root: Obj = {};
  for (const path of paths) {
    let cur = root;
    for (const seg of path) {
      const key = `f:${seg}`;
      const next = isObject(cur[key]) ? (cur[key] as Obj) : {};
      cur[key] = next;
      cur = next;
    }
  }
  return root;
}

export function fromFieldsV1(fields: unknown): Path[] {
  const out: Path[] = [];
  const walk = (node: unknown, path: Path): void => {
    const children = isObject(node) ? Object.keys(node).filter((k) => k.startsWith("f:")) : [];
    const others = isObject(node)
      ? Object.keys(node).filter((k) => k !== "." && !k.startsWith("f:"))
      : [];
    if (children.length === 0 || others.length > 0) {
      if (path.length > 0) out.push(path);
      return;
    }
    for (const k of children) walk((node as Obj)[k], [...path, k.slice(2)]);
  };
  walk(fields, []);
  return out;
}

interface Owner {
  entry: ManagedFieldsEntry;
  paths: Set<string>;
}

function owners(obj: KObject): Owner[] {
  return (obj.metadata.managedFields ?? []).map((entry) => ({
    entry,
    paths: new Set(fromFieldsV1(entry.fieldsV1).map(enc)),
  }));
}

function store(obj: KObject, list: Owner[]): void {
  const live = list
    .map((o) => ({
      ...o,
      paths: [...o.paths].map(dec).filter((p) => valueAt(obj, p) !== undefined),
    }))
    .filter((o) => o.paths.length > 0);
  if (live.length === 0) {
    delete obj.metadata.managedFields;
    return;
  }
  obj.metadata.managedFields = live.map((o) => ({ ...o.entry, fieldsV1: toFieldsV1(o.paths) }));
}

function entryFor(
  list: Owner[],
  manager: string,
  operation: "Apply" | "Update",
  apiVersion: string,
  subresource: string | undefined,
): Owner {
  const time = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  let owner = list.find(
    (o) =>
      o.entry.manager === manager &&
      o.entry.operation === operation &&
      o.entry.subresource === subresource,
  );
  if (owner === undefined) {
    const entry: ManagedFieldsEntry = {
      manager,
      operation,
      apiVersion,
      time,
      fieldsType: "FieldsV1",
      fieldsV1: {},
    };
    if (subresource !== undefined) entry.subresource = subresource;
    owner = { entry, paths: new Set() };
    list.push(owner);
  }
  owner.entry = { ...owner.entry, apiVersion, time };
  return owner;
}

/** Records a non-apply write (create, update, patch): the manager takes the fields it changed. */
export function recordUpdate(
  before: KObject | undefined,
  after: KObject,
  manager: string,
  apiVersion: string,
  subresource?: string,
): void {
  const list = owners(after);
  const includeStatus = subresource === "status";
  const changed = leafPaths(after, includeStatus).filter(
    (p) => before === undefined || !deepEqual(valueAt(before, p), valueAt(after, p)),
  );
  if (changed.length > 0) {
    const mine = entryFor(list, manager, "Update", apiVersion, subresource);
    for (const o of list) {
      if (o === mine) continue;
      for (const s of [...o.paths]) if (changed.some((c) => overlaps(dec(s), c))) o.paths.delete(s);
    }
    for (const p of changed) mine.paths.add(enc(p));
  }
  store(after, list);
}

function formatPath(p: Path): string {
  return p.map((s) => `.${s}`).join("");
}

/**
 * Server-side apply of `applied` onto `live` (undefined when creating) by `manager`.
 * Returns the new object; throws a 409 Conflict naming the other managers unless forced.
 */
export function serverSideApply(
  live: KObject | undefined,
  applied: KObject,
  manager: string,
  force: boolean,
  apiVersion: string,
): KObject {
  const base: KObject = live === undefined ? { metadata: {} } : clone(live);
  const list = owners(base);
  const appliedPaths = leafPaths(applied);
  const conflicts: Array<{ manager: string; path: Path }> = [];
  for (const o of list) {
    if (o.entry.manager === manager && o.entry.operation === "Apply") continue;
    if (o.entry.subresource === "status") continue;
    for (const s of o.paths) {
      const owned = dec(s);
      for (const p of appliedPaths) {
        if (!overlaps(owned, p)) continue;
        const longer = owned.length > p.length ? owned : p;
        if (!deepEqual(valueAt(base, longer), valueAt(applied, longer))) {
          conflicts.push({ manager: o.entry.manager, path: p });
        }
      }
    }
  }
  if (conflicts.length > 0 && !force) throw applyConflict(conflicts, apiVersion);

  const mine = entryFor(list, manager, "Apply", apiVersion, undefined);
  const otherPaths = (): Path[] =>
    list.filter((o) => o !== mine).flatMap((o) => [...o.paths].map(dec));
  // Fields this manager applied before and no longer applies are removed, unless others own them.
  const appliedSet = new Set(appliedPaths.map(enc));
  for (const s of mine.paths) {
    if (appliedSet.has(s)) continue;
    const p = dec(s);
    if (appliedPaths.some((a) => overlaps(a, p))) continue;
    if (otherPaths().some((o) => overlaps(o, p))) continue;
    removePath(base, p);
  }
  // Forced or conflicting fields move to this manager.
  for (const c of conflicts) {
    for (const o of list) {
      if (o === mine) continue;
      for (const s of [...o.paths]) if (overlaps(dec(s), c.path)) o.paths.delete(s);
    }
  }
  const result = applyMerge(base, applied) as KObject;
  mine.paths = appliedSet;
  store(result, list);
  return result;
}

function applyMerge(target: unknown, applied: unknown): unknown {
  if (!isObject(applied)) return clone(applied);
  const out: Obj = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(applied)) {
    if (v === null) {
      delete out[k];
      continue;
    }
    out[k] = applyMerge(out[k], v);
  }
  return out;
}

function removePath(obj: Obj, path: Path): void {
  const parents: Obj[] = [];
  let cur: unknown = obj;
  for (const seg of path.slice(0, -1)) {
    if (!isObject(cur)) return;
    parents.push(cur);
    cur = cur[seg];
  }
  if (!isObject(cur)) return;
  delete cur[path[path.length - 1] ?? ""];
  // Drop maps the removal left empty (but never the top-level ones).
  let child = cur;
  for (let i = parents.length - 1; i >= 1; i--) {
    const parent = parents[i];
    const key = path[i] ?? "";
    if (parent === undefined || Object.keys(child).length > 0) break;
    delete parent[key];
    child = parent;
  }
}

function applyConflict(
  conflicts: Array<{ manager: string; path: Path }>,
  apiVersion: string,
): StatusError {
  const unique = conflicts.filter(
    (c, i) =>
      conflicts.findIndex((d) => d.manager === c.manager && enc(d.path) === enc(c.path)) === i,
  );
  const byManager = new Map<string, Path[]>();
  for (const c of unique) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.path]);
  const parts = [...byManager.entries()].map(([m, paths]) =>
    paths.length === 1
      ? `conflict with "${m}" using ${apiVersion}: ${formatPath(paths[0] ?? [])}`
      : `conflicts with "${m}" using ${apiVersion}:\n${paths.map((p) => `- ${formatPath(p)}`).join("\n")}`,
  );
  const n = unique.length;
  return new StatusError(
    409,
    "Conflict",
    `Apply failed with ${n} conflict${n === 1 ? "" : "s"}: ${parts.join("\n")}`,
    {
      causes: unique.map((c) => ({
        reason: "FieldManagerConflict",
        message: `conflict with "${c.manager}" using ${apiVersion}`,
        field: formatPath(c.path),
      })),
    },
  );
}
