/**
 * sigs.k8s.io/yaml.Unmarshal into a typed Go value (a struct, not interface{}): the target type
 * takes part twice, and both steps are modelled here for the few types helm reads that way.
 * 1. The YAML→JSON conversion (convertToJSONableObject) follows the target: a number or boolean
 *    headed for a string field becomes its text (`apiVersion: 1` reads as "1").
 * 2. encoding/json then decodes into the type: keys match field names exactly or else
 *    case-insensitively, unknown keys are ignored, null leaves a string as it was, and the first
 *    value of the wrong JSON kind is the error (`json: cannot unmarshal array into Go struct
 *    field SimpleHead.kind of type string`).
 */

/** A Go type as sigs.k8s.io/yaml and encoding/json see it. */
export type GoType =
  | { kind: "string" }
  | { kind: "interface" }
  /** map[string]elem; `type` is Go's type string (e.g. "map[string]string"). */
  | { kind: "map"; type: string; elem: GoType }
  /** `name` is reflect's Name() ("" for an anonymous struct), `type` its String(). */
  | { kind: "struct"; name: string; type: string; fields: ReadonlyArray<GoField> }
  | { kind: "pointer"; elem: GoType };

export interface GoField {
  /** The field's JSON name (its `json:"…"` tag). */
  json: string;
  type: GoType;
}

/** The Go type string encoding/json prints for the type. */
export function goTypeString(t: GoType): string {
  switch (t.kind) {
    case "string":
      return "string";
    case "interface":
      return "interface {}";
    case "map":
    case "struct":
      return t.type;
    case "pointer":
      return `*${goTypeString(t.elem)}`;
  }
}

/** A pointer's target is where decoding goes (Go allocates it); other types are themselves. */
function indirect(t: GoType): GoType {
  return t.kind === "pointer" ? indirect(t.elem) : t;
}

/**
 * The field encoding/json (and sigs.k8s.io/yaml) decodes a key into: an exact name match, else
 * the first case-insensitive one.
 */
export function fieldFor(t: GoType & { kind: "struct" }, key: string): GoField | undefined {
  let folded: GoField | undefined;
  const lower = key.toLowerCase();
  for (const f of t.fields) {
    if (f.json === key) return f;
    if (folded === undefined && f.json.toLowerCase() === lower) folded = f;
  }
  return folded;
}

/**
 * The conversion target for a map value under `key` (convertToJSONableObject): a struct's
 * field type, a map's element type, or none.
 */
export function targetForKey(target: GoType | undefined, key: string): GoType | undefined {
  if (target === undefined) return undefined;
  const t = indirect(target);
  if (t.kind === "struct") return fieldFor(t, key)?.type;
  if (t.kind === "map") return t.elem;
  return undefined;
}

/** Whether a number or boolean converted for this target becomes a string. */
export function wantsString(target: GoType | undefined): boolean {
  return target !== undefined && indirect(target).kind === "string";
}

/** encoding/json's UnmarshalTypeError, with Go's message. */
export class JsonTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JsonTypeError";
  }
}

function jsonKind(v: unknown): string {
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "array";
  return "object";
}

interface Context {
  /** Name() of the innermost struct being decoded. */
  struct: string;
  /** JSON names of the fields entered so far. */
  fields: string[];
}

function typeError(v: unknown, t: GoType, ctx: Context): JsonTypeError {
  const type = goTypeString(t);
  if (ctx.struct === "" && ctx.fields.length === 0) {
    return new JsonTypeError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type ${type}`);
  }
  return new JsonTypeError(
    `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${ctx.struct}.${ctx.fields.join(".")} of type ${type}`,
  );
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Go's json.Marshal writes map keys sorted bytewise, which is the order the decoder meets them. */
function sortedKeys(v: Record<string, unknown>): string[] {
  return Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * json.Unmarshal of the JSON value `v` into a fresh value of type `t`: returns what Go would
 * hold (null for nil pointers and maps, "" for strings never set; struct fields by JSON name),
 * or throws JsonTypeError at the first value of the wrong kind.
 */
export function decodeJsonInto(v: unknown, t: GoType): unknown {
  return decode(v, t, { struct: "", fields: [] });
}

function zero(t: GoType): unknown {
  if (t.kind === "string") return "";
  if (t.kind === "struct") {
    const out: Record<string, unknown> = {};
    for (const f of t.fields) out[f.json] = zero(f.type);
    return out;
  }
  return null;
}

function decode(v: unknown, t: GoType, ctx: Context): unknown {
  if (v === null || v === undefined) return zero(t);
  switch (t.kind) {
    case "interface":
      return v;
    case "pointer":
      return decode(v, t.elem, ctx);
    case "string":
      if (typeof v !== "string") throw typeError(v, t, ctx);
      return v;
    case "map": {
      if (!isObject(v)) throw typeError(v, t, ctx);
      const out: Record<string, unknown> = {};
      for (const k of sortedKeys(v)) {
        Object.defineProperty(out, k, {
          value: decode(v[k], t.elem, ctx),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case "struct": {
      if (!isObject(v)) throw typeError(v, t, ctx);
      const out = zero(t) as Record<string, unknown>;
      for (const k of sortedKeys(v)) {
        const f = fieldFor(t, k);
        if (f === undefined) continue;
        const inner = { struct: t.name, fields: [...ctx.fields, f.json] };
        // null leaves a string field as it was; it sets a pointer or map to nil.
        if (v[k] === null && f.type.kind === "string") continue;
        out[f.json] = decode(v[k], f.type, inner);
      }
      return out;
    }
  }
}
