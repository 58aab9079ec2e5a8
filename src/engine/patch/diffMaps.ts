/**
 * The two-document diff at the heart of a three-way strategic merge patch (strategicpatch's
 * diffMaps and what it calls): a patch that turns `original` into `modified`, restricted to
 * additions and changes or to deletions as the options say. The three-way patch is one diff of
 * each kind, merged (mergePatches.ts).
 */
import {
  DELETE,
  DELETE_FROM_PRIMITIVE_LIST,
  PATCH_DIRECTIVE,
  REPLACE,
  RETAIN_KEYS,
  SET_ELEMENT_ORDER,
  parallelKey,
} from "./directives.js";
import { PatchError } from "./errors.js";
import {
  deduplicateScalars,
  deepEqual,
  goEquals,
  goSortBy,
  goString,
  goType,
  isJsonObject,
  sortScalars,
  compareGoStrings,
  type GoType,
  type JsonObject,
} from "./jsonValues.js";
import { mergeKeyValue, normalizeSliceOrder, type ListItems } from "./listOrder.js";
import type { PatchSchema } from "./patchSchema.js";
import { lookupListField, lookupMapField, type FieldMeta } from "./schemaLookup.js";

export interface DiffOptions {
  /** Leave out what `modified` adds or changes (the deletions half of a three-way patch). */
  readonly ignoreChangesAndAdditions: boolean;
  /** Leave out what `modified` removes (the current→modified half). */
  readonly ignoreDeletions: boolean;
  /** Set for the value of a retainKeys field: list the keys to keep in `$retainKeys`. */
  readonly buildRetainKeys: boolean;
}

export function diffMaps(
  original: JsonObject,
  modified: JsonObject,
  schema: PatchSchema | undefined,
  options: DiffOptions,
  path: string,
): JsonObject {
  const patch: JsonObject = {};
  const level: Level = { patch, schema, options };
  const retainKeys: string[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (options.buildRetainKeys && modifiedValue !== null) retainKeys.push(key);
    if (!Object.hasOwn(original, key)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    const at = `${path}.${key}`;
    if (key === PATCH_DIRECTIVE) {
      // Only documents that are themselves patches carry directives; kept for parity.
      if (typeof originalValue !== "string" || typeof modifiedValue !== "string") {
        throw new PatchError(at, `invalid value for special key: ${PATCH_DIRECTIVE}`);
      }
      if (originalValue !== modifiedValue) patch[key] = modifiedValue;
      continue;
    }
    const type = goType(originalValue);
    if (type !== goType(modifiedValue)) {
      if (!options.ignoreChangesAndAdditions) patch[key] = modifiedValue;
    } else if (type === "map") {
      diffMapField(level, key, originalValue as JsonObject, modifiedValue as JsonObject, at);
    } else if (type === "slice") {
      diffListField(level, key, originalValue as unknown[], modifiedValue as unknown[], at);
    } else if (!options.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) {
      patch[key] = modifiedValue;
    }
  }
  if (!options.ignoreDeletions) {
    for (const key of Object.keys(original)) {
      if (!Object.hasOwn(modified, key)) patch[key] = null;
    }
  }
  // Also when nothing changed but `original` has a key `modified` lacks: against the live object
  // (a server default such as strategy.rollingUpdate) that resends a retainKeys field every time.
  if (retainKeys.length > 0 && (!isEmpty(patch) || hasAdditionalNewField(original, modified))) {
    patch[RETAIN_KEYS] = sortScalars(retainKeys);
  }
  return patch;
}

/** The lookup's error matters only when the values differ: equal values need no metadata. */
function lookupUnlessEqual(
  lookup: () => FieldMeta,
  originalValue: unknown,
  modifiedValue: unknown,
): FieldMeta | undefined {
  try {
    return lookup();
  } catch (err) {
    if (deepEqual(originalValue, modifiedValue)) return undefined;
    throw err;
  }
}

/** The map being diffed: where a field's patch goes, and what the field's lookups start from. */
interface Level {
  readonly patch: JsonObject;
  readonly schema: PatchSchema | undefined;
  readonly options: DiffOptions;
}

function diffMapField(
  { patch, schema, options }: Level,
  key: string,
  original: JsonObject,
  modified: JsonObject,
  path: string,
): void {
  const meta = lookupUnlessEqual(() => lookupMapField(schema, key, path), original, modified);
  if (!meta) return;
  if (meta.strategy === REPLACE) {
    if (!options.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  const value = diffMaps(original, modified, meta.schema, withRetainKeys(options, meta), path);
  if (!isEmpty(value)) patch[key] = value;
}

function diffListField(
  { patch, schema, options }: Level,
  key: string,
  original: unknown[],
  modified: unknown[],
  path: string,
): void {
  const meta = lookupUnlessEqual(() => lookupListField(schema, key, path), original, modified);
  if (!meta) return;
  if (meta.strategy !== "merge") {
    if (!options.ignoreChangesAndAdditions && !deepEqual(original, modified)) {
      patch[key] = modified;
    }
    return;
  }
  const diff = diffLists(original, modified, meta, withRetainKeys(options, meta), path);
  if (diff.patch.length > 0) patch[key] = diff.patch;
  if (diff.deletions.length > 0) {
    patch[parallelKey(DELETE_FROM_PRIMITIVE_LIST, key)] = diff.deletions;
  }
  if (diff.order.length > 0) patch[parallelKey(SET_ELEMENT_ORDER, key)] = diff.order;
}

function withRetainKeys(options: DiffOptions, meta: FieldMeta): DiffOptions {
  return { ...options, buildRetainKeys: meta.retainKeys };
}

interface ListDiff {
  /** Added and changed items (and, for maps, `$patch: delete` items). */
  patch: unknown[];
  /** Scalars to remove: `$deleteFromPrimitiveList/<field>`. */
  deletions: unknown[];
  /** `$setElementOrder/<field>`: every item of `modified`, by merge key for maps. */
  order: unknown[];
}

function diffLists(
  original: unknown[],
  modified: unknown[],
  meta: FieldMeta,
  options: DiffOptions,
  path: string,
): ListDiff {
  if (original.length === 0) {
    const added = modified.length === 0 || options.ignoreChangesAndAdditions ? [] : modified;
    return { patch: added, deletions: [], order: [] };
  }
  const type = sliceElementType([original, modified], path);
  if (type === "slice") throw new PatchError(path, "lists of lists are not supported");
  const items: ListItems = { mergeKey: meta.mergeKey, ofMaps: type === "map", path };
  if (items.ofMaps) {
    const { changes, deletions } = diffListsOfMaps(original, modified, meta.schema, items, options);
    const patch = [...normalizeSliceOrder(changes, modified, items), ...deletions];
    const reordered = !isOrderSame(original, modified, items);
    const wantOrder =
      (!options.ignoreChangesAndAdditions && (patch.length > 0 || reordered)) ||
      (!options.ignoreDeletions && patch.length > 0);
    const order = wantOrder
      ? modified.map((item) => ({ [items.mergeKey]: (item as JsonObject)[items.mergeKey] }))
      : [];
    return { patch, deletions: [], order };
  }
  const { additions, deletions } = diffListsOfScalars(original, modified, options);
  const wantOrder =
    (!options.ignoreDeletions && deletions.length > 0) ||
    (!options.ignoreChangesAndAdditions && !deepEqual(original, modified));
  return {
    patch: normalizeSliceOrder(additions, modified, items),
    deletions,
    order: wantOrder ? modified : [],
  };
}

/** sliceElementType: every item of every list has the same Go type. */
function sliceElementType(lists: unknown[][], path: string): GoType {
  let type: GoType | undefined;
  for (const item of lists.flat()) {
    const t = goType(item);
    if (type === undefined) type = t;
    else if (t !== type) throw new PatchError(path, "list element types are not identical");
  }
  if (type === undefined) throw new PatchError(path, "no elements in any of the given slices");
  return type;
}

function isOrderSame(original: unknown[], modified: unknown[], items: ListItems): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((item, i) =>
    goEquals(mergeKeyValue(original[i], items), mergeKeyValue(item, items)),
  );
}

/** Both lists sorted by `%v` text, then walked side by side as Kubernetes does. */
function diffListsOfScalars(
  original: unknown[],
  modified: unknown[],
  options: DiffOptions,
): { additions: unknown[]; deletions: unknown[] } {
  const from = sortScalars(original);
  const to = sortScalars(modified);
  const additions: unknown[] = [];
  const deletions: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < from.length || j < to.length) {
    const order =
      i >= from.length
        ? 1
        : j >= to.length
          ? -1
          : compareGoStrings(goString(from[i]), goString(to[j]));
    if (order === 0) {
      i++;
      j++;
    } else if (order > 0) {
      if (!options.ignoreChangesAndAdditions) additions.push(to[j]);
      j++;
    } else {
      if (!options.ignoreDeletions) deletions.push(from[i]);
      i++;
    }
  }
  return { additions, deletions: deduplicateScalars(deletions) };
}

/**
 * Items are paired by merge key after sorting both lists by its `%v` text; an item whose key is
 * only in `original` becomes `{<key>: value, $patch: delete}`.
 */
function diffListsOfMaps(
  original: unknown[],
  modified: unknown[],
  schema: PatchSchema | undefined,
  items: ListItems,
  options: DiffOptions,
): { changes: unknown[]; deletions: unknown[] } {
  const byKey = (item: unknown) => goString(isJsonObject(item) ? item[items.mergeKey] : undefined);
  const from = goSortBy(original, byKey);
  const to = goSortBy(modified, byKey);
  const changes: unknown[] = [];
  const deletions: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < from.length || j < to.length) {
    const fromKey = i < from.length ? mergeKeyValue(from[i], items) : undefined;
    const toKey = j < to.length ? mergeKeyValue(to[j], items) : undefined;
    const order =
      i >= from.length
        ? 1
        : j >= to.length
          ? -1
          : compareGoStrings(goString(fromKey), goString(toKey));
    if (order === 0) {
      const at = `${items.path}[${items.mergeKey}=${goString(toKey)}]`;
      const value = diffMaps(from[i] as JsonObject, to[j] as JsonObject, schema, options, at);
      if (!isEmpty(value)) changes.push({ ...value, [items.mergeKey]: toKey });
      i++;
      j++;
    } else if (order > 0) {
      if (!options.ignoreChangesAndAdditions) changes.push(to[j]);
      j++;
    } else {
      if (!options.ignoreDeletions) {
        deletions.push({ [items.mergeKey]: fromKey, [PATCH_DIRECTIVE]: DELETE });
      }
      i++;
    }
  }
  return { changes, deletions };
}

function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  return Object.entries(original).some(([k, v]) => v !== null && !Object.hasOwn(modified, k));
}

export function isEmpty(object: JsonObject): boolean {
  return Object.keys(object).length === 0;
}
