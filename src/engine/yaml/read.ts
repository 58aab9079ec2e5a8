/**
 * Reading YAML as helm does (sigs.k8s.io/yaml.Unmarshal): goyaml.v2 decodes the first document
 * with YAML 1.1 typing, the result is converted to JSON (non-string keys become strings, ±Inf and
 * NaN are refused) and encoding/json decodes that (every number a float64). So the values a
 * chart sees are: string, boolean, number, null, arrays and plain objects.
 *
 * js-yaml parses (it is the project's YAML library and ~10x faster than `yaml` on big values
 * files); its own typing is switched off: every plain scalar comes back wrapped as a `Scalar`
 * (keeping document order for keys and letting aliases be recognised), and the walk below does
 * what yaml.v2's decoder does — resolve.go typing, merge keys in yaml.v2's order (a `<<` later in
 * a map overrides earlier keys), the last of duplicate keys wins, and its alias-expansion limit
 * ("document contains excessive aliasing", decode.go allowedAliasRatio), so a billion-laughs
 * document is refused after a few thousand steps.
 */
import { load, Schema, Type, YAMLException } from "js-yaml";
import { formatFloatG } from "./goFloat.js";
import { targetForKey, wantsString, type GoType } from "./goStruct.js";
import { LONG_TAG_PREFIX, ResolveError, resolveScalar, type Resolved } from "./resolve.js";

/** Largest YAML text read at once (values files, Chart.yaml, fromYaml input). */
export const DEFAULT_MAX_YAML_BYTES = 64 * 1024 * 1024;
/** Nesting depth js-yaml accepts (yaml.v2 stops at 10000; the JS stack cannot go that far). */
const MAX_DEPTH = 1000;

/**
 * A helm YAML error. `message` is helm's text after its wrappers, e.g.
 * `error converting YAML to JSON: yaml: line 3: could not find expected ':'`.
 */
export class HelmYamlError extends Error {
  constructor(
    message: string,
    /** The message without the "error converting YAML to JSON: " wrapper. */
    readonly reason: string,
    /** 1-based line, when the parser gave one. */
    readonly line?: number,
    readonly source?: string,
  ) {
    super(message);
    this.name = "HelmYamlError";
  }
}

// ---------------------------------------------------------------------------------------------
// js-yaml schema: wrap every scalar, accept every tag.

const KEY_PREFIX = "\u0000\u0001yaml:";

/** A scalar as written: plain (tag "") or with its explicit tag; quoted untagged scalars stay strings. */
class Scalar {
  constructor(
    readonly raw: string,
    readonly tag: string,
    readonly id: number,
  ) {}
  get [Symbol.toStringTag](): string {
    return "YamlScalar";
  }
  /** As a mapping key js-yaml stringifies it: a unique, non-numeric name keeps document order. */
  toString(): string {
    return KEY_PREFIX + this.id;
  }
}

let current: Scalar[] = [];
/** Anchor names of collections, for yaml.v2's "anchor 'x' value contains itself". */
let anchors = new Map<object, string>();

function listener(event: string, state: { anchor: string | null; result: unknown }): void {
  if (event === "close" && state.anchor !== null && typeof state.result === "object") {
    if (state.result !== null) anchors.set(state.result, state.anchor);
  }
}

const plainType = new Type("tag:wheelhouse,plain", {
  kind: "scalar",
  resolve: () => true,
  construct: (data: string) => {
    const s = new Scalar(data, "", current.length);
    current.push(s);
    return s;
  },
});

function anyTag(kind: "scalar" | "sequence" | "mapping"): Type {
  return new Type("", {
    kind,
    multi: true,
    resolve: () => true,
    construct: (data: unknown, tag?: string) => {
      if (kind !== "scalar") return data ?? (kind === "mapping" ? {} : []);
      const s = new Scalar(typeof data === "string" ? data : "", tag ?? "", current.length);
      current.push(s);
      return s;
    },
  });
}

const SCHEMA = new Schema({
  implicit: [plainType],
  explicit: [anyTag("scalar"), anyTag("sequence"), anyTag("mapping")],
});

// ---------------------------------------------------------------------------------------------
// yaml.v2's decoder over the js-yaml tree.

const ALIAS_RATIO_LOW = 400000;
const ALIAS_RATIO_HIGH = 4000000;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_LOW) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW));
}

class DecodeError extends Error {}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

class Decoder {
  decodeCount = 0;
  aliasCount = 0;
  aliasDepth = 0;
  readonly seen = new Set<object>();
  /** Collections being decoded through an alias right now (a recursive alias is an error). */
  private readonly active = new Set<object>();
  constructor(
    readonly scalars: Scalar[],
    readonly anchorNames: Map<object, string>,
  ) {}

  /**
   * One decode step (d.unmarshal); a node seen before is an alias: its whole subtree counts as
   * expansion. `target` is the Go type the value is headed for, when reading into a typed value.
   */
  value(node: unknown, target?: GoType): Json {
    this.count();
    if (node !== null && typeof node === "object") {
      if (this.seen.has(node)) return this.alias(node, () => this.fresh(node, target));
      this.seen.add(node);
      if (!(node instanceof Scalar)) {
        this.active.add(node);
        try {
          return this.fresh(node, target);
        } finally {
          this.active.delete(node);
        }
      }
    }
    return this.fresh(node, target);
  }

  private alias<T>(node: object, decode: () => T): T {
    if (this.active.has(node)) {
      throw new DecodeError(`anchor '${this.anchorNames.get(node) ?? ""}' value contains itself`);
    }
    this.aliasDepth++;
    this.count(); // the aliased node itself
    this.active.add(node);
    try {
      return decode();
    } finally {
      this.active.delete(node);
      this.aliasDepth--;
    }
  }

  private count(): void {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (
      this.aliasCount > 100 &&
      this.decodeCount > 1000 &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    ) {
      throw new DecodeError("document contains excessive aliasing");
    }
  }

  private fresh(node: unknown, target: GoType | undefined): Json {
    if (node === null || node === undefined) return null;
    if (typeof node === "string") return node; // quoted scalar
    if (node instanceof Scalar) {
      const r = this.resolve(node);
      return wantsString(target) ? (scalarAsString(r) ?? scalarToJson(r)) : scalarToJson(r);
    }
    if (Array.isArray(node)) return node.map((item: unknown) => this.value(item));
    const out: { [key: string]: Json } = {};
    this.mapping(node as Record<string, unknown>, out, target);
    return out;
  }

  private resolve(s: Scalar): Resolved {
    try {
      return resolveScalar(s.tag, s.raw);
    } catch (err) {
      if (err instanceof ResolveError) throw new DecodeError(err.message);
      throw err;
    }
  }

  /** Decodes a mapping into `out` (merges decode into the map they appear in, as yaml.v2 does). */
  private mapping(
    node: Record<string, unknown>,
    out: { [key: string]: Json },
    target: GoType | undefined,
  ): void {
    for (const rawKey of Object.keys(node)) {
      const child = node[rawKey];
      const keyNode = rawKey.startsWith(KEY_PREFIX)
        ? this.scalars[Number(rawKey.slice(KEY_PREFIX.length))]!
        : rawKey;
      if (
        keyNode instanceof Scalar &&
        keyNode.raw === "<<" &&
        (keyNode.tag === "" || keyNode.tag === `${LONG_TAG_PREFIX}merge`)
      ) {
        this.merge(child, out, target);
        continue;
      }
      this.count();
      if (keyNode instanceof Scalar) {
        const resolved = this.resolve(keyNode);
        // The key's JSON text picks the struct field (or map element) the value converts for; a
        // key JSON refuses is reported after its value is decoded (its message shows the value).
        let key: string | undefined;
        try {
          key = jsonKey(resolved, keyNode.raw, null);
        } catch (err) {
          if (!(err instanceof DecodeError)) throw err;
        }
        const value = this.value(child, key === undefined ? undefined : targetForKey(target, key));
        setKey(out, key ?? jsonKey(resolved, keyNode.raw, value), value);
      } else setKey(out, keyNode, this.value(child, targetForKey(target, keyNode)));
    }
  }

  private merge(node: unknown, out: { [key: string]: Json }, target: GoType | undefined): void {
    const isMap = (n: unknown): n is Record<string, unknown> =>
      n !== null && typeof n === "object" && !Array.isArray(n) && !(n instanceof Scalar);
    const into = (n: Record<string, unknown>): void => {
      this.count();
      if (this.seen.has(n)) return this.alias(n, () => this.mapping(n, out, target));
      this.seen.add(n);
      this.mapping(n, out, target);
    };
    if (isMap(node)) return into(node);
    if (Array.isArray(node)) {
      // Step backwards: earlier maps take precedence.
      for (let i = node.length - 1; i >= 0; i--) {
        const item: unknown = node[i];
        if (!isMap(item)) throw new DecodeError(WANT_MAP);
        into(item);
      }
      return;
    }
    throw new DecodeError(WANT_MAP);
  }
}

const WANT_MAP = "map merge requires map or sequence of maps as the value";

function setKey(out: { [key: string]: Json }, key: string, value: Json): void {
  if (key === "__proto__") {
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else out[key] = value;
}

/** What json.Marshal + json.Unmarshal make of a resolved scalar. */
function scalarToJson(r: Resolved): Json {
  switch (r.tag) {
    case "bool":
      return r.value;
    case "null":
      return null;
    case "int":
      return Number(r.value);
    case "float":
      if (!Number.isFinite(r.value)) {
        throw new DecodeError(`json: unsupported value: ${formatFloatG(r.value)}`, {
          cause: "json",
        });
      }
      return r.value;
    case "other":
      if (r.longTag === `${LONG_TAG_PREFIX}binary`) return decodeBinary(r.value);
      return r.value;
    default:
      return r.value;
  }
}

/**
 * sigs.k8s.io/yaml's conversion of a number or boolean headed for a Go string: its text
 * (floats as strconv.FormatFloat(f, 'g', -1, 32)). undefined for other scalars.
 */
function scalarAsString(r: Resolved): string | undefined {
  switch (r.tag) {
    case "bool":
      return r.value ? "true" : "false";
    case "int":
      return r.value.toString();
    case "float":
      return formatFloatG(r.value, 32);
    default:
      return undefined;
  }
}

function decodeBinary(text: string): string {
  const clean = text.replace(/[\s]/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
    throw new DecodeError("!!binary value contains invalid base64 data");
  }
  return Buffer.from(clean, "base64").toString("utf8");
}

/** Go's %+#v of a decoded scalar value, as it appears in sigs.k8s.io/yaml's key errors. */
function goSharpV(v: unknown): string {
  if (v === null) return "<nil>";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return Array.isArray(v) ? "[]interface {}{...}" : "map[interface {}]interface {}{...}";
}

/** sigs.k8s.io/yaml's convertToJSONableObject for map keys. */
function jsonKey(r: Resolved, raw: string, value: unknown): string {
  switch (r.tag) {
    case "bool":
      return r.value ? "true" : "false";
    case "int":
      if (r.value > 2n ** 63n - 1n) {
        throw new DecodeError(
          `unsupported map key of type: uint64, key: 0x${r.value.toString(16)}, value: ${goSharpV(value)}`,
          { cause: "json" },
        );
      }
      return r.value.toString();
    case "float": {
      const s = formatFloatG(r.value, 32);
      return s === "+Inf" ? ".inf" : s === "-Inf" ? "-.inf" : s === "NaN" ? ".nan" : s;
    }
    case "null":
      throw new DecodeError(
        `unsupported map key of type: %!s(<nil>), key: <nil>, value: ${goSharpV(value)}`,
        { cause: "json" },
      );
    case "other":
      if (r.longTag === `${LONG_TAG_PREFIX}binary`) return decodeBinary(r.value);
      return r.value;
    default:
      return typeof r.value === "string" ? r.value : raw;
  }
}

// ---------------------------------------------------------------------------------------------
// Documents.

/**
 * The text of the first YAML document: yaml.v2's Unmarshal parses only that one, so whatever
 * follows the next `---` (even invalid YAML) is never read.
 */
export function firstDocument(text: string): string {
  let content = false;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf("\n", pos);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, end).replace(/\r?\n$/, "");
    if (/^---(?:[ \t\r\n]|$)/.test(line)) {
      if (content) return text.slice(0, pos);
      content = true; // an explicit start: anything after it is this document
    } else if (/^\.\.\.(?:[ \t\r\n]|$)/.test(line)) {
      return text.slice(0, pos);
    } else if (!content && !/^\s*(?:#.*)?$/.test(line) && !line.startsWith("%")) {
      content = true;
    }
    pos = end;
  }
  return text;
}

export interface ReadOptions {
  /** Names the input in errors (a file path). */
  source?: string;
  /** Refuse longer texts (bytes of UTF-8; default 64 MiB). */
  maxBytes?: number;
  /**
   * The Go type the document is unmarshaled into, when not interface{}: numbers and booleans
   * headed for its string fields convert to their text, as sigs.k8s.io/yaml does (the JSON
   * decoding into it is decodeJsonInto's job).
   */
  target?: GoType;
}

function checkSize(text: string, opts: ReadOptions): void {
  const max = opts.maxBytes ?? DEFAULT_MAX_YAML_BYTES;
  // Cheap bound first: a UTF-16 length above max*1 can still be under max bytes only if ASCII.
  if (text.length > max || (text.length * 3 > max && Buffer.byteLength(text) > max)) {
    const where = opts.source ? `${opts.source}: ` : "";
    throw new HelmYamlError(
      `${where}YAML input is larger than the ${max} bytes allowed`,
      `YAML input is larger than the ${max} bytes allowed`,
      undefined,
      opts.source,
    );
  }
}

function wrap(reason: string, line: number | undefined, opts: ReadOptions): HelmYamlError {
  return new HelmYamlError(`error converting YAML to JSON: ${reason}`, reason, line, opts.source);
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;

/**
 * js-yaml's reasons for the syntax errors people make most, in libyaml's words (yaml.v2 is a port
 * of libyaml), and the line yaml.v2 reports: scanner errors name the line of the problem, parser
 * errors the line before it (yaml.v2 prints a 0-based mark there).
 */
const LIBYAML_REASONS: [RegExp, string, number][] = [
  [/a multiline key may not be an implicit key/, "could not find expected ':'", 0],
  [/bad indentation of a mapping entry/, "did not find expected key", -1],
  [/bad indentation of a sequence entry/, "did not find expected '-' indicator", -1],
  [
    /end of the stream within a (?:double|single) quoted scalar/,
    "found unexpected end of stream",
    0,
  ],
  [/end of the stream within a flow collection/, "did not find expected node content", -1],
  [/missed comma between flow collection entries/, "did not find expected ',' or ']'", -1],
  [/end of the stream or a document separator is expected/, "did not find expected key", -1],
  // A line starting with ": " (a value with no key) where libyaml's parser wants a key.
  [/incomplete explicit mapping pair; a key node is missed/, "did not find expected key", -1],
];

function parseError(err: YAMLException, doc: string, opts: ReadOptions): HelmYamlError {
  const alias = /^unidentified alias "(.*)"$/.exec(err.reason);
  if (alias) return wrap(`yaml: unknown anchor '${alias[1]}' referenced`, undefined, opts);
  let line = (err.mark?.line ?? 0) + 1;
  let reason = err.reason;
  if (/end of the stream within a flow collection/.test(reason)) {
    // libyaml: an unclosed collection with an item in it lacks its ',' or closing bracket.
    const before = doc.slice(0, err.mark?.position ?? doc.length);
    const open = Math.max(before.lastIndexOf("["), before.lastIndexOf("{"));
    if (open >= 0 && before.slice(open + 1).trim() !== "") {
      const close = before[open] === "[" ? "]" : "}";
      return wrap(
        `yaml: line ${line - 1}: did not find expected ',' or '${close}'`,
        line - 1,
        opts,
      );
    }
  }
  for (const [re, text, shift] of LIBYAML_REASONS) {
    if (re.test(reason)) {
      reason = text;
      line += shift;
      break;
    }
  }
  // yaml.v2 leaves the line out when its (0-based) mark is on the first line.
  if (line < 1) return wrap(`yaml: ${reason}`, undefined, opts);
  return wrap(`yaml: line ${line}: ${reason}`, line, opts);
}

const SKIPPED_LINE = /^\s*(?:#.*)?$/;
/** A plain scalar can start with these (an indicator only when followed by a non-space). */
const PLAIN_START = /^(?:[^-?:,[\]{}#&*!|>'"%@`\s]|[-?:][^\s,[\]{}])/;
/** Where a plain scalar's text stops on a line: ": ", a final ":", or " #". */
const PLAIN_STOP = /:(?:\s|$)|\s#/;

/**
 * The text of a document's root node when it is a plain scalar that runs past its first line
 * and ends at a mapping value or a comment (`a\n: b`, `map[a:1]\n: :`): a key cannot span
 * lines, so libyaml's root is that scalar and yaml.v2, which reads one node per document,
 * never parses the rest — where js-yaml reports an error. `{line}` when a later line of the
 * scalar holds a ": " (libyaml's "mapping values are not allowed in this context"), undefined
 * for any other document.
 */
function rootPlainScalar(doc: string): string | { line: number } | undefined {
  const lines = doc.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  let i = 0;
  while (i < lines.length && (SKIPPED_LINE.test(lines[i]!) || lines[i]!.startsWith("%"))) i++;
  if (i < lines.length && /^---\s*(?:#.*)?$/.test(lines[i]!)) {
    i++;
    while (i < lines.length && SKIPPED_LINE.test(lines[i]!)) i++;
  }
  if (i >= lines.length) return undefined;
  const first = lines[i]!.trim();
  if (!PLAIN_START.test(first) || PLAIN_STOP.test(first)) return undefined;
  let text = first;
  let breaks = 0;
  for (let j = i + 1; j < lines.length; j++) {
    const line = lines[j]!;
    if (/^(?:---|\.\.\.)(?:\s|$)/.test(line)) return undefined;
    const t = line.trim();
    if (t === "") {
      breaks++;
      continue;
    }
    const stop = t.startsWith("#") ? 0 : (PLAIN_STOP.exec(t)?.index ?? -1);
    // A ':' later in a continuation line comes where no key may start (libyaml's scanner error).
    if (stop > 0 && t[stop] === ":") return { line: j + 1 };
    const part = stop < 0 ? t : t.slice(0, stop).trimEnd();
    if (part !== "") {
      // Line folding: one break is a space, each further (blank) line a newline.
      text += breaks > 0 ? "\n".repeat(breaks) : " ";
      text += part;
    }
    breaks = 0;
    if (stop >= 0) return text;
  }
  return undefined;
}

/**
 * yaml.v2 + the JSON round trip for one document, as sigs.k8s.io/yaml.Unmarshal into interface{}.
 * Returns null for an empty document. Throws HelmYamlError.
 */
export function readHelmYaml(text: string, opts: ReadOptions = {}): unknown {
  checkSize(text, opts);
  // libyaml's reader refuses raw control characters anywhere in the input (escapes are fine).
  if (CONTROL.test(text)) throw wrap("yaml: control characters are not allowed", undefined, opts);
  const doc = firstDocument(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  current = [];
  let tree: unknown;
  try {
    tree = load(doc, { schema: SCHEMA, json: true, maxDepth: MAX_DEPTH, listener } as never);
  } catch (err) {
    current = [];
    anchors = new Map();
    if (!(err instanceof YAMLException)) throw err;
    const scalar = rootPlainScalar(doc);
    if (scalar === undefined) throw parseError(err, doc, opts);
    if (typeof scalar !== "string") {
      const reason = `yaml: line ${scalar.line}: mapping values are not allowed in this context`;
      throw wrap(reason, scalar.line, opts);
    }
    // yaml.v2 stops after the document's root node: what follows is never parsed.
    tree = new Scalar(scalar, "", 0);
  }
  const decoder = new Decoder(current, anchors);
  current = [];
  anchors = new Map();
  try {
    return decoder.value(tree, opts.target);
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
 * k8s.io/apimachinery's YAMLReader: splits at lines starting with `---` (only spaces or a comment
 * may follow), strips CR before LF. Returns the documents' texts and their first line numbers.
 */
export function splitYamlDocuments(text: string): { text: string; line: number }[] {
  const docs: { text: string; line: number }[] = [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  let buf: string[] = [];
  let start = 1;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line.startsWith("---")) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && rest[0] !== "#") {
        throw new HelmYamlError(
          `error reading yaml document: invalid Yaml document separator: ${rest}`,
          `invalid Yaml document separator: ${rest}`,
          i + 1,
        );
      }
      if (buf.length > 0) docs.push({ text: buf.join(""), line: start });
      buf = [];
      start = i + 2;
      continue;
    }
    buf.push(line + "\n");
  }
  if (buf.length > 0) docs.push({ text: buf.join(""), line: start });
  return docs;
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
        throw new HelmYamlError(
          `cannot unmarshal yaml document: ${err.message}`,
          err.reason,
          err.line === undefined ? undefined : err.line + doc.line - 1,
          opts.source,
        );
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
