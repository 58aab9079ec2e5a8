/**
 * yaml.v2's decoder, over the tree js-yaml parses. js-yaml's own typing is switched off: every
 * plain scalar comes back wrapped as a `Scalar` (keeping document order for keys and letting
 * aliases be recognised), and the walk does what yaml.v2's decoder does — resolve.go typing,
 * merge keys in yaml.v2's order (a `<<` later in a map overrides earlier keys), the last of
 * duplicate keys wins, and its alias-expansion limit ("document contains excessive aliasing",
 * decode.go allowedAliasRatio), so a billion-laughs document is refused after a few thousand
 * steps. The result is what sigs.k8s.io/yaml's JSON round trip makes of it.
 */
import { Schema, Type } from "js-yaml";
import { AliasBudget, AliasHomes, EXCESSIVE_ALIASING } from "./aliasBudget.js";
import { formatFloatG } from "./goFloat.js";
import { targetForKey, wantsString, type GoType } from "./goStruct.js";
import { loadYaml } from "./load.js";
import { LONG_TAG_PREFIX, ResolveError, resolveScalar, type Resolved } from "./resolve.js";

/** Nesting depth js-yaml accepts (yaml.v2 stops at 10000; the JS stack cannot go that far). */
const MAX_DEPTH = 1000;

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

/** One parsed document: its root node, the scalars in document order and the collections' anchors. */
export interface YamlTree {
  root: unknown;
  scalars: Scalar[];
  anchors: Map<object, string>;
}

/** Parses one document with the wrapping schema. Throws js-yaml's YAMLException. */
export function loadTree(doc: string): YamlTree {
  current = [];
  anchors = new Map();
  try {
    // The caller checked the size; the decoder counts aliases as it expands them.
    const root: unknown = loadYaml(doc, {
      schema: SCHEMA,
      json: true,
      maxDepth: MAX_DEPTH,
      listener,
      maxBytes: Infinity,
      expand: false,
    });
    return { root, scalars: current, anchors };
  } finally {
    current = [];
    anchors = new Map();
  }
}

/** A document whose root is one plain scalar (what yaml.v2 reads where js-yaml gives up). */
export function plainScalarTree(text: string): YamlTree {
  return { root: new Scalar(text, "", 0), scalars: [], anchors: new Map() };
}

// ---------------------------------------------------------------------------------------------
// yaml.v2's decoder over the js-yaml tree.

export class DecodeError extends Error {}

type Key = string | number;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

class Decoder {
  private readonly budget = new AliasBudget();
  aliasDepth = 0;
  private readonly homes = new AliasHomes();
  /** Collections being decoded through an alias right now (a recursive alias is an error). */
  private readonly active = new Set<object>();
  constructor(
    readonly scalars: Scalar[],
    readonly anchorNames: Map<object, string>,
  ) {}

  /**
   * One decode step (d.unmarshal) of `node`, reached from `parent` at `key`; an alias
   * (./aliasBudget.js AliasHomes) counts one more, and its whole subtree as expansion. `target`
   * is the Go type the value is headed for, when reading into a typed value.
   */
  value(node: unknown, target: GoType | undefined, parent: object | null, key: Key): Json {
    this.count();
    if (node !== null && typeof node === "object") {
      if (this.homes.isAlias(node, parent, key))
        return this.alias(node, () => this.fresh(node, target));
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
    if (!this.budget.spend(this.aliasDepth > 0)) throw new DecodeError(EXCESSIVE_ALIASING);
  }

  private fresh(node: unknown, target: GoType | undefined): Json {
    if (node === null || node === undefined) return null;
    if (typeof node === "string") return node; // quoted scalar
    if (node instanceof Scalar) {
      const r = this.resolve(node);
      return wantsString(target) ? (scalarAsString(r) ?? scalarToJson(r)) : scalarToJson(r);
    }
    if (Array.isArray(node))
      return node.map((item: unknown, i) => this.value(item, undefined, node, i));
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
        this.merge(child, out, target, node, rawKey);
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
        const into = key === undefined ? undefined : targetForKey(target, key);
        const value = this.value(child, into, node, rawKey);
        setKey(out, key ?? jsonKey(resolved, keyNode.raw, value), value);
      } else setKey(out, keyNode, this.value(child, targetForKey(target, keyNode), node, rawKey));
    }
  }

  private merge(
    node: unknown,
    out: { [key: string]: Json },
    target: GoType | undefined,
    parent: object,
    key: Key,
  ): void {
    const isMap = (n: unknown): n is Record<string, unknown> =>
      n !== null && typeof n === "object" && !Array.isArray(n) && !(n instanceof Scalar);
    const into = (n: Record<string, unknown>, from: object, at: Key): void => {
      this.count();
      if (this.homes.isAlias(n, from, at)) return this.alias(n, () => this.mapping(n, out, target));
      this.mapping(n, out, target);
    };
    if (isMap(node)) return into(node, parent, key);
    if (Array.isArray(node)) {
      // Step backwards: earlier maps take precedence.
      for (let i = node.length - 1; i >= 0; i--) {
        const item: unknown = node[i];
        if (!isMap(item)) throw new DecodeError(WANT_MAP);
        into(item, node, i);
      }
      return;
    }
    throw new DecodeError(WANT_MAP);
  }
}

const WANT_MAP = "map merge requires map or sequence of maps as the value";

export function setKey(out: { [key: string]: Json }, key: string, value: Json): void {
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

/** yaml.v2's decoding of a parsed document. Throws DecodeError (and RangeError when too deep). */
export function decodeTree(tree: YamlTree, target?: GoType): Json {
  return new Decoder(tree.scalars, tree.anchors).value(tree.root, target, null, "");
}
