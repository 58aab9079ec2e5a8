/**
 * Who owns which field of a live object, from metadata.managedFields
 * (docs/release-storage.md#drift). FieldsV1 names list items by their keys
 * (`k:{"name":"web"}`), values (`v:"x"`) or index (`i:0`); a field path here
 * names them the way the drift view pairs them: by `name` where the item has
 * one, by value for a scalar, else by index, so that a path found in
 * managedFields and a path found by comparing objects are the same string.
 */
import { isDeepStrictEqual } from "node:util";
import type { FieldSet, ManagedFieldsEntry } from "../cluster/managedFields.js";

type Obj = Record<string, unknown>;

/** One step of a field path: `f:<field>`, or a list item as `itemSegment` names it. */
export type FieldPath = string[];

/** How a manager's fields count for drift. */
export type ManagerRole = "release" | "controller" | "other";

/**
 * Managers whose writes are the cluster running, not a person changing the release: the
 * controllers (status, the revision annotation, replicas under an autoscaler, which in a real
 * cluster is kube-controller-manager writing through /scale) and the entry the API server
 * makes for the fields an object had before its first server-side apply.
 */
const CONTROLLERS = new Set([
  "kube-controller-manager",
  "cloud-controller-manager",
  "kube-scheduler",
  "kubelet",
  "kube-apiserver",
  "horizontal-pod-autoscaler",
  "before-first-apply",
]);

export interface FieldOwner {
  manager: string;
  operation: string;
  role: ManagerRole;
  paths: FieldPath[];
}

export function roleOf(entry: ManagedFieldsEntry, releaseManager: string): ManagerRole {
  if (entry.subresource === "status" || CONTROLLERS.has(entry.manager ?? "")) return "controller";
  return entry.manager === releaseManager ? "release" : "other";
}

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The name of a list item in a field path (see the module comment). */
export function itemSegment(item: unknown, index: number): string {
  if (isObj(item) && typeof item.name === "string")
    return `k:${JSON.stringify({ name: item.name })}`;
  if (!isObj(item) && !Array.isArray(item)) return `v:${JSON.stringify(item)}`;
  return `i:${index}`;
}

/** The index of the live list item a FieldsV1 key names, or -1. */
function findItem(list: unknown[], key: string): number {
  const body = key.slice(2);
  if (key.startsWith("i:")) return Number(body) < list.length ? Number(body) : -1;
  let want: unknown;
  try {
    want = JSON.parse(body);
  } catch {
    return -1;
  }
  if (key.startsWith("v:")) return list.findIndex((item) => isDeepStrictEqual(item, want));
  if (!isObj(want)) return -1;
  return list.findIndex(
    (item) => isObj(item) && Object.entries(want).every(([k, v]) => isDeepStrictEqual(item[k], v)),
  );
}

/** The owned fields of `set` that `live` has, as field paths (members, ".", are their fields). */
export function locateFields(set: FieldSet, live: unknown): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (node: FieldSet, value: unknown, path: FieldPath): void => {
    const children = Object.keys(node).filter((k) => k !== ".");
    if (children.length === 0) {
      if (path.length > 0) out.push(path);
      return;
    }
    for (const key of children) {
      const child = node[key] ?? {};
      if (key.startsWith("f:")) {
        const field = key.slice(2);
        if (isObj(value) && Object.hasOwn(value, field)) walk(child, value[field], [...path, key]);
      } else if (Array.isArray(value)) {
        const i = findItem(value, key);
        if (i >= 0) walk(child, value[i], [...path, itemSegment(value[i], i)]);
      }
    }
  };
  walk(set, live, []);
  return out;
}

/** Every manager's fields of a live object, status left out (it is never drift). */
export function fieldOwners(live: Obj, releaseManager: string): FieldOwner[] {
  const metadata = isObj(live.metadata) ? live.metadata : {};
  const entries = Array.isArray(metadata.managedFields)
    ? (metadata.managedFields as ManagedFieldsEntry[])
    : [];
  return entries.map((entry) => ({
    manager: entry.manager ?? "",
    operation: entry.operation ?? "",
    role: roleOf(entry, releaseManager),
    paths: locateFields(entry.fieldsV1 ?? {}, live).filter((p) => p[0] !== "f:status"),
  }));
}

/** True when one path is the other or lies inside it. */
export function overlaps(a: FieldPath, b: FieldPath): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A field path as kube-apiserver prints one: `.spec.containers[name="web"].env[name="A"]`. */
export function formatFieldPath(path: FieldPath): string {
  return path
    .map((seg) => {
      const body = seg.slice(2);
      if (seg.startsWith("f:")) return `.${body}`;
      if (seg.startsWith("i:")) return `[${body}]`;
      if (seg.startsWith("v:")) return `[=${body}]`;
      const [k, v] = Object.entries(JSON.parse(body) as Obj)[0] ?? ["", ""];
      return `[${k}=${JSON.stringify(v)}]`;
    })
    .join("");
}

/** The value at a field path (steps as `itemSegment` names list items), or undefined. */
export function valueAtPath(value: unknown, steps: FieldPath): unknown {
  let cur = value;
  for (const step of steps) {
    if (step.startsWith("f:")) {
      cur = isObj(cur) && Object.hasOwn(cur, step.slice(2)) ? cur[step.slice(2)] : undefined;
    } else {
      const list = Array.isArray(cur) ? cur : [];
      cur = list.find((item, i) => itemSegment(item, i) === step);
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}
