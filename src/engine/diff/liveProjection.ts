import { itemSegment, type FieldOwner, type FieldPath } from "./fieldOwners.js";

type Obj = Record<string, unknown>;

/** Metadata the API server or helm itself sets; never part of what a chart asked for. */
const SERVER_METADATA = [
  "managedFields",
  "resourceVersion",
  "uid",
  "creationTimestamp",
  "generation",
  "selfLink",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
];

/** Owned field paths as a tree: `leaf` where a path ends, children by path step. */
interface PathTree {
  leaf: boolean;
  children: Map<string, PathTree>;
}

function treeOf(paths: FieldPath[]): PathTree {
  const root: PathTree = { leaf: false, children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const seg of path) {
      let next = node.children.get(seg);
      if (!next) node.children.set(seg, (next = { leaf: false, children: new Map() }));
      node = next;
    }
    node.leaf = true;
  }
  return root;
}

/**
 * The live object seen through the desired one (docs/release-storage.md#drift): the fields the
 * manifest sets, recursively, plus the fields other managers own, so that a field someone added
 * (`kubectl set env`, a label) shows while values the server defaulted, status, managedFields,
 * resourceVersion and timestamps never do. A field a controller owns (replicas under an
 * autoscaler) reads as the manifest has it: the controller's value is not drift. List items pair
 * by `name` where they have one, else by position.
 */
export function projectLive(live: Obj, desired: Obj, owners: FieldOwner[] = []): Obj {
  const other = treeOf(owners.filter((o) => o.role === "other").flatMap((o) => o.paths));
  const controller = treeOf(owners.filter((o) => o.role === "controller").flatMap((o) => o.paths));
  const projected = projectValue(live, desired, other, controller) as Obj;
  const metadata = projected.metadata as Obj | undefined;
  if (metadata) for (const key of SERVER_METADATA) delete metadata[key];
  delete projected.status;
  return projected;
}

function projectValue(
  live: unknown,
  desired: unknown,
  other: PathTree | undefined,
  controller: PathTree | undefined,
): unknown {
  if (controller?.leaf && desired !== undefined) return desired;
  if (other?.leaf) return live;
  if (isObj(live) && (isObj(desired) || (desired === undefined && other))) {
    const want = isObj(desired) ? desired : {};
    const keys = Object.keys(want).filter((k) => k in live);
    for (const k of Object.keys(live)) {
      if (!(k in want) && other?.children.has(`f:${k}`)) keys.push(k);
    }
    const out: Obj = {};
    for (const key of keys) {
      const seg = `f:${key}`;
      out[key] = projectValue(
        live[key],
        want[key],
        other?.children.get(seg),
        controller?.children.get(seg),
      );
    }
    return out;
  }
  if (Array.isArray(live) && (Array.isArray(desired) || (desired === undefined && other))) {
    const want = Array.isArray(desired) ? desired : undefined;
    const out: unknown[] = [];
    live.forEach((item, i) => {
      const seg = itemSegment(item, i);
      const mine = other?.children.get(seg);
      const match = want === undefined ? undefined : pairedItem(want, item, i);
      // Items the manifest does not have stay whole when it has the list (they are drift).
      if (match === undefined && want !== undefined) out.push(item);
      else if (match !== undefined || mine)
        out.push(projectValue(item, match, mine, controller?.children.get(seg)));
    });
    return out;
  }
  return live;
}

/** The desired item a live one pairs with: the same `name`, else the same position. */
function pairedItem(desired: unknown[], item: unknown, index: number): unknown {
  if (isObj(item) && typeof item.name === "string") {
    return desired.find((d) => isObj(d) && d.name === item.name);
  }
  return desired[index];
}

function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
