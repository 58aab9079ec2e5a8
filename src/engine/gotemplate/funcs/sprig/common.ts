/**
 * The bits of Go's reflect package that sprig's functions lean on: reflect.Kind names for error
 * messages, "is it a slice or array" with element access, reflect.DeepEqual, and sprig's empty().
 */
import {
  GoInt,
  GoObject,
  isGoFunction,
  kindOf,
  mapType,
  sliceType,
  typeName,
  type GoMap,
  type GoValue,
} from "../../value.js";
import { FuncError } from "../types.js";

/** What Go panics with when a nil interface's reflect.TypeOf(...).Kind() is taken. */
export const NIL_DEREF = "runtime error: invalid memory address or nil pointer dereference";

/**
 * reflect.TypeOf(v).Kind().String() as sprig's list functions print it in their errors. A nil
 * value has no type, so Go dereferences a nil *rtype: that panic is what helm reports.
 */
export function reflectKind(v: GoValue): string {
  if (v === undefined || v === null) throw new FuncError(NIL_DEREF);
  return kindOf(v);
}

/**
 * The elements of a slice or array as interface{} values (reflect's Index(i).Interface()), or
 * undefined when `v` is not a slice. []byte elements are uint8s.
 */
export function sliceItems(v: GoValue): GoValue[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => new GoInt(b, "uint8"));
  return undefined;
}

/** Like sliceItems, but a non-slice fails the way sprig's list functions do (`Cannot VERB type KIND`). */
export function mustSliceItems(v: GoValue, what: string): GoValue[] {
  const kind = reflectKind(v);
  const items = sliceItems(v);
  if (items === undefined) throw new FuncError(`${what} ${kind}`);
  return items;
}

/**
 * sprig's empty(): the zero value of its type (nil, false, 0, "", and empty slices and maps).
 * Structs and non-nil pointers are never empty.
 */
export function isEmpty(v: GoValue): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === "string") return v.length === 0;
  if (typeof v === "boolean") return !v;
  if (typeof v === "number") return v === 0;
  if (v instanceof GoInt) return v.value === 0;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (v instanceof GoObject || isGoFunction(v)) return false;
  for (const _ in v) return false;
  return true;
}

/**
 * reflect.DeepEqual: values of different Go types are never equal (int 1 ≠ float64 1), NaN is
 * not equal to itself, slices and maps compare element by element.
 */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return typeof a !== "number" || !Number.isNaN(a);
  if (a === null || b === null) return false;
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (a instanceof GoInt) return b instanceof GoInt && a.kind === b.kind && a.value === b.value;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || sliceType(a) !== sliceType(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Uint8Array) {
    if (!(b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (a instanceof GoObject || b instanceof GoObject) {
    return (
      a instanceof GoObject &&
      b instanceof GoObject &&
      a.goType === b.goType &&
      a.format() === b.format()
    );
  }
  if (isGoFunction(a) || isGoFunction(b)) return false;
  if (Array.isArray(b) || b instanceof Uint8Array || b instanceof GoInt) return false;
  const ma = a as GoMap;
  const mb = b as GoMap;
  if (mapType(ma) !== mapType(mb)) return false;
  const ka = Object.keys(ma);
  if (ka.length !== Object.keys(mb).length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(mb, k) || !deepEqual(ma[k], mb[k])) return false;
  }
  return true;
}

/** Go's `%T`, re-exported so the function modules name one source. */
export const goTypeName = typeName;

/** A plain integer from a parameter that text/template typed as int/int64 (a GoInt, or a number). */
export function intArg(v: GoValue): number {
  if (v instanceof GoInt) return v.value;
  if (typeof v === "number") return Math.trunc(v);
  return 0;
}

/** A string parameter (text/template guarantees a string; missing values arrive as ""). */
export function strArg(v: GoValue): string {
  return typeof v === "string" ? v : "";
}

/** A map[string]interface{} parameter; a nil map arrives as an empty one. */
export function mapArg(v: GoValue): GoMap {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as GoMap) : {};
}

/** Own-key lookup (maps are plain objects; "constructor" or "__proto__" must not leak in). */
export function hasOwn(m: GoMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

/** Writes a key without tripping over "__proto__". */
export function setKey(m: GoMap, key: string, value: GoValue): void {
  if (key === "__proto__")
    Object.defineProperty(m, key, { value, enumerable: true, writable: true, configurable: true });
  else m[key] = value;
}

/** A fresh map[string]interface{}. */
export function newMap(): GoMap {
  return {};
}
