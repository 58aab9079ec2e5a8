/**
 * Reading YAML as helm does (sigs.k8s.io/yaml.Unmarshal): goyaml.v2 decodes the first document
 * with YAML 1.1 typing, the result is converted to JSON (non-string keys become strings, ±Inf and
 * NaN are refused) and encoding/json decodes that (every number a float64). So the values a
 * chart sees are: string, boolean, number, null, arrays and plain objects.
 *
 * js-yaml parses (the project's one YAML library); ./decode.js does yaml.v2's typing and
 * decoding over its tree.
 */
import { YAMLException } from "js-yaml";
import {
  decodeTree,
  DecodeError,
  loadTree,
  plainScalarTree,
  setKey,
  type Json,
  type YamlTree,
} from "./decode.js";
import { firstDocument, splitYamlDocuments } from "./documents.js";
import { checkSize, conversionError as wrap, HelmYamlError, type ReadOptions } from "./errors.js";
import { rootScalarOrThrow } from "./syntaxErrors.js";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;

/**
 * yaml.v2 + the JSON round trip for one document, as sigs.k8s.io/yaml.Unmarshal into interface{}.
 * Returns null for an empty document. Throws HelmYamlError.
 */
export function readHelmYaml(text: string, opts: ReadOptions = {}): unknown {
  checkSize(text, opts);
  // libyaml's reader refuses raw control characters anywhere in the input (escapes are fine).
  if (CONTROL.test(text)) throw wrap("yaml: control characters are not allowed", undefined, opts);
  const doc = firstDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  let tree: YamlTree;
  try {
    tree = loadTree(doc);
  } catch (err) {
    if (!(err instanceof YAMLException)) throw err;
    // yaml.v2 stops after the document's root node: what follows is never parsed.
    tree = plainScalarTree(rootScalarOrThrow(err, doc, opts));
  }
  try {
    return decodeTree(tree, opts.target);
  } catch (err) {
    if (err instanceof DecodeError) {
      const reason = err.cause === "json" ? err.message : `yaml: ${err.message}`;
      throw wrap(reason, undefined, opts);
    }
    if (err instanceof RangeError) throw wrap("yaml: exceeded max depth", undefined, opts);
    throw err;
  }
}

/** encoding/json's name for the JSON type of a value, as in "cannot unmarshal string into …". */
function jsonKind(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "array";
  return "object";
}

export type YamlMap = { [key: string]: unknown };

function isMap(v: unknown): v is YamlMap {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * yaml.Unmarshal into map[string]interface{} (fromYaml, values documents): null and empty
 * documents give {}; anything but a map is json's "cannot unmarshal" error.
 */
export function readHelmYamlMap(text: string, opts: ReadOptions = {}): YamlMap {
  const v = readHelmYaml(text, opts);
  if (v === null) return {};
  if (!isMap(v)) {
    const reason = `json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`;
    throw new HelmYamlError(
      `error unmarshaling JSON: while decoding JSON: ${reason}`,
      reason,
      undefined,
      opts.source,
    );
  }
  return v;
}

/** yaml.Unmarshal into []interface{} (fromYamlArray). */
export function readHelmYamlArray(text: string, opts: ReadOptions = {}): unknown[] {
  const v = readHelmYaml(text, opts);
  if (v === null) return [];
  if (!Array.isArray(v)) {
    const reason = `json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`;
    throw new HelmYamlError(
      `error unmarshaling JSON: while decoding JSON: ${reason}`,
      reason,
      undefined,
      opts.source,
    );
  }
  return v;
}

/**
 * helm's loader.LoadValues (chart values.yaml and every -f file): each document read as a map,
 * later documents merged over earlier ones (MergeMaps: nested maps merge, anything else replaces).
 * Errors carry helm's text, e.g. `cannot unmarshal yaml document: error converting YAML to JSON: …`.
 */
export function readHelmValues(text: string, opts: ReadOptions = {}): YamlMap {
  checkSize(text, opts);
  let values: YamlMap = {};
  for (const doc of splitYamlDocuments(text)) {
    let current: YamlMap;
    try {
      current = readHelmYamlMap(doc.text, { ...opts, maxBytes: Infinity });
    } catch (err) {
      if (err instanceof HelmYamlError) {
        const shifted = new HelmYamlError(
          `cannot unmarshal yaml document: ${err.message}`,
          err.reason,
          err.line === undefined ? undefined : err.line + doc.line - 1,
          opts.source,
        );
        if (err.at) shifted.at = { ...err.at, line: err.at.line + doc.line - 1 };
        throw shifted;
      }
      throw err;
    }
    values = mergeMaps(values, current);
  }
  return values;
}

/** helm's loader.MergeMaps. */
export function mergeMaps(a: YamlMap, b: YamlMap): YamlMap {
  const out: YamlMap = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    if (isMap(v) && isMap(prev)) out[k] = mergeMaps(prev, v);
    else setKey(out as { [key: string]: Json }, k, v as Json);
  }
  return out;
}
