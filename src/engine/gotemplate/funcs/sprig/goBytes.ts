/**
 * Go strings are byte strings; ours are JavaScript strings. Functions that work on bytes (hashes,
 * base64, AES) encode on the way in and decode on the way out, keeping bytes that are not UTF-8
 * (e.g. `b64dec "/w=="`) as escapes (strconv.ts bytesToString), so they round-trip as in Go.
 */
import { bytesToString, stringToBytes } from "../../strconv.js";
import { GoInt, type GoValue } from "../../value.js";

export const utf8 = stringToBytes;
export const fromUtf8 = bytesToString;

/** An integer argument (text/template passes int parameters as GoInt; be lenient with numbers). */
export function intArg(v: GoValue): number {
  if (v instanceof GoInt) return v.value;
  if (typeof v === "number") return Math.trunc(v);
  return 0;
}

/** A string argument. */
export function strArg(v: GoValue): string {
  return typeof v === "string" ? v : "";
}
