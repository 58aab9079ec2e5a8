/**
 * The order of a list after a strategic merge patch, as the API server computes it: items
 * named in the patch (or its $setElementOrder list) keep the patch's order, the other items
 * keep the live order, and the two are interleaved by the live order. An item new to the list
 * has no live position, so it is placed as soon as the patch order reaches it, ahead of the
 * live items not yet placed: new items do not go to the end.
 */
import { goSliceStable } from "./goSort.js";
import { goEqual, goFormat, goKind, type GoKind } from "./goValues.js";
import { isObject } from "./patch.js";
import { smpBadArgType, smpFailed, smpListOfLists, smpNoMergeKey } from "./smpErrors.js";

const MAP = "map[string]interface {}";

/** The value a list item is matched by: its merge key for maps, itself otherwise. */
function keyOf(item: unknown, mergeKey: string, kind: GoKind): unknown {
  if (kind !== "map") return item;
  return isObject(item) ? item[mergeKey] : undefined;
}

export function indexIn(list: unknown[], item: unknown, mergeKey: string, kind: GoKind): number {
  const want = keyOf(item, mergeKey, kind);
  return list.findIndex((x) => goEqual(keyOf(x, mergeKey, kind), want));
}

/** The first map in `list` whose `key` equals `value`. */
export function findByKey(list: unknown[], key: string, value: unknown): number {
  return list.findIndex((x, i) => {
    if (!isObject(x)) throw smpFailed(`value for key ${i} is not a map`);
    return Object.hasOwn(x, key) && goEqual(x[key], value);
  });
}

/** Items of `merged` named in `by` first, the rest second; both keep `merged`'s order. */
export function partition(
  merged: unknown[],
  by: unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  const named: unknown[] = [];
  const rest: unknown[] = [];
  for (const v of merged) {
    let found: boolean;
    if (mergeKey === "") found = by.some((b) => goEqual(b, v));
    else {
      if (!isObject(v)) throw smpBadArgType(MAP, v);
      if (!Object.hasOwn(v, mergeKey)) throw smpNoMergeKey(v, mergeKey);
      found = findByKey(by, mergeKey, v[mergeKey]) >= 0;
    }
    (found ? named : rest).push(v);
  }
  return [named, rest];
}

function checkMergeKeys(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isObject(item)) throw smpBadArgType(MAP, item);
      if (!Object.hasOwn(item, mergeKey)) throw smpNoMergeKey(item, mergeKey);
    }
  }
}

function isDeleteItem(item: unknown): boolean {
  return isObject(item) && item.$patch === "delete";
}

/** Sorts `toSort` by the positions of its items in `order` (Go's not-quite-strict `less`). */
function sortByOrder(
  toSort: unknown[],
  order: unknown[],
  mergeKey: string,
  kind: GoKind,
): unknown[] {
  let items = toSort;
  let deletes: unknown[] = [];
  if (kind === "map") {
    checkMergeKeys(mergeKey, toSort, order);
    items = toSort.filter((x) => !isDeleteItem(x));
    deletes = toSort.filter(isDeleteItem);
  }
  goSliceStable(items, (a, b) => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...items, ...deletes];
}

/** Interleaves the live-only items into the patch items, by the live order where both are known. */
function mergeSorted(
  left: unknown[],
  right: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: GoKind,
): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, kind);
      const ri = indexIn(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/**
 * The merged list in its final order: `patchItems` sorted by `patchOrder`, `serverOnly` by
 * `serverOrder`, then interleaved.
 */
export function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  kind: GoKind,
): unknown[] {
  const patched = sortByOrder(patchItems, patchOrder, mergeKey, kind);
  const live = sortByOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSorted(live, patched, serverOrder, mergeKey, kind);
}

/** Drops repeated scalars the server's way: a repeat is overwritten by the last item. */
export function dedupeScalars(items: unknown[]): unknown[] {
  const s = [...items];
  let last = s.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (goEqual(s[i], s[j])) {
        s[j] = s[last];
        s.length = last;
        last--;
        j--;
      }
    }
  }
  return s;
}

/** The one element type of the lists; the server refuses mixed lists and lists of lists. */
export function elementKind(...lists: unknown[][]): GoKind {
  let kind: GoKind | undefined;
  for (const v of lists.flat()) {
    const k = goKind(v);
    if (kind === undefined) {
      if (k === "slice") throw smpListOfLists();
      kind = k;
    } else if (k !== kind) {
      throw smpFailed(`list element types are not identical: ${goFormat(lists)}`);
    }
  }
  if (kind === undefined) throw smpFailed("no elements in any of the given slices");
  return kind;
}
