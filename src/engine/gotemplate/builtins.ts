/**
 * text/template's predefined functions (funcs.go builtins): and or not len index slice eq ne lt le
 * gt ge print printf println html js urlquery call. Most take reflect.Value in Go, so they see
 * the difference between no value (`undefined`) and nil (`null`) — their parameters are typed
 * "value" here, which the evaluator passes through untouched. `and`/`or` short-circuit and are
 * evaluated by exec.ts itself; the entries here only carry their signatures.
 */
import { sprint, sprintf, sprintln } from "./fmt.js";
import { FuncError } from "./funcs/types.js";
import type { ParamType } from "./funcs/types.js";
import { bytesToString, stringToBytes } from "./strconv.js";
import {
  GoInt,
  GoObject,
  isGoFunction,
  isGoMap,
  sliceType,
  typeName,
  isTrue,
  type GoValue,
} from "./value.js";

/** A parameter type as the evaluator sees it: Go types plus reflect.Value ("value"). */
export type ExecParam = ParamType | "value";

/** Something callable from a template: a FuncMap entry, a builtin or a method. */
export interface Callable {
  fn: (...args: GoValue[]) => GoValue;
  params?: readonly ExecParam[];
  variadic?: ExecParam;
  /** One of text/template's own functions (and/or short-circuit, call gets the callee's name). */
  builtin?: boolean;
}

const V: ExecParam[] = ["value"];
const VV: ExecParam[] = ["value", "value"];

function unreachable(): GoValue {
  throw new FuncError("unreachable");
}

/** reflect's indirectInterface for our model: a nil interface is no value. */
function indirectInterface(v: GoValue): GoValue {
  return v === null ? undefined : v;
}

function truth(v: GoValue): boolean {
  return isTrue(v);
}

// ---------- len, index, slice ----------

const utf8Bytes = stringToBytes;

function length(item: GoValue): GoValue {
  if (item === null) throw new FuncError("len of nil pointer");
  if (item === undefined) throw new FuncError("reflect: call of reflect.Value.Type on zero Value");
  if (typeof item === "string") {
    // Go's len of a string counts UTF-8 bytes.
    // eslint-disable-next-line no-control-regex
    return new GoInt(/^[\x00-\x7f]*$/.test(item) ? item.length : utf8Bytes(item).length);
  }
  if (Array.isArray(item) || item instanceof Uint8Array) return new GoInt(item.length);
  if (isGoMap(item)) return new GoInt(Object.keys(item).length);
  throw new FuncError(`len of type ${typeName(item)}`);
}

function indexArg(index: GoValue, cap: number): number {
  let x: number;
  if (index instanceof GoInt) x = index.value;
  else if (index === undefined || index === null)
    throw new FuncError("cannot index slice/array with nil");
  else throw new FuncError(`cannot index slice/array with type ${typeName(index)}`);
  if (x < 0 || x > cap) throw new FuncError(`index out of range: ${x}`);
  return x;
}

function index(item0: GoValue, ...indexes: GoValue[]): GoValue {
  let item = indirectInterface(item0);
  if (item === undefined) throw new FuncError("index of untyped nil");
  for (const idx0 of indexes) {
    const idx = indirectInterface(idx0);
    if (item === null || item === undefined) throw new FuncError("index of nil pointer");
    if (Array.isArray(item) || item instanceof Uint8Array || typeof item === "string") {
      const bytes: Uint8Array | GoValue[] = typeof item === "string" ? utf8Bytes(item) : item;
      const x = indexArg(idx, bytes.length);
      if (x >= bytes.length) {
        throw new FuncError(
          `reflect: ${typeof item === "string" ? "string" : "slice"} index out of range`,
        );
      }
      item = bytes instanceof Uint8Array ? new GoInt(bytes[x]!, "uint8") : bytes[x];
    } else if (isGoMap(item)) {
      if (idx === undefined || idx === null)
        throw new FuncError("value is nil; should be of type string");
      if (typeof idx !== "string")
        throw new FuncError(`value has type ${typeName(idx)}; should be string`);
      item = Object.prototype.hasOwnProperty.call(item, idx) ? item[idx] : zeroOfMapElem(item);
    } else {
      throw new FuncError(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function slice(item0: GoValue, ...indexes: GoValue[]): GoValue {
  const item = indirectInterface(item0);
  if (item === undefined) throw new FuncError("slice of untyped nil");
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === "string") {
    if (indexes.length === 3) throw new FuncError("cannot 3-index slice a string");
    len = utf8Bytes(item).length;
  } else if (Array.isArray(item) || item instanceof Uint8Array) {
    len = item.length;
  } else {
    throw new FuncError(`can't slice item of type ${typeName(item)}`);
  }
  const idx: [number, number, number] = [0, len, len];
  indexes.forEach((v, i) => (idx[i] = indexArg(indirectInterface(v), len)));
  if (idx[0] > idx[1]) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2])
    throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === "string") {
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(item)) return item.slice(idx[0], idx[1]);
    return bytesToString(utf8Bytes(item).subarray(idx[0], idx[1]));
  }
  if (item instanceof Uint8Array) return item.slice(idx[0], idx[1]);
  const out = item.slice(idx[0], idx[1]);
  const t = sliceType(item);
  if (t !== "[]interface {}") return typedSliceCopy(out, t);
  return out;
}

import { typedSlice, mapElemType } from "./value.js";
function typedSliceCopy(a: GoValue[], t: string): GoValue[] {
  return typedSlice(a, t);
}

/** The zero value of a map's element type (what a missing key yields under missingkey=zero). */
export function zeroOfMapElem(m: Record<string, GoValue>): GoValue {
  return zeroOfType(mapElemType(m));
}

export function zeroOfType(t: string): GoValue {
  switch (t) {
    case "string":
      return "";
    case "bool":
      return false;
    case "float64":
    case "float32":
      return 0;
    case "int":
    case "int8":
    case "int16":
    case "int32":
    case "int64":
    case "uint":
    case "uint8":
    case "uint16":
    case "uint32":
    case "uint64":
    case "uintptr":
      return new GoInt(0, t);
    default:
      return null;
  }
}

// ---------- comparison (funcs.go eq/lt with Go's basic kinds) ----------

const enum K {
  Invalid,
  Bool,
  Int,
  Float,
  String,
  Uint,
}

function basicKind(v: GoValue): K {
  switch (typeof v) {
    case "boolean":
      return K.Bool;
    case "number":
      return K.Float;
    case "string":
      return K.String;
  }
  if (v instanceof GoInt) return v.kind.startsWith("u") ? K.Uint : K.Int;
  return K.Invalid;
}

function goType(v: GoValue): string {
  return typeName(v);
}

function comparable(v: GoValue): boolean {
  return !(Array.isArray(v) || v instanceof Uint8Array || isGoMap(v) || isGoFunction(v));
}

function eq(arg1a: GoValue, ...arg2: GoValue[]): GoValue {
  const arg1 = indirectInterface(arg1a);
  if (arg2.length === 0) throw new FuncError("missing argument for comparison");
  const k1 = basicKind(arg1);
  for (const a of arg2) {
    const arg = indirectInterface(a);
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (k1 === K.Int && k2 === K.Uint) t = num(arg1) >= 0 && num(arg1) === num(arg);
      else if (k1 === K.Uint && k2 === K.Int) t = num(arg) >= 0 && num(arg1) === num(arg);
      else if (arg1 !== undefined && arg !== undefined) {
        throw new FuncError(
          `incompatible types for comparison: ${goType(arg1)} and ${goType(arg)}`,
        );
      }
    } else if (k1 !== K.Invalid) {
      t = k1 === K.Int || k1 === K.Uint ? num(arg1) === num(arg) : arg1 === arg;
    } else {
      if (!canCompare(arg1, arg)) {
        throw new FuncError(
          `non-comparable types ${sprintf("%s", arg1)}: ${goType(arg1)}, ${goType(arg)}: ${sprintf("%v", arg)}`,
        );
      }
      if (arg1 === undefined || arg === undefined) t = arg1 === arg;
      else {
        if (!comparable(arg))
          throw new FuncError(`non-comparable type ${sprintf("%s", arg)}: ${goType(arg)}`);
        t = arg1 === arg;
      }
    }
    if (t) return true;
  }
  return false;
}

function reflectKind(v: GoValue): string {
  if (v === undefined) return "invalid";
  if (Array.isArray(v) || v instanceof Uint8Array) return "slice";
  if (isGoMap(v)) return "map";
  if (isGoFunction(v)) return "func";
  if (v instanceof GoObject) return v.goType.startsWith("*") ? "ptr" : "struct";
  return typeof v;
}

function canCompare(a: GoValue, b: GoValue): boolean {
  const k1 = reflectKind(a);
  const k2 = reflectKind(b);
  return k1 === k2 || k1 === "invalid" || k2 === "invalid";
}

function num(v: GoValue): number {
  return (v as GoInt).value;
}

function ne(a: GoValue, b: GoValue): GoValue {
  return !eq(a, b);
}

function lt(a0: GoValue, b0: GoValue): boolean {
  const a = indirectInterface(a0);
  const k1 = basicKind(a);
  if (k1 === K.Invalid) throw new FuncError("invalid type for comparison");
  const b = indirectInterface(b0);
  const k2 = basicKind(b);
  if (k2 === K.Invalid) throw new FuncError("invalid type for comparison");
  if (k1 !== k2) {
    if (k1 === K.Int && k2 === K.Uint) return num(a) < 0 || num(a) < num(b);
    if (k1 === K.Uint && k2 === K.Int) return num(b) >= 0 && num(a) < num(b);
    throw new FuncError(`incompatible types for comparison: ${goType(a)} and ${goType(b)}`);
  }
  switch (k1) {
    case K.Bool:
      throw new FuncError("invalid type for comparison");
    case K.Int:
    case K.Uint:
      return num(a) < num(b);
    case K.Float:
      return (a as number) < (b as number);
    default:
      return goStringLess(a as string, b as string);
  }
}

/** Go compares strings bytewise (UTF-8); JS compares UTF-16 units — equal except around surrogates. */
function goStringLess(a: string, b: string): boolean {
  if (a === b) return false;
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\ud7ff]*$/.test(a) && /^[\x00-\ud7ff]*$/.test(b)) return a < b;
  return Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;
}

function le(a: GoValue, b: GoValue): GoValue {
  return lt(a, b) || (eq(a, b) as boolean);
}
function gt(a: GoValue, b: GoValue): GoValue {
  return !le(a, b);
}
function ge(a: GoValue, b: GoValue): GoValue {
  return !lt(a, b);
}

// ---------- escapers ----------

/** funcs.go evalArgs: one string passes as is; otherwise the operands are Sprint-ed, nil as "<no value>". */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(...args.map((a) => (a === undefined || a === null ? "<no value>" : a)));
}

export function htmlEscapeString(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/['"&<>\x00]/.test(s)) return s;
  // eslint-disable-next-line no-control-regex
  return s.replace(/['"&<>\x00]/g, (c) => HTML_ESC[c] ?? c);
}
const HTML_ESC: Record<string, string> = {
  "\x00": "\ufffd",
  '"': "&#34;",
  "'": "&#39;",
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
};

import { isGoPrint } from "./ast.js";

export function jsEscapeString(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      switch (ch) {
        case "\\":
          out += "\\\\";
          continue;
        case "'":
          out += "\\'";
          continue;
        case '"':
          out += '\\"';
          continue;
        case "<":
          out += "\\u003C";
          continue;
        case ">":
          out += "\\u003E";
          continue;
        case "&":
          out += "\\u0026";
          continue;
        case "=":
          out += "\\u003D";
          continue;
      }
      if (c < 0x20) out += "\\u00" + c.toString(16).toUpperCase().padStart(2, "0");
      else out += ch;
    } else if (isGoPrint(c)) out += ch;
    else out += "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
  }
  return out;
}

/** url.QueryEscape */
export function urlQueryEscape(s: string): string {
  let out = "";
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

// ---------- call ----------

interface TypedFunction {
  params?: readonly ExecParam[];
  variadic?: ExecParam;
}

function call(name: GoValue, fn0: GoValue, ...args: GoValue[]): GoValue {
  const fn = indirectInterface(fn0);
  if (fn === undefined) throw new FuncError("call of nil");
  if (!isGoFunction(fn))
    throw new FuncError(`non-function ${String(name)} of type ${typeName(fn)}`);
  const typed = fn as unknown as TypedFunction;
  if (typed.params) {
    const numIn = typed.params.length;
    if (typed.variadic !== undefined) {
      if (args.length < numIn) {
        throw new FuncError(
          `wrong number of args for ${String(name)}: got ${args.length} want at least ${numIn}`,
        );
      }
    } else if (args.length !== numIn) {
      throw new FuncError(
        `wrong number of args for ${String(name)}: got ${args.length} want ${numIn}`,
      );
    }
  }
  return fn.call(...args.map((a) => (a === undefined ? null : a)));
}

const builtinTable: Record<string, Callable> = {
  and: { fn: unreachable, params: V, variadic: "value" },
  or: { fn: unreachable, params: V, variadic: "value" },
  not: { fn: (a: GoValue) => !truth(indirectInterface(a)), params: V },
  call: { fn: call, params: V, variadic: "value" },
  html: { fn: (...a: GoValue[]) => htmlEscapeString(evalArgs(a)), params: [], variadic: "any" },
  js: { fn: (...a: GoValue[]) => jsEscapeString(evalArgs(a)), params: [], variadic: "any" },
  urlquery: { fn: (...a: GoValue[]) => urlQueryEscape(evalArgs(a)), params: [], variadic: "any" },
  index: { fn: index, params: V, variadic: "value" },
  slice: { fn: slice, params: V, variadic: "value" },
  len: { fn: length, params: V },
  print: { fn: (...a: GoValue[]) => sprint(...a), params: [], variadic: "any" },
  printf: {
    fn: (f: GoValue, ...a: GoValue[]) => sprintf(f as string, ...a),
    params: ["string"],
    variadic: "any",
  },
  println: { fn: (...a: GoValue[]) => sprintln(...a), params: [], variadic: "any" },
  eq: { fn: eq, params: V, variadic: "value" },
  ne: { fn: ne, params: VV },
  lt: { fn: lt, params: VV },
  le: { fn: le, params: VV },
  gt: { fn: gt, params: VV },
  ge: { fn: ge, params: VV },
};
for (const f of Object.values(builtinTable)) f.builtin = true;

/** The builtins, by name. Parameters typed "value" receive undefined/null as they are. */
export const builtinFuncs: Readonly<Record<string, Callable>> = Object.freeze(builtinTable);
