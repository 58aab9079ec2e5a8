/**
 * sprig's dict functions (dict.go). Dicts are map[string]interface{} and Go maps are references:
 * set, unset and merge change the map they are given (and anything sharing it, such as .Values),
 * which charts rely on, so the functions mutate in place here too.
 */
import {
  GoInt,
  GoObject,
  isGoMap,
  mapType,
  sliceType,
  typeName,
  typedMap,
  typedSlice,
  type GoMap,
  type GoValue,
} from "../../value.js";
import { strval } from "../../convert.js";
import { FuncError, type FuncMap } from "../types.js";
import { hasOwn, isEmpty, mapArg, setKey, strArg } from "./common.js";

function dict(...v: GoValue[]): GoMap {
  const d: GoMap = {};
  for (let i = 0; i < v.length; i += 2) setKey(d, strval(v[i]), i + 1 < v.length ? v[i + 1] : "");
  return d;
}

function set(d: GoValue, key: string, value: GoValue): GoMap {
  if (d === null || d === undefined) throw new FuncError("assignment to entry in nil map");
  setKey(d as GoMap, key, value);
  return d as GoMap;
}

function unset(d: GoValue, key: string): GoMap {
  const m = mapArg(d);
  if (hasOwn(m, key)) delete m[key];
  return m;
}

function pluck(key: string, ...dicts: GoValue[]): GoValue[] {
  const res: GoValue[] = [];
  for (const d of dicts) {
    const m = mapArg(d);
    if (hasOwn(m, key)) res.push(m[key]);
  }
  return res;
}

/** Go iterates maps in random order; keys/values/omit here use insertion order. */
function keys(...dicts: GoValue[]): string[] {
  const k: string[] = [];
  for (const d of dicts) k.push(...Object.keys(mapArg(d)));
  return typedSlice(k, "[]string");
}

function pick(d: GoValue, ...ks: GoValue[]): GoMap {
  const m = mapArg(d);
  const res: GoMap = {};
  for (const k of ks) if (hasOwn(m, strArg(k))) setKey(res, strArg(k), m[strArg(k)]);
  return res;
}

function omit(d: GoValue, ...ks: GoValue[]): GoMap {
  const m = mapArg(d);
  const drop = new Set(ks.map(strArg));
  const res: GoMap = {};
  for (const k of Object.keys(m)) if (!drop.has(k)) setKey(res, k, m[k]);
  return res;
}

/**
 * mergo.Merge / MergeWithOverwrite of two map[string]interface{} (dario.cat/mergo v1.0.1's
 * deepMerge, map case). Nested maps are merged in place. Without overwrite a key is taken from
 * src only when dst lacks it or holds an empty value (nil, "", 0, false, empty list or map) and
 * the src value is not nil; with overwrite every src key wins — nil and empty values too —
 * except that a non-empty dst map absorbs a src map and a non-empty dst value keeps a src list
 * out (mergo's slice rules without AppendSlice).
 */
function deepMerge(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const key of Object.keys(src)) {
    const srcEl = src[key];
    const dstHas = hasOwn(dst, key);
    const dstEl = dstHas ? dst[key] : undefined;
    if (srcEl === null || srcEl === undefined) {
      if (overwrite) setKey(dst, key, null);
      continue;
    }
    const srcIsMap = isGoMap(srcEl);
    const srcIsSlice = Array.isArray(srcEl) || srcEl instanceof Uint8Array;
    // A src map is merged into a dst map even when the dst map is empty (and then replaced).
    if (srcIsMap && isGoMap(dstEl)) deepMerge(dstEl, srcEl, overwrite);
    const dstFilled = dstHas && !isEmpty(dstEl);
    if (dstFilled && (srcIsSlice || (srcIsMap && isGoMap(dstEl)))) {
      // mergo wrote dst's own slice back (or an equivalent value): nothing changes.
      if (srcIsSlice && overwrite) setKey(dst, key, srcEl);
      continue;
    }
    if (overwrite || !dstHas || isEmpty(dstEl)) setKey(dst, key, srcEl);
  }
}

function merge(dst: GoValue, srcs: GoValue[], overwrite: boolean): GoMap {
  const d = mapArg(dst);
  for (const src of srcs) deepMerge(d, mapArg(src), overwrite);
  return d;
}

function values(d: GoValue): GoValue[] {
  return Object.values(mapArg(d));
}

/** mitchellh/copystructure.Copy: new maps and slices all the way down, keeping their Go types. */
export function deepCopyValue(v: GoValue): GoValue {
  if (Array.isArray(v)) {
    const out = v.map(deepCopyValue);
    const t = sliceType(v);
    return t === "[]interface {}" ? out : typedSlice(out, t);
  }
  if (v instanceof Uint8Array) return v.slice();
  if (v instanceof GoInt || v instanceof GoObject || !isGoMap(v)) return v;
  const out: GoMap = {};
  for (const k of Object.keys(v)) setKey(out, k, deepCopyValue(v[k]));
  const t = mapType(v);
  return t === "map[string]interface {}" ? out : typedMap(out, t);
}

function deepCopy(v: GoValue): GoValue {
  if (v === null || v === undefined)
    throw new FuncError("reflect: call of reflect.Value.Type on zero Value");
  return deepCopyValue(v);
}

/** The panic of a failed interface{} type assertion. */
const ifaceIsNot = (v: GoValue, want: string): string =>
  `interface conversion: interface {} is ${v === null || v === undefined ? "nil" : typeName(v)}, not ${want}`;

/** dig "a" "b" DEFAULT dict: Go's type assertions panic on a non-map or non-string step. */
function dig(...ps: GoValue[]): GoValue {
  if (ps.length < 3) throw new FuncError("dig needs at least three arguments");
  const MAP = "map[string]interface {}";
  const asMap = (v: GoValue): GoMap => {
    if (isGoMap(v) && mapType(v) === MAP) return v;
    throw new FuncError(ifaceIsNot(v, MAP));
  };
  let d = asMap(ps[ps.length - 1]);
  const def = ps[ps.length - 2];
  const ks = ps.slice(0, -2).map((k) => {
    if (typeof k !== "string") throw new FuncError(ifaceIsNot(k, "string"));
    return k;
  });
  for (let i = 0; ; i++) {
    const k = ks[i]!;
    if (!hasOwn(d, k)) return def;
    const step = d[k];
    if (i === ks.length - 1) return step;
    d = asMap(step);
  }
}

const M = "map" as const;
const S = "string" as const;

export const dictFuncs: FuncMap = {
  dict: { fn: dict, params: [], variadic: "any" },
  get: {
    fn: (d, k) => {
      const m = mapArg(d);
      return hasOwn(m, strArg(k)) ? m[strArg(k)] : "";
    },
    params: [M, S],
  },
  set: { fn: (d, k, v) => set(d, strArg(k), v), params: [M, S, "any"] },
  unset: { fn: (d, k) => unset(d, strArg(k)), params: [M, S] },
  hasKey: { fn: (d, k) => hasOwn(mapArg(d), strArg(k)), params: [M, S] },
  pluck: { fn: (k, ...ds) => pluck(strArg(k), ...ds), params: [S], variadic: M },
  keys: { fn: keys, params: [], variadic: M },
  pick: { fn: pick, params: [M], variadic: S },
  omit: { fn: omit, params: [M], variadic: S },
  merge: { fn: (d, ...s) => merge(d, s, false), params: [M], variadic: M },
  mergeOverwrite: { fn: (d, ...s) => merge(d, s, true), params: [M], variadic: M },
  mustMerge: { fn: (d, ...s) => merge(d, s, false), params: [M], variadic: M },
  mustMergeOverwrite: { fn: (d, ...s) => merge(d, s, true), params: [M], variadic: M },
  values: { fn: values, params: [M] },
  deepCopy: { fn: deepCopy, params: ["any"] },
  mustDeepCopy: { fn: deepCopy, params: ["any"] },
  dig: { fn: dig, params: [], variadic: "any" },
};
