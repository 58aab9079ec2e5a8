/**
 * Go values as templates see them. Helm hands text/template Go data (values decoded from YAML/JSON,
 * structs with methods, typed slices), and what a template prints depends on the Go type: float64
 * 1000000 prints "1e+06", int64 prints "1000000", a missing map key prints "<no value>", nil "<nil>".
 * So the evaluator and the function library share this one model:
 *
 * | Go                              | here                                          |
 * |---------------------------------|-----------------------------------------------|
 * | invalid reflect.Value (no value)| `undefined`                                   |
 * | nil (interface, map, slice, ptr)| `null`                                        |
 * | string                          | `string`                                      |
 * | bool                            | `boolean`                                     |
 * | float64                         | `number` (YAML/JSON numbers arrive as float64)|
 * | int, int64, uint8, …            | `GoInt` (value + kind)                        |
 * | []interface{}, []string, …      | `Array` (element type in `sliceType`)         |
 * | map[string]interface{}, …       | `GoMap`: a plain object (null prototype ok)   |
 * | []byte                          | `Uint8Array`                                  |
 * | structs / pointers with methods | `GoObject` subclasses                         |
 * | func values                     | `GoFunction`                                  |
 */

export type IntKind =
  | "int"
  | "int8"
  | "int16"
  | "int32"
  | "int64"
  | "uint"
  | "uint8"
  | "uint16"
  | "uint32"
  | "uint64"
  | "uintptr";

/** An integer of a Go integer kind. Values beyond 2^53 lose precision, as nothing in charts needs them. */
export class GoInt {
  constructor(
    readonly value: number,
    readonly kind: IntKind = "int",
  ) {}
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
  toString(): string {
    return String(this.value);
  }
}

export const int = (n: number): GoInt => new GoInt(Math.trunc(n), "int");
export const int64 = (n: number): GoInt => new GoInt(Math.trunc(n), "int64");

/** A map with string keys (map[string]interface{} unless `mapType` says otherwise). */
export interface GoMap {
  [key: string]: GoValue;
}

/** A struct or pointer with exported fields and methods (e.g. .Files, .Capabilities, semver.Version). */
export abstract class GoObject {
  /** As Go's %T prints it, e.g. "engine.files" or "*semver.Version". */
  abstract readonly goType: string;
  /** An exported field's value, or undefined when there is no such field. */
  field(_name: string): GoValue | typeof NO_FIELD {
    return NO_FIELD;
  }
  /** An exported method, or undefined. Methods receive evaluated arguments. */
  method(_name: string): GoFunction | undefined {
    return undefined;
  }
  /** How fmt's %v prints it (Go prints a struct as {f1 f2}; types with String() use that). */
  abstract format(): string;
  /** encoding/json's view of the value (used by toJson/toYaml); undefined = not serialisable. */
  toGo(): GoValue {
    return undefined;
  }
}

export const NO_FIELD: unique symbol = Symbol("no such field");

/** A Go func value (as returned by a method lookup, or a template function used with `call`). */
export interface GoFunction {
  readonly goFunc: true;
  readonly name: string;
  call(...args: GoValue[]): GoValue;
}

export type GoValue =
  | undefined
  | null
  | string
  | boolean
  | number
  | GoInt
  | GoValue[]
  | GoMap
  | Uint8Array
  | GoObject
  | GoFunction;

const SLICE_TYPES = new WeakMap<object, string>();
const MAP_TYPES = new WeakMap<object, string>();

/** Marks an array with its Go slice type (e.g. "[]string"); unmarked arrays are "[]interface {}". */
export function typedSlice<T extends GoValue[]>(arr: T, type: string): T {
  SLICE_TYPES.set(arr, type);
  return arr;
}
export function sliceType(arr: GoValue[]): string {
  return SLICE_TYPES.get(arr) ?? "[]interface {}";
}
/** Marks an object with its Go map type (e.g. "map[string]string"); unmarked ones are "map[string]interface {}". */
export function typedMap<T extends GoMap>(map: T, type: string): T {
  MAP_TYPES.set(map, type);
  return map;
}
export function mapType(map: GoMap): string {
  return MAP_TYPES.get(map) ?? "map[string]interface {}";
}

/** Underlying types of named map types (e.g. helm's `common.Values` is a map[string]interface{}). */
const UNDERLYING_MAP_TYPES = new Map<string, string>();
/** Declares a named map type's underlying map type, as Go's `type Values map[string]interface{}`. */
export function defineNamedMapType(name: string, underlying: string): void {
  UNDERLYING_MAP_TYPES.set(name, underlying);
}
/** The map's underlying type: its "map[K]V" type through any named type. */
export function underlyingMapType(map: GoMap): string {
  const t = mapType(map);
  return UNDERLYING_MAP_TYPES.get(t) ?? t;
}
/** The element type V of the map's underlying map[K]V type. */
export function mapElemType(map: GoMap): string {
  const t = underlyingMapType(map);
  return t.slice(t.indexOf("]") + 1);
}

export function isGoInt(v: unknown): v is GoInt {
  return v instanceof GoInt;
}
export function isGoMap(v: unknown): v is GoMap {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof GoInt) &&
    !(v instanceof GoObject) &&
    !(v instanceof Uint8Array) &&
    !isGoFunction(v)
  );
}
export function isGoFunction(v: unknown): v is GoFunction {
  return typeof v === "object" && v !== null && (v as GoFunction).goFunc === true;
}

/** Go's reflect.Kind name, as sprig's kindOf/kindIs report it ("invalid" for no value and nil). */
export function kindOf(v: GoValue): string {
  if (v === undefined || v === null) return "invalid";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return "float64";
  if (v instanceof GoInt) return v.kind;
  if (Array.isArray(v)) return "slice";
  if (v instanceof Uint8Array) return "slice";
  if (v instanceof GoObject) return v.goType.startsWith("*") ? "ptr" : "struct";
  if (isGoFunction(v)) return "func";
  return "map";
}

/** Go's %T of a value held in an interface{} ("<nil>" for nil). */
export function typeName(v: GoValue): string {
  if (v === undefined || v === null) return "<nil>";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return "float64";
  if (v instanceof GoInt) return v.kind;
  if (Array.isArray(v)) return sliceType(v);
  if (v instanceof Uint8Array) return "[]uint8";
  if (v instanceof GoObject) return v.goType;
  if (isGoFunction(v)) return "func";
  return mapType(v);
}

/**
 * text/template's truth (exec.go isTrue): false, 0, nil, "" and empty slices/maps are false;
 * structs are always true.
 */
export function isTrue(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === "string") return v.length > 0;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (v instanceof GoInt) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  if (v instanceof GoObject) return true;
  if (isGoFunction(v)) return true;
  return Object.keys(v).length > 0;
}

/** Sorted keys, as Go iterates maps in templates and prints them. */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Methods of named map types (helm's `common.Values` has AsMap, YAML, Table, PathValue): keyed by
 * the type given with typedMap. text/template looks a method up before a map key of the same name.
 */
export const mapMethods = new Map<
  string,
  (receiver: GoMap, name: string) => GoFunction | undefined
>();

/** Methods of named slice types (helm's `common.VersionSet` has Has), keyed by the type given with typedSlice. */
export const sliceMethods = new Map<
  string,
  (receiver: GoValue[], name: string) => GoFunction | undefined
>();

/** A Go func value with a name (for %v, `call`, and errors). */
export function goFunction(name: string, call: (...args: GoValue[]) => GoValue): GoFunction {
  return { goFunc: true, name, call };
}
