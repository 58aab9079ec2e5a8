/**
 * encoding/json as helm's toJson (and, through sigs.k8s.io/yaml, toYaml) sees Go values:
 * map keys sorted, strings with <, >, & and U+2028/U+2029 escaped, float64 in Go's 'f'/'e' forms,
 * []byte as base64, structs through their JSON view (GoObject.toGo()).
 */
import { GoInt, GoObject, isGoFunction, type GoMap, type GoValue } from "../gotemplate/value.js";
import { formatFloatG, formatJsonFloat } from "./goFloat.js";

/** json.Marshal's error (UnsupportedValueError / UnsupportedTypeError). */
export class JsonMarshalError extends Error {}

/** A JSON value after encoding/json: numbers keep their text, objects their sorted entries. */
export type JsonTree =
  null | boolean | string | JsonNumber | JsonTree[] | { entries: [string, JsonTree][] };

export class JsonNumber {
  constructor(readonly text: string) {}
}

/** Go's string ordering (bytes of UTF-8): differs from UTF-16 order only around surrogates. */
export function goStringLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+10000 and up) sort after U+E000–U+FFFF in UTF-8.
    if (x >= 0xd800 && x <= 0xdfff) x += 0x2000;
    else if (x >= 0xe000) x -= 0x800;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x2000;
    else if (y >= 0xe000) y -= 0x800;
    return x < y;
  }
  return a.length < b.length;
}

function compareGo(a: string, b: string): number {
  return a === b ? 0 : goStringLess(a, b) ? -1 : 1;
}

/** The JSON view of a Go value (json.Marshal's reflection walk). */
export function toJsonTree(v: GoValue, depth = 0): JsonTree {
  if (depth > 1000) {
    throw new JsonMarshalError(
      "json: unsupported value: encountered a cycle via map[string]interface {}",
    );
  }
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) {
      throw new JsonMarshalError(`json: unsupported value: ${formatFloatG(v)}`);
    }
    return new JsonNumber(formatJsonFloat(v));
  }
  if (v instanceof GoInt) return new JsonNumber(String(Math.trunc(v.value)));
  if (v instanceof Uint8Array) return Buffer.from(v).toString("base64");
  if (Array.isArray(v)) return v.map((item) => toJsonTree(item, depth + 1));
  if (v instanceof GoObject) {
    const view = v.toGo();
    if (view === undefined) throw new JsonMarshalError(`json: unsupported type: ${v.goType}`);
    return toJsonTree(view, depth + 1);
  }
  if (isGoFunction(v)) throw new JsonMarshalError(`json: unsupported type: func()`);
  const map = v as GoMap;
  const keys = Object.keys(map).sort(compareGo);
  return { entries: keys.map((k) => [k, toJsonTree(map[k], depth + 1)]) };
}

const HEX = "0123456789abcdef";

/** encoding/json's string quoting with HTML escaping (Marshal's default). */
export function quoteJsonString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26) {
      switch (c) {
        case 0x22:
          esc = '\\"';
          break;
        case 0x5c:
          esc = "\\\\";
          break;
        case 0x0a:
          esc = "\\n";
          break;
        case 0x0d:
          esc = "\\r";
          break;
        case 0x09:
          esc = "\\t";
          break;
        case 0x08:
          esc = "\\b";
          break;
        case 0x0c:
          esc = "\\f";
          break;
        default:
          esc = `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
      }
    } else if (c === 0x2028 || c === 0x2029) {
      esc = c === 0x2028 ? "\\u2028" : "\\u2029";
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // Valid pairs pass; a lone surrogate is invalid UTF-8, which Go writes as \ufffd.
      const pair =
        c <= 0xdbff &&
        i + 1 < s.length &&
        s.charCodeAt(i + 1) >= 0xdc00 &&
        s.charCodeAt(i + 1) <= 0xdfff;
      if (pair) {
        i++;
        continue;
      }
      esc = "\\ufffd";
    }
    if (esc !== undefined) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

export function jsonTreeText(t: JsonTree): string {
  if (t === null) return "null";
  if (typeof t === "boolean") return t ? "true" : "false";
  if (typeof t === "string") return quoteJsonString(t);
  if (t instanceof JsonNumber) return t.text;
  if (Array.isArray(t)) return `[${t.map(jsonTreeText).join(",")}]`;
  return `{${t.entries.map(([k, v]) => `${quoteJsonString(k)}:${jsonTreeText(v)}`).join(",")}}`;
}

/** json.Marshal(v) as text. Throws JsonMarshalError. */
export function marshalJson(v: GoValue): string {
  return jsonTreeText(toJsonTree(v));
}
