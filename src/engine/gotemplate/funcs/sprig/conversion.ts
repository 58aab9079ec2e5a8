/**
 * sprig's type conversions: int/int64/float64 go through spf13/cast (errors become 0), atoi is
 * strconv.Atoi with its error dropped, toString is sprig's strval (%v for non-strings), toStrings
 * its strslice (nils dropped), toDecimal reads the value's %v as an octal number.
 */
import { GoInt, typedSlice } from "../../value.js";
import { strslice, strval, toDecimal, toFloat64, toInt, toInt64 } from "../../convert.js";
import type { FuncDef, FuncMap } from "../types.js";
import { strArg } from "./common.js";

const MAX_INT64 = 2 ** 63 - 1;

/**
 * strconv.Atoi with the error ignored: a syntax error gives 0, an out-of-range number the
 * clamped int64 (ParseInt returns the bound alongside its range error).
 */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0;
  const n = Number(s);
  if (n > MAX_INT64) return MAX_INT64;
  if (n < -MAX_INT64 - 1) return -MAX_INT64 - 1;
  return n;
}

// Declared apart: inside the literal, TypeScript types a `toString` key from Object.prototype's.
const toStringDef: FuncDef = { fn: (v) => strval(v), params: ["any"] };

export const conversionFuncs: FuncMap = {
  atoi: { fn: (s) => new GoInt(atoi(strArg(s)), "int"), params: ["string"] },
  int64: { fn: (v) => new GoInt(toInt64(v), "int64"), params: ["any"] },
  int: { fn: (v) => new GoInt(toInt(v), "int"), params: ["any"] },
  float64: { fn: (v) => toFloat64(v), params: ["any"] },
  toString: toStringDef,
  toStrings: { fn: (v) => typedSlice(strslice(v).slice(), "[]string"), params: ["any"] },
  toDecimal: { fn: (v) => new GoInt(toDecimal(v), "int64"), params: ["any"] },
};
