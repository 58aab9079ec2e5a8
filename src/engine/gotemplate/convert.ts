/**
 * Value conversions as sprig v3.3.0 does them: the numeric functions (int, int64, float64, add,
 * max, ...) go through spf13/cast v1.7.0 (helm 4.1.4's go.mod), and the string/list helpers
 * through sprig's own strval/strslice. cast swallows every error into a zero value, so
 * `int "08"` is 0 (base-0 parsing reads the leading 0 as octal) and `int "1.5"` is 0, while
 * `int 3.9` is 3.
 *
 * Differences from the cast 1.5.0 in /usr/share/gocode (diffed against the v1.7.0 source): 1.5.0's
 * ToBoolE treats only `int` as a number (int64, float64 ... are errors, so false), 1.7.0 makes
 * every nonzero integer and float true; 1.7.0's ToFloat64E also accepts Float64() providers.
 * ToInt64E, ToIntE, ToStringE and trimZeroDecimal are the same in both.
 */
import { formatValue } from "./fmt.js";
import {
  bytesToString,
  NumError,
  formatFloat,
  parseBool,
  parseFloat,
  parseIntBig,
} from "./strconv.js";
import { GoInt, GoObject, type GoValue } from "./value.js";

/** Go's int64(f) on amd64: out-of-range values and NaN become the smallest int64. */
function float64ToInt64(f: number): number {
  if (Number.isNaN(f) || f >= 2 ** 63 || f < -(2 ** 63)) return -(2 ** 63);
  return Math.trunc(f);
}

/** cast's trimZeroDecimal: "1.0" and "1.00" read as "1" (but "1.5", "10." stay as they are). */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === ".") {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === "0") {
      foundZero = true;
    } else {
      return s;
    }
  }
  return s;
}

/** cast.ToInt64: ints as they are, floats truncated, strings in Go's base-0 syntax, bools 1/0, else 0. */
export function toInt64(v: GoValue): number {
  if (v instanceof GoInt) return v.value;
  switch (typeof v) {
    case "number":
      return float64ToInt64(v);
    case "boolean":
      return v ? 1 : 0;
    case "string":
      try {
        return Number(parseIntBig(trimZeroDecimal(v), 0, 0));
      } catch {
        return 0;
      }
  }
  return 0;
}

/** cast.ToInt (int is 64 bits wide in helm's builds, so the same as ToInt64). */
export function toInt(v: GoValue): number {
  return toInt64(v);
}

/** cast.ToFloat64: strconv.ParseFloat for strings (an error, even out of range, gives 0). */
export function toFloat64(v: GoValue): number {
  if (v instanceof GoInt) return v.value;
  switch (typeof v) {
    case "number":
      return v;
    case "boolean":
      return v ? 1 : 0;
    case "string":
      try {
        return parseFloat(v, 64);
      } catch {
        return 0;
      }
  }
  return 0;
}

/** cast.ToBool: strconv.ParseBool for strings, nonzero numbers are true, anything else false. */
export function toBool(v: GoValue): boolean {
  if (v instanceof GoInt) return v.value !== 0;
  switch (typeof v) {
    case "boolean":
      return v;
    case "number":
      return v !== 0;
    case "string":
      try {
        return parseBool(v);
      } catch {
        return false;
      }
  }
  return false;
}

/**
 * cast.ToString: floats in 'f' format with the fewest digits (1e6 is "1000000", unlike %v),
 * nil is "", and kinds it cannot convert (slices, maps) are "" too.
 */
export function toStringCast(v: GoValue): string {
  if (v instanceof GoInt) return formatValue(v);
  switch (typeof v) {
    case "string":
      return v;
    case "boolean":
      return v ? "true" : "false";
    case "number":
      return formatFloat(v, "f", -1, 64);
    case "undefined":
      return "";
  }
  if (v === null) return "";
  if (v instanceof Uint8Array) return bytesToString(v);
  if (v instanceof GoObject) return v.format(); // a fmt.Stringer
  return "";
}

/** sprig's strval (the toString function): strings and []byte as text, everything else as %v. */
export function strval(v: GoValue): string {
  if (typeof v === "string") return v;
  if (v instanceof Uint8Array) return bytesToString(v);
  return formatValue(v);
}

/**
 * sprig's strslice (toStrings, join, sortAlpha, ...): a slice's elements through strval with nil
 * elements dropped, nil as [], any other value as a one-element list.
 */
export function strslice(v: GoValue): string[] {
  if (v === null || v === undefined) return [];
  const items = toSlice(v);
  if (items === undefined) return [strval(v)];
  const out: string[] = [];
  for (const item of items) {
    if (item !== null && item !== undefined) out.push(strval(item));
  }
  return out;
}

/** sprig's toDecimal: fmt.Sprint(v) read as an octal number ("0777" and 777 are both 511), else 0. */
export function toDecimal(v: GoValue): number {
  try {
    return Number(parseIntBig(formatValue(v), 8, 64));
  } catch {
    return 0;
  }
}

/**
 * A slice or array value's elements as reflect.Value.Index would give them, or undefined for
 * anything that is not a slice ([]byte gives its bytes as uint8 values).
 */
export function toSlice(v: GoValue): GoValue[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) {
    const out: GoValue[] = new Array<GoValue>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = new GoInt(v[i]!, "uint8");
    return out;
  }
  return undefined;
}

/** sprig's atoi: strconv.Atoi with the error dropped (out of range gives the clamped value). */
export function atoiLenient(s: string): number {
  try {
    return Number(parseIntBig(s, 10, 0));
  } catch (e) {
    return e instanceof NumError ? e.value : 0;
  }
}
