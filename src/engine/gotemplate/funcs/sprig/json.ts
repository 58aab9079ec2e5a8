/**
 * Sprig's JSON functions that helm does not replace with its own (helm supplies toJson, mustToJson,
 * fromJson, fromJsonArray): toPrettyJson (MarshalIndent, HTML-escaped), toRawJson (an Encoder with
 * HTML escaping off — and it panics on error, as sprig's does), their must forms, and mustFromJson.
 */
import {
  JsonNumber,
  jsonTreeText,
  quoteJsonString,
  toJsonTree,
  type JsonTree,
} from "../../../yaml/json.js";
import { JsonSyntaxError, parseGoJson } from "../../../yaml/jsonDecode.js";
import type { GoValue } from "../../value.js";
import { FuncError, type FuncMap } from "../types.js";

/** json.MarshalIndent(v, "", "  "): empty objects and arrays stay `{}` and `[]`. */
function indented(t: JsonTree, depth: number): string {
  if (t === null || typeof t !== "object" || t instanceof JsonNumber) return jsonTreeText(t);
  const pad = "  ".repeat(depth + 1);
  const close = "  ".repeat(depth);
  if (Array.isArray(t)) {
    if (t.length === 0) return "[]";
    return `[\n${t.map((v) => pad + indented(v, depth + 1)).join(",\n")}\n${close}]`;
  }
  if (t.entries.length === 0) return "{}";
  const body = t.entries
    .map(([k, v]) => `${pad}${quoteJsonString(k)}: ${indented(v, depth + 1)}`)
    .join(",\n");
  return `{\n${body}\n${close}}`;
}

function failure(err: unknown): FuncError {
  return new FuncError(err instanceof Error ? err.message : String(err));
}

const prettyJson = (v: GoValue): string => indented(toJsonTree(v), 0);
// A literal "\u003c" inside a string was written as "\\u003c", which the pattern cannot match
// because the backslash before "u" is itself escaped: count backslashes to stay exact.
const rawJson = (v: GoValue): string =>
  jsonTreeText(toJsonTree(v)).replace(/(\\+)u00(3c|3e|26)/g, (m, slashes: string, hex: string) =>
    slashes.length % 2 === 1 ? slashes.slice(1) + String.fromCharCode(parseInt(hex, 16)) : m,
  );

/** sprig's plain form: an encoding error gives "". */
const orEmpty =
  (encode: (v: GoValue) => string) =>
  (v: GoValue): string => {
    try {
      return encode(v);
    } catch {
      return "";
    }
  };

/** sprig's must form (and toRawJson, which panics): an encoding error is the call's error. */
const orFail =
  (encode: (v: GoValue) => string) =>
  (v: GoValue): string => {
    try {
      return encode(v);
    } catch (err) {
      throw failure(err);
    }
  };

export const jsonFuncs: FuncMap = {
  toPrettyJson: { params: ["any"], fn: orEmpty(prettyJson) },
  mustToPrettyJson: { params: ["any"], fn: orFail(prettyJson) },
  toRawJson: { params: ["any"], fn: orFail(rawJson) },
  mustToRawJson: { params: ["any"], fn: orFail(rawJson) },
  mustFromJson: {
    params: ["string"],
    fn: (s) => {
      try {
        const { value, typeError } = parseGoJson(typeof s === "string" ? s : "");
        if (typeError !== undefined) throw new FuncError(typeError);
        return value as GoValue;
      } catch (err) {
        if (err instanceof JsonSyntaxError) throw failure(err);
        throw err;
      }
    },
  },
};
