/**
 * Where strategicpatch puts the items of a merging list in the patch it builds. Order inside a
 * patch list does not change what the server makes of it ($setElementOrder does that), but
 * following Kubernetes here keeps our patches comparable with the ones kubectl and helm send.
 */
import { DELETE, PATCH_DIRECTIVE } from "./directives.js";
import { PatchError } from "./errors.js";
import { goEquals, goString, isJsonObject } from "./jsonValues.js";

/** A list field's items: maps identified by a merge key, or scalars identified by themselves. */
export interface ListItems {
  readonly mergeKey: string;
  readonly ofMaps: boolean;
  /** For messages. */
  readonly path: string;
}

function identity(item: unknown, items: ListItems): unknown {
  return items.ofMaps ? (isJsonObject(item) ? item[items.mergeKey] : undefined) : item;
}

/** strategicpatch's index(): the first position whose identity equals the item's. */
export function indexIn(list: readonly unknown[], item: unknown, items: ListItems): number {
  const wanted = identity(item, items);
  return list.findIndex((v) => goEquals(identity(v, items), wanted));
}

/** The item's merge key value; a merging list of maps must have one on every item. */
export function mergeKeyValue(item: unknown, items: ListItems): unknown {
  if (!isJsonObject(item)) {
    throw new PatchError(items.path, `expected a map in a merging list, got ${goString(item)}`);
  }
  if (!Object.hasOwn(item, items.mergeKey)) {
    throw new PatchError(
      items.path,
      `map ${JSON.stringify(item)} does not contain declared merge key: ${items.mergeKey}`,
    );
  }
  return item[items.mergeKey];
}

/**
 * normalizeSliceOrder: sorts `toSort` by where its items stand in `order` (stable), with
 * `$patch: delete` items moved to the end. Every item is in `order` wherever Kubernetes calls
 * this; an item that is not goes last.
 */
export function normalizeSliceOrder(
  toSort: readonly unknown[],
  order: readonly unknown[],
  items: ListItems,
): unknown[] {
  let kept = [...toSort];
  let deletions: unknown[] = [];
  if (items.ofMaps) {
    for (const item of [...toSort, ...order]) mergeKeyValue(item, items);
    kept = toSort.filter((item) => !isDeleteDirective(item));
    deletions = toSort.filter(isDeleteDirective);
  }
  const position = (item: unknown) => {
    const i = indexIn(order, item, items);
    return i < 0 ? Number.POSITIVE_INFINITY : i;
  };
  const sorted = kept
    .map((item, i) => ({ item, at: position(item), i }))
    .sort((a, b) => (a.at === b.at ? a.i - b.i : a.at < b.at ? -1 : 1))
    .map((e) => e.item);
  return [...sorted, ...deletions];
}

export function isDeleteDirective(item: unknown): boolean {
  return isJsonObject(item) && item[PATCH_DIRECTIVE] === DELETE;
}

/**
 * normalizeElementOrder: patch items in `patchOrder`, server-only items in `serverOrder`, then
 * the two interleaved so each server-only item stays ahead of the patch items it preceded live.
 */
export function normalizeElementOrder(
  patch: readonly unknown[],
  serverOnly: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  items: ListItems,
): unknown[] {
  const right = normalizeSliceOrder(patch, patchOrder, items);
  const left = normalizeSliceOrder(serverOnly, serverOrder, items);
  const merged: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) merged.push(right[j++]);
    else if (j >= right.length) merged.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], items);
      const ri = indexIn(serverOrder, right[j], items);
      if (li >= 0 && ri >= 0 && li < ri) merged.push(left[i++]);
      else merged.push(right[j++]);
    }
  }
  return merged;
}

/** Splits `list` into the items `partitionBy` also has and the ones it does not. */
export function partitionByPresence(
  list: readonly unknown[],
  partitionBy: readonly unknown[],
  items: ListItems,
): [present: unknown[], absent: unknown[]] {
  const present: unknown[] = [];
  const absent: unknown[] = [];
  for (const item of list) {
    const found = items.ofMaps
      ? findByMergeKey(partitionBy, items.mergeKey, mergeKeyValue(item, items)) >= 0
      : partitionBy.some((v) => goEquals(v, item));
    (found ? present : absent).push(item);
  }
  return [present, absent];
}

/** findMapInSliceBasedOnKeyValue: the first map whose `key` holds `value`. */
export function findByMergeKey(list: readonly unknown[], key: string, value: unknown): number {
  return list.findIndex((v) => isJsonObject(v) && Object.hasOwn(v, key) && goEquals(v[key], value));
}
