/**
 * Folding the additions/changes patch into the deletions patch, as CreateThreeWayMergePatch does
 * with strategicpatch's mergeMap in its patch-merging mode: parallel lists ($setElementOrder,
 * $deleteFromPrimitiveList) and $retainKeys are carried over rather than executed, nulls are
 * kept (they are deletions), and merging lists are merged by merge key. Both inputs are fresh
 * patches owned by the caller; `base` is updated in place and returned.
 */
import {
  DELETE,
  DELETE_FROM_PRIMITIVE_LIST,
  PATCH_DIRECTIVE,
  REPLACE,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
} from "./directives.js";
import { PatchError } from "./errors.js";
import {
  deduplicateScalars,
  deepEqual,
  goType,
  isJsonObject,
  type JsonObject,
} from "./jsonValues.js";
import {
  findByMergeKey,
  mergeKeyValue,
  normalizeElementOrder,
  partitionByPresence,
  type ListItems,
} from "./listOrder.js";
import type { PatchSchema } from "./patchSchema.js";
import { lookupListField, lookupMapField, type FieldMeta } from "./schemaLookup.js";

export function mergePatches(
  base: JsonObject,
  patch: JsonObject,
  schema: PatchSchema | undefined,
  path: string,
): JsonObject {
  if (Object.hasOwn(patch, PATCH_DIRECTIVE)) {
    const directive = patch[PATCH_DIRECTIVE];
    if (directive === DELETE) return {};
    if (directive !== REPLACE) {
      throw new PatchError(path, `unknown patch type: ${JSON.stringify(directive)}`);
    }
    delete patch[PATCH_DIRECTIVE];
    return patch;
  }
  carryRetainKeys(base, patch, path);
  mergeOrderedLists(base, patch, schema, path);
  for (const [key, value] of Object.entries(patch)) {
    const at = `${path}.${key}`;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      base[key] = value;
      continue;
    }
    if (value === null) delete base[key];
    if (!Object.hasOwn(base, key) || goType(base[key]) !== goType(value)) {
      setWithoutDirectives(base, key, value);
      continue;
    }
    const type = goType(value);
    if (type === "map") {
      const meta = lookupMapField(schema, key, at);
      base[key] =
        meta.strategy === REPLACE
          ? value
          : mergePatches(base[key] as JsonObject, value as JsonObject, meta.schema, at);
    } else if (type === "slice") {
      base[key] = mergeListField(
        base[key] as unknown[],
        value as unknown[],
        lookupListField(schema, key, at),
        at,
      );
    } else {
      setWithoutDirectives(base, key, value);
    }
  }
  return base;
}

/** Both halves list the same keys (those of `modified`); the first one found is kept. */
function carryRetainKeys(base: JsonObject, patch: JsonObject, path: string): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const keys = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Object.hasOwn(base, RETAIN_KEYS)) base[RETAIN_KEYS] = keys;
  else if (!deepEqual(base[RETAIN_KEYS], keys)) {
    throw new PatchError(path, "the two halves of the patch disagree on $retainKeys");
  }
}

/**
 * Each `$setElementOrder/<field>` of `patch` moves to `base`, and the field's two lists are
 * merged and ordered by it (mergePatchIntoOriginal).
 */
function mergeOrderedLists(
  base: JsonObject,
  patch: JsonObject,
  schema: PatchSchema | undefined,
  path: string,
): void {
  for (const orderKey of Object.keys(patch)) {
    if (!orderKey.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[orderKey];
    if (!Object.hasOwn(base, orderKey)) base[orderKey] = order;
    else if (!deepEqual(base[orderKey], order)) {
      throw new PatchError(path, `the two halves of the patch disagree on ${orderKey}`);
    }
    delete patch[orderKey];
    const field = orderKey.slice(SET_ELEMENT_ORDER.length + 1);
    const at = `${path}.${field}`;
    if (!Array.isArray(order) || orderKey[SET_ELEMENT_ORDER.length] !== "/") {
      throw new PatchError(at, "invalid patch format of setElementOrder list");
    }
    const baseList = listAt(base, field, at);
    const patchList = listAt(patch, field, at);
    const meta = lookupListField(schema, field, at);
    let merged: unknown[];
    if (baseList && patchList) merged = mergeListField(baseList, patchList, meta, at);
    else if (patchList) merged = removeDirectives(patchList) as unknown[];
    else if (baseList) merged = baseList;
    else continue;
    const kind = goType([...(baseList ?? []), ...(patchList ?? [])][0]);
    const [present, absent] = partitionByPresence(merged, order, {
      mergeKey: meta.mergeKey,
      ofMaps: meta.mergeKey !== "",
      path: at,
    });
    const items: ListItems = { mergeKey: meta.mergeKey, ofMaps: kind === "map", path: at };
    base[field] = normalizeElementOrder(present, absent, order, baseList ?? [], items);
    delete patch[field];
  }
}

function listAt(object: JsonObject, field: string, path: string): unknown[] | undefined {
  if (!Object.hasOwn(object, field)) return undefined;
  const value = object[field];
  if (!Array.isArray(value)) throw new PatchError(path, "expected a list beside $setElementOrder");
  return value;
}

/** A list without the merge strategy is replaced by the patch's. */
function mergeListField(
  base: unknown[],
  patch: unknown[],
  meta: FieldMeta,
  path: string,
): unknown[] {
  return meta.strategy === "merge"
    ? mergeLists(base, patch, meta.schema, meta.mergeKey, path)
    : patch;
}

/** mergeSlice without parallel lists: scalars are unioned, maps merged by merge key. */
function mergeLists(
  base: unknown[],
  patch: unknown[],
  schema: PatchSchema | undefined,
  mergeKey: string,
  path: string,
): unknown[] {
  if (base.length === 0 && patch.length === 0) return base;
  const types = new Set([...base, ...patch].map(goType));
  if (types.size > 1) throw new PatchError(path, "list element types are not identical");
  if (types.has("slice")) throw new PatchError(path, "lists of lists are not supported");
  const ofMaps = types.has("map");
  const listItems: ListItems = { mergeKey, ofMaps, path };
  let merged: unknown[];
  let from = base;
  let changes = patch;
  if (!ofMaps) merged = deduplicateScalars([...base, ...patch]);
  else {
    if (mergeKey === "") throw new PatchError(path, "cannot merge lists without merge key");
    [from, changes] = applySpecialItems(base, patch, listItems);
    merged = [...from];
    for (const item of changes) {
      const at = findByMergeKey(merged, mergeKey, mergeKeyValue(item, listItems));
      if (at < 0) merged.push(item);
      else merged[at] = mergePatches(merged[at] as JsonObject, item as JsonObject, schema, path);
    }
  }
  // Kubernetes partitions by "has a merge key", but orders by the items' type.
  const [present, absent] = partitionByPresence(merged, changes, {
    ...listItems,
    ofMaps: mergeKey !== "",
  });
  return normalizeElementOrder(present, absent, changes, from, listItems);
}

/** mergeSliceWithSpecialElements: `$patch` items of `patch` act on `base` and leave `patch`. */
function applySpecialItems(
  base: unknown[],
  patch: unknown[],
  items: ListItems,
): [base: unknown[], patch: unknown[]] {
  let kept = base;
  const plain: unknown[] = [];
  let replace = false;
  for (const item of patch) {
    const directive = isJsonObject(item) ? item[PATCH_DIRECTIVE] : undefined;
    if (directive === undefined) plain.push(item);
    else if (directive === DELETE) {
      const key = mergeKeyValue(item, items);
      kept = kept.filter((v) => findByMergeKey([v], items.mergeKey, key) < 0);
    } else if (directive === REPLACE) replace = true;
    else throw new PatchError(items.path, `unknown patch type: ${JSON.stringify(directive)}`);
  }
  return replace ? [plain, []] : [kept, plain];
}

function setWithoutDirectives(object: JsonObject, key: string, value: unknown): void {
  const cleaned = removeDirectives(value);
  if (cleaned === DROPPED) delete object[key];
  else object[key] = cleaned;
}

const DROPPED = Symbol("dropped");

/** A patch value as plain data: maps that are `$patch` directives drop out. */
function removeDirectives(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(removeDirectives).filter((v) => v !== DROPPED);
  }
  if (!isJsonObject(value)) return value;
  if (Object.hasOwn(value, PATCH_DIRECTIVE)) return DROPPED;
  const result: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const cleaned = removeDirectives(v);
    if (cleaned !== DROPPED) result[k] = cleaned;
  }
  return result;
}
