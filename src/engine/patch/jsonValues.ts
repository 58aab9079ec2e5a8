/**
 * JSON values as Go's encoding/json decodes them into interface{}, so that comparisons, sorting
 * and "same type?" checks give the answers apimachinery's strategicpatch gets. Kubernetes decodes
 * integral numbers as int64 and others as float64, and orders scalars and merge keys by their
 * `%v` text; both show in which patch it builds.
 */
import type { JsonObject } from "../cluster/clusterReader.js";

export type { JsonObject };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The Go dynamic type of a decoded value, as reflect.TypeOf tells them apart. */
export type GoType = "nil" | "bool" | "string" | "int64" | "float64" | "slice" | "map";

export function goType(value: unknown): GoType {
  if (value === null || value === undefined) return "nil";
  if (Array.isArray(value)) return "slice";
  switch (typeof value) {
    case "boolean":
      return "bool";
    case "string":
      return "string";
    case "number":
      return Number.isInteger(value) ? "int64" : "float64";
    default:
      return "map";
  }
}

/** reflect.DeepEqual over decoded JSON: a key holding null is not a missing key. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}

/** Go's `==` on two interface{} values: maps and slices are never equal (Go would panic). */
export function goEquals(a: unknown, b: unknown): boolean {
  const t = goType(a);
  return t !== "map" && t !== "slice" && t === goType(b) && (a ?? null) === (b ?? null);
}

/** fmt.Sprintf("%v", value) for scalars; strategicpatch sorts and matches by this text. */
export function goString(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : goFloat(value);
  if (typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** %v of a float64: the shortest digits, in exponent form below 1e-4 or from 1e6 up (%g). */
function goFloat(value: number): string {
  const [mantissa = "", exponentText = "0"] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 6) return String(value);
  const sign = exponent < 0 ? "-" : "+";
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

/** Go compares strings byte by byte (UTF-8), which is code point order, not UTF-16 order. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/**
 * Sorts as Go's sort.Sort does with strategicpatch's non-strict `<=` Less on short slices (an
 * insertion sort): ascending, and items that compare equal end up in reverse input order. That
 * order decides which of two list items sharing a merge key (a port on TCP and UDP) get
 * compared with each other. Go switches to pdqsort above 12 items; with no equal keys the
 * result is the same.
 */
export function goSortBy<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  return [...items].reverse().sort((a, b) => compareGoStrings(keyOf(a), keyOf(b)));
}

/** strategicpatch's sortScalars: by `%v` text. */
export function sortScalars(items: readonly unknown[]): unknown[] {
  return goSortBy(items, goString);
}

/**
 * strategicpatch's deduplicateScalars, including the way it reorders: each duplicate is
 * replaced by the current last item. The order of a deletion list does not change what the
 * server does, but it keeps our patch byte-comparable with Kubernetes' own.
 */
export function deduplicateScalars(items: readonly unknown[]): unknown[] {
  const s = [...items];
  let last = s.length - 1;
  for (let i = 0; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      if (goEquals(s[i], s[j])) {
        s[j] = s[last];
        s.length = last;
        last--;
        j--;
      }
    }
  }
  return s;
}
