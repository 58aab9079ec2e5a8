/**
 * The two lookups strategicpatch makes before it diffs or merges a field (PatchMetaFromOpenAPI's
 * LookupPatchMetadataForStruct and ...ForSlice), with the same leniency and the same refusals:
 * a schema that says nothing ("any", or none at all) lets anything through with default
 * semantics, while asking a map, list or primitive for a field is an error, as is a field an
 * object does not declare. Callers decide whether the error matters (it does not when the two
 * values are equal anyway).
 */
import { PatchError } from "./errors.js";
import type { PatchField, PatchSchema } from "./patchSchema.js";

export interface FieldMeta {
  /** The value's schema (for a list: each item's); undefined when nothing is known. */
  readonly schema: PatchSchema | undefined;
  readonly mergeKey: string;
  /** "merge", "replace" or "" (maps recurse and lists are replaced). */
  readonly strategy: string;
  readonly retainKeys: boolean;
}

const OPEN: FieldMeta = { schema: undefined, mergeKey: "", strategy: "", retainKeys: false };

/** The field `key` of a map value (an object, in OpenAPI terms). */
export function lookupMapField(
  schema: PatchSchema | undefined,
  key: string,
  path: string,
): FieldMeta {
  const field = declaredField(schema, key, path);
  return field ? { ...strategyOf(field, path), schema: field.schema } : OPEN;
}

/** The field `key` of an object whose value is a list; `schema` in the answer is the items'. */
export function lookupListField(
  schema: PatchSchema | undefined,
  key: string,
  path: string,
): FieldMeta {
  const field = declaredField(schema, key, path);
  if (!field) return OPEN;
  const meta = strategyOf(field, path);
  switch (field.schema.shape) {
    case "list":
      return { ...meta, schema: field.schema.elements };
    case "any":
      return { ...meta, schema: undefined };
    default:
      throw new PatchError(
        path,
        `expected a list, but ${field.schema.name} is ${field.schema.shape}`,
      );
  }
}

function declaredField(
  schema: PatchSchema | undefined,
  key: string,
  path: string,
): PatchField | undefined {
  if (schema === undefined || schema.shape === "any") return undefined;
  if (schema.shape !== "object") {
    throw new PatchError(path, `expected an object, but ${schema.name} is ${schema.shape}`);
  }
  const field = schema.field(key);
  if (!field) throw new PatchError(path, `unable to find api field "${key}" in ${schema.name}`);
  return field;
}

/** strategicpatch's extractRetainKeysPatchStrategy: at most one strategy besides retainKeys. */
function strategyOf(field: PatchField, path: string): Omit<FieldMeta, "schema"> {
  const mergeKey = field.mergeKey ?? "";
  const others = field.strategies.filter((s) => s !== "retainKeys");
  const retainKeys = others.length < field.strategies.length;
  if (field.strategies.length > 2 || others.length > 1) {
    throw new PatchError(path, `unexpected patch strategy: ${field.strategies.join(",")}`);
  }
  return { mergeKey, strategy: others[0] ?? "", retainKeys };
}
