/**
 * spf13/cast and sprig's conversion helpers (stub; full implementation follows).
 */
import type { GoValue } from "./value.js";
import { formatValue } from "./fmt.js";

export function toInt64(v: GoValue): number {
  void v;
  return 0;
}
export function toInt(v: GoValue): number {
  return toInt64(v);
}
export function toFloat64(v: GoValue): number {
  void v;
  return 0;
}
export function toBool(v: GoValue): boolean {
  void v;
  return false;
}
export function toStringCast(v: GoValue): string {
  return formatValue(v);
}
export function strval(v: GoValue): string {
  return formatValue(v);
}
export function strslice(v: GoValue): string[] {
  return Array.isArray(v) ? v.map(strval) : [strval(v)];
}
export function toDecimal(v: GoValue): number {
  void v;
  return 0;
}
export function toSlice(v: GoValue): GoValue[] | undefined {
  return Array.isArray(v) ? v : undefined;
}
