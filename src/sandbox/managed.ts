/**
 * A simplified model of server-side apply field ownership (metadata.managedFields).
 * Maps are tracked per key down to leaves; lists with a merge key (containers by name, env by
 * name, ports by port...) per element, as `k:{"name":"web"}`; other lists are atomic.
 * Path segments are FieldsV1 keys: `f:<field>` or `k:<key json>`.
 * Managers are identified by name and operation, as the real server does.
 * A map or list item that a manager brought into being is itself a member of its set, `"."`
 * under the item's key, as the real server writes it; such a member is a path ending in ".".
 */
import { StatusError } from "./errors.js";
import { listKeyFor } from "./listKeys.js";
import { clone, deepEqual, getOwn, isObject, setOwn } from "./patch.js";
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

/** The merge key of a list whose elements can be owned one by one, if it has one. */
function listKey(field: string, items: unknown[]): string | undefined {
  const key = listKeyFor(field, items);
  if (key === undefined || items.length === 0) return undefined;
  return items.every((i) => isObject(i) && i[key] !== undefined && i[key] !== null)
    ? key
    : undefined;
}

const keySegment = (key: string, item: Obj): string => `k:${JSON.stringify({ [key]: item[key] })}`;

/** Leaf paths of an object, leaving out identity, bookkeeping and (unless asked) status. */
export function leafPaths(obj: Obj, includeStatus = false): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, path: Path, field: string): void => {
    if (Array.isArray(v) && path.length > 0) {
      const key = listKey(field, v);
      if (key !== undefined) {
        for (const item of v as Obj[]) walk(item, [...path, keySegment(key, item)], "");
        return;
      }
    }
    if (isObject(v) && Object.keys(v).length > 0) {
      for (const [k, child] of Object.entries(v)) {
        if (path.length === 0 && (k === "apiVersion" || k === "kind")) continue;
        if (path.length === 0 && k === "status" && !includeStatus) continue;
        if (path.length === 1 && path[0] === "f:metadata" && SKIP_META.has(k)) continue;
        walk(child, [...path, `f:${k}`], k);
      }
    } else if (path.length > 0) out.push(path);
  };
  walk(obj, [], "");
  return out;
}

const MEMBER = ".";
const isMember = (p: Path): boolean => p[p.length - 1] === MEMBER;

/**
 * Maps (not structs) whose creation the real server records as a member: it knows from the
 * schema, the sandbox from the field's name. List items keyed by `k:` are always members.
 */
const MAP_FIELDS = new Set([
  "f:labels",
  "f:annotations",
  "f:matchLabels",
  "f:nodeSelector",
  "f:selector",
  "f:data",
  "f:stringData",
  "f:binaryData",
]);

/** The members (maps and list items) on `paths` that `before` did not have. */
function newMembers(paths: Path[], before: unknown, keyedOnly: boolean): Path[] {
  const out = new Map<string, Path>();
  for (const p of paths) {
    for (let i = 1; i < p.length; i++) {
      const seg = p[i - 1] ?? "";
      const member = seg.startsWith("k:") || (!keyedOnly && MAP_FIELDS.has(seg));
      if (!member) continue;
      const prefix = p.slice(0, i);
      if (before !== undefined && valueAt(before, prefix) !== undefined) continue;
      out.set(enc(prefix), [...prefix, MEMBER]);
    }
  }
  return [...out.values()];
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
  for (const seg of path) {
    if (seg === MEMBER) continue;
    if (seg.startsWith("k:")) {
      if (!Array.isArray(cur)) return undefined;
      const want = JSON.parse(seg.slice(2)) as Obj;
      const [k, v] = Object.entries(want)[0] ?? ["", undefined];
      cur = cur.find((i) => isObject(i) && deepEqual(getOwn(i, k), v));
    } else {
      if (!isObject(cur)) return undefined;
      cur = getOwn(cur, seg.slice(2));
    }
  }
  return cur;
}

export function toFieldsV1(paths: Path[]): Obj {
  const root: Obj = {};
  for (const path of paths) {
    let cur = root;
    for (const seg of path) {
      const next = isObject(cur[seg]) ? (cur[seg] as Obj) : {};
      cur[seg] = next;
      cur = next;
    }
  }
  return root;
}

export function fromFieldsV1(fields: unknown): Path[] {
  const out: Path[] = [];
  const walk = (node: unknown, path: Path): void => {
    const keys = isObject(node) ? Object.keys(node) : [];
    const children = keys.filter((k) => k.startsWith("f:") || k.startsWith("k:"));
    if (children.length === 0 || keys.some((k) => k.startsWith("v:") || k.startsWith("i:"))) {
      if (path.length > 0) out.push(path);
      return;
    }
    if (keys.includes(MEMBER) && path.length > 0) out.push([...path, MEMBER]);
    for (const k of children) walk((node as Obj)[k], [...path, k]);
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
  obj.metadata.managedFields = live
    .map((o) => ({ ...o.entry, fieldsV1: toFieldsV1(o.paths) }))
    .sort(serverOrder);
}

/** The real server's order: Apply before Update, then oldest first (to the second), then name. */
function serverOrder(a: ManagedFieldsEntry, b: ManagedFieldsEntry): number {
  const seconds = (e: ManagedFieldsEntry): number =>
    Math.floor(Date.parse(e.time ?? "") / 1000) || 0;
  const keys = (e: ManagedFieldsEntry): Array<string | number> => [
    e.operation ?? "",
    seconds(e),
    e.manager ?? "",
    e.apiVersion ?? "",
    e.subresource ?? "",
  ];
  const [ka, kb] = [keys(a), keys(b)];
  for (let i = 0; i < ka.length; i++) {
    const [x, y] = [ka[i] ?? "", kb[i] ?? ""];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
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
    for (const p of [...changed, ...newMembers(changed, before, false)]) mine.paths.add(enc(p));
  }
  store(after, list);
}

function formatPath(p: Path): string {
  return p
    .map((s) => {
      if (!s.startsWith("k:")) return `.${s.slice(2)}`;
      const [k, v] = Object.entries(JSON.parse(s.slice(2)) as Obj)[0] ?? ["", ""];
      return `[${k}=${JSON.stringify(v)}]`;
    })
    .join("");
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
    if (isMember(p)) continue;
    const kept = (q: Path): boolean =>
      appliedPaths.some((a) => overlaps(a, q)) || otherPaths().some((o) => overlaps(o, q));
    if (kept(p)) continue;
    removePath(base, wholeItem(p, kept) ?? p);
  }
  // Forced or conflicting fields move to this manager.
  for (const c of conflicts) {
    for (const o of list) {
      if (o === mine) continue;
      for (const s of [...o.paths]) if (overlaps(dec(s), c.path)) o.paths.delete(s);
    }
  }
  const result = applyMerge(base, applied) as KObject;
  // An applier owns each list item it applies as a whole, whether or not it created it.
  mine.paths = new Set([...appliedSet, ...newMembers(appliedPaths, undefined, true).map(enc)]);
  store(result, list);
  return result;
}

function applyMerge(target: unknown, applied: unknown, field = ""): unknown {
  if (Array.isArray(applied) && Array.isArray(target)) {
    const key = listKey(field, applied);
    if (key !== undefined && listKey(field, target) !== undefined) {
      const out = [...target];
      for (const item of applied as Obj[]) {
        const i = out.findIndex((t) => isObject(t) && deepEqual(t[key], item[key]));
        if (i >= 0) out[i] = applyMerge(out[i], item);
        else out.push(clone(item));
      }
      return out;
    }
  }
  if (!isObject(applied)) return clone(applied);
  const out: Obj = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(applied)) {
    if (v === null) {
      delete out[k];
      continue;
    }
    setOwn(out, k, applyMerge(getOwn(out, k), v, k));
  }
  return out;
}

/**
 * The outermost keyed list item on `path` that nothing keeps. The item goes as a whole: its
 * fields would otherwise go one by one, and once its key field is gone the rest of it can no
 * longer be found (the real server tracks the item itself, `.` in FieldsV1).
 */
function wholeItem(path: Path, kept: (p: Path) => boolean): Path | undefined {
  for (let i = 0; i < path.length; i++) {
    if (path[i]?.startsWith("k:") !== true) continue;
    const item = path.slice(0, i + 1);
    if (!kept(item)) return item;
  }
  return undefined;
}

function removePath(obj: Obj, path: Path): void {
  // containers[i] holds path[i]; walk down, remember each container.
  const containers: unknown[] = [];
  let cur: unknown = obj;
  for (const seg of path) {
    containers.push(cur);
    cur = valueAt(cur, [seg]);
    if (cur === undefined) return;
  }
  const detach = (container: unknown, seg: string): void => {
    if (seg.startsWith("k:") && Array.isArray(container)) {
      const item = valueAt(container, [seg]);
      const i = container.indexOf(item);
      if (i >= 0) container.splice(i, 1);
    } else if (isObject(container)) delete container[seg.slice(2)];
  };
  detach(containers[path.length - 1], path[path.length - 1] ?? "");
  // Drop maps, lists and list items the removal left empty (but never the top-level fields).
  for (let i = path.length - 2; i >= 1; i--) {
    const child = valueAt(containers[i], [path[i] ?? ""]);
    const empty = isObject(child)
      ? Object.keys(child).length === 0
      : Array.isArray(child) && child.length === 0;
    if (!empty) break;
    detach(containers[i], path[i] ?? "");
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
