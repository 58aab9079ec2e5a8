/**
 * Strategic merge patch as the API server applies it (apimachinery's strategicpatch with
 * MergeParallelList and IgnoreUnmatchedNulls, as of Kubernetes 1.31), driven by the patch
 * metadata of the kind's OpenAPI definitions: lists with the `merge` strategy merge by their
 * merge key (or as sets, for scalars), other lists are replaced; maps merge key by key.
 * Directives: `$patch` (replace, delete), `$retainKeys`, `$setElementOrder/<list>`,
 * `$deleteFromPrimitiveList/<list>`; a null value deletes its key.
 */
import { goEqual, goFormat, goKind } from "./goValues.js";
import { clone, getOwn, isObject, setOwn } from "./patch.js";
import type { FieldPatchMeta, PatchSchema } from "./patchSchema.js";
import {
  SMP_BAD_PRIMITIVE_LIST,
  SMP_BAD_RETAIN_KEYS,
  SMP_BAD_SET_ELEMENT_ORDER,
  smpBadArgType,
  smpBadFormat,
  smpBadPatchType,
  smpFailed,
  smpNoMergeKey,
  smpNotAnObject,
} from "./smpErrors.js";
import {
  dedupeScalars,
  elementKind,
  findByKey,
  normalizeElementOrder,
  partition,
} from "./smpOrder.js";

type Obj = Record<string, unknown>;

const PATCH = "$patch";
const RETAIN_KEYS = "$retainKeys";
const DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
const SET_ELEMENT_ORDER = "$setElementOrder";
const SLICE = "[]interface {}";
const MAP = "map[string]interface {}";

/** Applies `patch` to `original` (neither is changed). A null patch changes nothing. */
export function strategicMergePatch(original: unknown, patch: unknown, schema: PatchSchema): Obj {
  const base = isObject(original) ? clone(original) : {};
  if (patch === null) return base;
  if (!isObject(patch)) throw smpNotAnObject(patch);
  return dropDirectiveKeys(mergeMap(base, clone(patch), schema)) as Obj;
}

/**
 * The server decodes the merged map into its Go type, which has no field for a directive;
 * values the merge copied from the patch unexamined lose theirs there.
 */
function dropDirectiveKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropDirectiveKeys);
  if (!isObject(v)) return v;
  const out: Obj = {};
  for (const [k, child] of Object.entries(v)) {
    const directive =
      k === PATCH ||
      k === RETAIN_KEYS ||
      k.startsWith(`${SET_ELEMENT_ORDER}/`) ||
      k.startsWith(`${DELETE_FROM_PRIMITIVE_LIST}/`);
    if (!directive) setOwn(out, k, dropDirectiveKeys(child));
  }
  return out;
}

/** `$setElementOrder/containers` → `containers`; the prefix must be followed by a slash. */
function directiveField(key: string, prefix: string, error: string): string {
  const slash = key.indexOf("/");
  if (slash < 0 || key.slice(0, slash) !== prefix) throw smpBadFormat(error);
  return key.slice(slash + 1);
}

function mergeMap(original: Obj, patch: Obj, schema: PatchSchema): Obj {
  if (Object.hasOwn(patch, PATCH)) return mapDirective(patch[PATCH], patch);
  retainKeys(original, patch);
  mergeOrderedLists(original, patch, schema);
  for (const [rawKey, value] of Object.entries(patch)) {
    const deleteList = rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST);
    const key = deleteList
      ? directiveField(rawKey, DELETE_FROM_PRIMITIVE_LIST, SMP_BAD_PRIMITIVE_LIST)
      : rawKey;
    if (value === null) {
      delete original[key];
      continue;
    }
    const current = getOwn(original, key);
    if (!Object.hasOwn(original, key) || goKind(current) !== goKind(value)) {
      if (!deleteList) takePatchValue(original, key, value);
      continue;
    }
    if (isObject(current) && isObject(value)) {
      const meta = schema.field(key, false);
      original[key] = meta.strategy === "replace" ? value : mergeMap(current, value, meta.schema);
    } else if (Array.isArray(current) && Array.isArray(value)) {
      original[key] = mergeListField(current, value, schema.field(key, true), deleteList);
    } else {
      takePatchValue(original, key, value);
    }
  }
  return original;
}

function mapDirective(directive: unknown, patch: Obj): Obj {
  if (directive === "replace") {
    delete patch[PATCH];
    return patch;
  }
  if (directive === "delete") return {};
  throw smpBadPatchType(directive, patch);
}

/**
 * A value the original does not have (or has as another type) is taken from the patch
 * without its nulls and directives; a map that is itself a `$patch` disappears.
 */
function takePatchValue(original: Obj, key: string, value: unknown): void {
  const [kept, keep] = withoutDirectives(withoutNulls(value));
  if (keep) setOwn(original, key, kept);
  else delete original[key];
}

function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (!isObject(v)) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([, c]) => c !== null)
      .map(([k, c]) => [k, withoutNulls(c)]),
  );
}

function withoutDirectives(v: unknown): [unknown, boolean] {
  if (Array.isArray(v)) {
    return [v.map(withoutDirectives).flatMap(([x, keep]) => (keep ? [x] : [])), true];
  }
  if (!isObject(v)) return [v, true];
  if (Object.hasOwn(v, PATCH)) return [undefined, false];
  const out: Obj = {};
  for (const [k, c] of Object.entries(v)) {
    const [x, keep] = withoutDirectives(c);
    if (keep) setOwn(out, k, x);
  }
  return [out, true];
}

/** `$retainKeys`: every key the patch sets must be listed; keys not listed go. */
function retainKeys(original: Obj, patch: Obj): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const listed = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(listed)) throw smpBadFormat(SMP_BAD_RETAIN_KEYS);
  const keep = (k: string): boolean => listed.some((l) => l === k);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER))
      continue;
    if (!keep(k)) throw smpBadFormat(SMP_BAD_RETAIN_KEYS);
  }
  for (const k of Object.keys(original)) if (!keep(k)) delete original[k];
}

function asList(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw smpBadArgType(SLICE, v);
  return v;
}

/**
 * `$setElementOrder/<list>`: merges the list now (taking it out of the patch) and orders the
 * result by the directive, then the patch, then the live list.
 */
function mergeOrderedLists(original: Obj, patch: Obj, schema: PatchSchema): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    const orderList = asList(order);
    const field = directiveField(key, SET_ELEMENT_ORDER, SMP_BAD_SET_ELEMENT_ORDER);
    const inOriginal = Object.hasOwn(original, field);
    const inPatch = Object.hasOwn(patch, field);
    const originalList = inOriginal ? asList(original[field]) : [];
    const patchList = inPatch ? asList(patch[field]) : [];
    const meta = schema.field(field, true);
    checkOrderList(patchList, orderList, meta.mergeKey);
    let merged: unknown[];
    if (inOriginal && !inPatch) merged = originalList;
    else if (!inOriginal && inPatch) merged = withoutDirectives(patchList)[0] as unknown[];
    else if (inOriginal && inPatch) merged = mergeListField(originalList, patchList, meta, false);
    else continue;
    const [named, rest] = partition(merged, orderList, meta.mergeKey);
    const kind = elementKind(originalList, patchList);
    setOwn(
      original,
      field,
      normalizeElementOrder(named, rest, orderList, originalList, meta.mergeKey, kind),
    );
    delete patch[field];
  }
}

function keyValue(item: unknown, mergeKey: string): unknown {
  if (!isObject(item)) throw smpBadArgType(MAP, item);
  if (!Object.hasOwn(item, mergeKey)) throw smpNoMergeKey(item, mergeKey);
  return item[mergeKey];
}

/** The patch list must name its items in the order the directive gives them. */
function checkOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const kept =
    mergeKey === ""
      ? patchList
      : patchList.filter((p) => {
          if (!isObject(p)) throw smpBadArgType(MAP, p);
          return p[PATCH] !== "delete";
        });
  let p = 0;
  let s = 0;
  while (p < kept.length && s < order.length) {
    const item = kept[p];
    if (isObject(item) && Object.hasOwn(item, PATCH)) {
      p++;
      continue;
    }
    const same =
      mergeKey === ""
        ? goEqual(item, order[s])
        : goEqual(keyValue(item, mergeKey), keyValue(order[s], mergeKey));
    if (same) p++;
    s++;
  }
  if (p < kept.length && s >= order.length) {
    throw smpFailed(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(order)}\n`,
    );
  }
}

function mergeListField(
  original: unknown[],
  patch: unknown[],
  meta: FieldPatchMeta,
  deleteList: boolean,
): unknown[] {
  if (meta.strategy !== "merge" && !deleteList) return patch;
  return mergeList(original, patch, meta, deleteList);
}

function mergeList(
  original: unknown[],
  patch: unknown[],
  meta: FieldPatchMeta,
  deleteList: boolean,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  const { mergeKey } = meta;
  let live = original;
  let changes: unknown[] = patch;
  let merged: unknown[];
  if (kind !== "map") {
    if (deleteList) return original.filter((v) => !patch.some((d) => goEqual(d, v)));
    merged = dedupeScalars([...original, ...patch]);
  } else {
    if (mergeKey === "")
      throw smpFailed(`cannot merge lists without merge key for ${meta.schema.name}`);
    // elementKind found only maps.
    const [kept, items] = listDirectives(original, patch as Obj[], mergeKey);
    live = kept;
    changes = items;
    merged = mergeByKey([...kept], items, meta);
  }
  const [named, rest] = partition(merged, changes, mergeKey);
  return normalizeElementOrder(named, rest, changes, live, mergeKey, kind);
}

/** Applies `$patch: delete` items and `$patch: replace`; returns the live list and the rest. */
function listDirectives(original: unknown[], patch: Obj[], mergeKey: string): [unknown[], Obj[]] {
  let live = original;
  const rest: Obj[] = [];
  let replace = false;
  for (const item of patch) {
    if (!Object.hasOwn(item, PATCH)) {
      rest.push(item);
      continue;
    }
    switch (item[PATCH]) {
      case "delete": {
        if (!Object.hasOwn(item, mergeKey)) throw smpNoMergeKey(item, mergeKey);
        const value = item[mergeKey];
        live = live.filter(
          (x) => !(isObject(x) && Object.hasOwn(x, mergeKey) && goEqual(x[mergeKey], value)),
        );
        break;
      }
      case "replace":
        replace = true;
        break;
      case "merge":
        throw smpFailed("merging lists cannot yet be specified in the patch");
      default:
        throw smpBadPatchType(item[PATCH], item);
    }
  }
  return replace ? [rest, []] : [live, rest];
}

/** Merges each patch item into the live item with its key, or appends it. */
function mergeByKey(live: unknown[], patch: Obj[], meta: FieldPatchMeta): unknown[] {
  for (const item of patch) {
    if (!Object.hasOwn(item, meta.mergeKey)) throw smpNoMergeKey(item, meta.mergeKey);
    const i = findByKey(live, meta.mergeKey, item[meta.mergeKey]);
    if (i >= 0) live[i] = mergeMap(live[i] as Obj, item, meta.schema);
    else live.push(item);
  }
  return live;
}
