/**
 * Go strings are byte strings; ours are JavaScript strings. Functions that work on bytes (hashes,
 * base64, AES) encode as UTF-8 on the way in and decode on the way out. Bytes that are not UTF-8
 * (e.g. `b64dec "/w=="`) become U+FFFD — Go would keep the raw byte — which no chart relies on.
 */
import { GoInt, type GoValue } from "../../value.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const utf8 = (s: string): Uint8Array => encoder.encode(s);
export const fromUtf8 = (b: Uint8Array): string => decoder.decode(b);

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
