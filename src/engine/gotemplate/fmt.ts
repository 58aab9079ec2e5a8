/**
 * Go's fmt package over the value model in value.ts (stub; full implementation follows).
 */
import type { GoValue } from "./value.js";
import { GoInt, GoObject, isGoFunction, sortedKeys } from "./value.js";

/** %v of one value. */
export function formatValue(v: GoValue): string {
  if (v === undefined || v === null) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return String(v);
  if (v instanceof GoInt) return String(v.value);
  if (Array.isArray(v)) return "[" + v.map(formatValue).join(" ") + "]";
  if (v instanceof Uint8Array) return "[" + Array.from(v).join(" ") + "]";
  if (v instanceof GoObject) return v.format();
  if (isGoFunction(v)) return "0x0";
  return "map[" + sortedKeys(v).map((k) => k + ":" + formatValue(v[k])).join(" ") + "]";
}

/** fmt.Sprint: a space between operands when neither side is a string. */
export function sprint(...args: GoValue[]): string {
  let out = "";
  for (let i = 0; i < args.length; i++) {
    if (i > 0 && typeof args[i] !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += formatValue(args[i]);
  }
  return out;
}

/** fmt.Sprintln: always a space between operands, newline at the end. */
export function sprintln(...args: GoValue[]): string {
  return args.map(formatValue).join(" ") + "\n";
}

/** fmt.Sprintf. */
export function sprintf(format: string, ...args: GoValue[]): string {
  void args;
  return format;
}
