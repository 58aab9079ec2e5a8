/**
 * sprig's list functions (list.go, plus until/untilStep/seq from numeric.go). They take any
 * slice or array through reflection and return a fresh []interface{}; a non-slice fails with
 * `Cannot VERB on type KIND`, and a nil list panics on the nil reflect.Type, as in Go. The must*
 * variants return the same errors the plain ones panic with, so both fail alike here.
 */
import { GoInt, sliceType, typedSlice, type GoValue } from "../../value.js";
import { strslice, strval, toInt } from "../../convert.js";
import { FuncError, type FuncDef, type FuncMap } from "../types.js";
import { deepEqual, intArg, isEmpty, mustSliceItems, reflectKind, sliceItems } from "./common.js";

const ifaces = (items: GoValue[]): GoValue[] => items.slice();

function push(list: GoValue, v: GoValue): GoValue[] {
  return [...mustSliceItems(list, "Cannot push on type"), v];
}

function prepend(list: GoValue, v: GoValue): GoValue[] {
  return [v, ...mustSliceItems(list, "Cannot prepend on type")];
}

function chunk(size: number, list: GoValue): GoValue[] {
  const items = mustSliceItems(list, "Cannot chunk type");
  const l = items.length;
  // Go computes the chunk count in float64: size 0 gives +Inf/NaN, and make() then panics.
  const cs = Math.floor((l - 1) / size) + 1;
  if (!Number.isFinite(cs) || cs < 0)
    throw new FuncError("runtime error: makeslice: len out of range");
  const out: GoValue[] = [];
  for (let i = 0; i < cs; i++) {
    let clen = size;
    if (i === cs - 1) {
      clen = Math.floor(l % size);
      if (clen === 0) clen = size;
    }
    out.push(items.slice(i * size, i * size + clen));
  }
  return typedSlice(out, "[][]interface {}");
}

function first(list: GoValue): GoValue {
  const items = mustSliceItems(list, "Cannot find first on type");
  return items.length === 0 ? null : items[0]!;
}

function last(list: GoValue): GoValue {
  const items = mustSliceItems(list, "Cannot find last on type");
  return items.length === 0 ? null : items[items.length - 1]!;
}

/** rest/initial of an empty list is a nil []interface{}: it prints as [] and is empty. */
function rest(list: GoValue): GoValue[] {
  return mustSliceItems(list, "Cannot find rest on type").slice(1);
}

function initial(list: GoValue): GoValue[] {
  return mustSliceItems(list, "Cannot find initial on type").slice(0, -1);
}

/** Go's sort.Strings orders by bytes; for UTF-16 this differs only beyond the BMP. */
function byBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortAlpha(list: GoValue): string[] {
  if (sliceItems(list) !== undefined)
    return typedSlice(strslice(list).slice().sort(byBytes), "[]string");
  return typedSlice([strval(list)], "[]string");
}

function reverse(list: GoValue): GoValue[] {
  return ifaces(mustSliceItems(list, "Cannot find reverse on type")).reverse();
}

function compact(list: GoValue): GoValue[] {
  return mustSliceItems(list, "Cannot compact on type").filter((v) => !isEmpty(v));
}

function uniq(list: GoValue): GoValue[] {
  const dest: GoValue[] = [];
  for (const item of mustSliceItems(list, "Cannot find uniq on type")) {
    if (!dest.some((d) => deepEqual(item, d))) dest.push(item);
  }
  return dest;
}

function without(list: GoValue, ...omit: GoValue[]): GoValue[] {
  const items = mustSliceItems(list, "Cannot find without on type");
  return items.filter((item) => !omit.some((o) => deepEqual(item, o)));
}

function has(needle: GoValue, haystack: GoValue): boolean {
  if (haystack === null || haystack === undefined) return false;
  return mustSliceItems(haystack, "Cannot find has on type").some((item) =>
    deepEqual(needle, item),
  );
}

/** slice keeps the list's own type ([]string stays []string); an empty list gives nil. */
function slice(list: GoValue, ...indices: GoValue[]): GoValue {
  const items = mustSliceItems(list, "list should be type of slice or array but");
  const l = items.length;
  if (l === 0) return null;
  const start = indices.length > 0 ? toInt(indices[0]) : 0;
  const end = indices.length < 2 ? l : toInt(indices[1]);
  if (start < 0 || end < start || end > l)
    throw new FuncError("reflect.Value.Slice: slice index out of bounds");
  if (list instanceof Uint8Array) return list.slice(start, end);
  return typedSlice(items.slice(start, end), sliceType(items));
}

function concat(...lists: GoValue[]): GoValue[] {
  const res: GoValue[] = [];
  for (const list of lists) {
    const kind = reflectKind(list);
    const items = sliceItems(list);
    if (items === undefined) throw new FuncError(`Cannot concat type ${kind} as list`);
    res.push(...items);
  }
  return res;
}

/**
 * wheelhouse's bound on the lists until/untilStep/seq build (helm has none, and hangs or runs out
 * of memory): the same 10 million steps a range may take.
 */
export const MAX_LIST_STEPS = 10_000_000;

export function untilStep(start: number, stop: number, step: number): number[] {
  const v: number[] = [];
  if (
    step !== 0 &&
    Math.abs((stop - start) / step) > MAX_LIST_STEPS &&
    Math.sign(stop - start) === Math.sign(step)
  ) {
    throw new FuncError(`the list would have more than ${MAX_LIST_STEPS} items`);
  }
  if (stop < start) {
    if (step >= 0) return v;
    for (let i = start; i > stop; i += step) v.push(i);
    return v;
  }
  if (step <= 0) return v;
  for (let i = start; i < stop; i += step) v.push(i);
  return v;
}

const intSlice = (ns: number[]): GoValue[] =>
  typedSlice(
    ns.map((n) => new GoInt(n, "int")),
    "[]int",
  );

/** sprig's seq: like the Unix command, 1-based and inclusive, counting down when end < start. */
function seq(...params: number[]): string {
  let nums: number[];
  switch (params.length) {
    case 1: {
      const end = params[0]!;
      const inc = end < 1 ? -1 : 1;
      nums = untilStep(1, end + inc, inc);
      break;
    }
    case 2: {
      const [start, end] = params as [number, number];
      const step = end < start ? -1 : 1;
      nums = untilStep(start, end + step, step);
      break;
    }
    case 3: {
      const [start, step, end] = params as [number, number, number];
      let inc = 1;
      if (end < start) {
        inc = -1;
        if (step > 0) return "";
      }
      nums = untilStep(start, end + inc, step);
      break;
    }
    default:
      return "";
  }
  return nums.join(" ");
}

const any1: FuncDef["params"] = ["any"];
const listDef = (fn: (list: GoValue) => GoValue): FuncDef => ({ fn, params: any1 });

export const listFuncs: FuncMap = {
  list: { fn: (...v) => v.slice(), params: [], variadic: "any" },
  tuple: { fn: (...v) => v.slice(), params: [], variadic: "any" },
  append: { fn: push, params: ["any", "any"] },
  push: { fn: push, params: ["any", "any"] },
  mustAppend: { fn: push, params: ["any", "any"] },
  mustPush: { fn: push, params: ["any", "any"] },
  prepend: { fn: prepend, params: ["any", "any"] },
  mustPrepend: { fn: prepend, params: ["any", "any"] },
  first: listDef(first),
  mustFirst: listDef(first),
  rest: listDef(rest),
  mustRest: listDef(rest),
  last: listDef(last),
  mustLast: listDef(last),
  initial: listDef(initial),
  mustInitial: listDef(initial),
  reverse: listDef(reverse),
  mustReverse: listDef(reverse),
  uniq: listDef(uniq),
  mustUniq: listDef(uniq),
  compact: listDef(compact),
  mustCompact: listDef(compact),
  without: { fn: without, params: ["any"], variadic: "any" },
  mustWithout: { fn: without, params: ["any"], variadic: "any" },
  has: { fn: has, params: ["any", "any"] },
  mustHas: { fn: has, params: ["any", "any"] },
  slice: { fn: slice, params: ["any"], variadic: "any" },
  mustSlice: { fn: slice, params: ["any"], variadic: "any" },
  concat: { fn: concat, params: [], variadic: "any" },
  chunk: { fn: (size, list) => chunk(intArg(size), list), params: ["int", "any"] },
  mustChunk: { fn: (size, list) => chunk(intArg(size), list), params: ["int", "any"] },
  sortAlpha: listDef(sortAlpha),
  until: {
    fn: (n) => {
      const count = intArg(n);
      return intSlice(untilStep(0, count, count < 0 ? -1 : 1));
    },
    params: ["int"],
  },
  untilStep: {
    fn: (a, b, c) => intSlice(untilStep(intArg(a), intArg(b), intArg(c))),
    params: ["int", "int", "int"],
  },
  seq: { fn: (...p) => seq(...p.map(intArg)), params: [], variadic: "int" },
};
