/**
 * JSON values seen the way the API server's Go code sees them once decoded into
 * `interface{}`: their type for comparisons, `==`, and `%v` for error messages that
 * clients match on.
 */
import { deepEqual, isObject } from "./patch.js";

export type GoKind = "map" | "slice" | "string" | "number" | "bool" | "nil";

export function goKind(v: unknown): GoKind {
  if (v === null || v === undefined) return "nil";
  if (Array.isArray(v)) return "slice";
  if (isObject(v)) return "map";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  return "number";
}

/** The name `reflect.TypeOf` prints, for "expected a X, but received a Y". */
export function goTypeName(v: unknown): string {
  switch (goKind(v)) {
    case "map":
      return "map[string]interface {}";
    case "slice":
      return "[]interface {}";
    case "number":
      return Number.isInteger(v) ? "int64" : "float64";
    case "nil":
      return "%!s(<nil>)";
    default:
      return goKind(v);
  }
}

/**
 * `==` on two decoded values: a missing map key reads as nil, like a present null. Go panics
 * comparing maps or slices; comparing them by value keeps the sandbox answering.
 */
export function goEqual(a: unknown, b: unknown): boolean {
  const na = a === undefined ? null : a;
  const nb = b === undefined ? null : b;
  return na === nb || deepEqual(na, nb);
}

/** `fmt.Sprintf("%v", v)`: maps with sorted keys, slices space-separated, nil as <nil>. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goFormat).join(" ")}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(v[k])}`).join(" ")}]`;
  }
  return String(v);
}
