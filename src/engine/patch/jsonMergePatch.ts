/**
 * The patch helm sends custom resources (and v1beta1 CRDs, APIServices): a two-way JSON merge
 * patch (RFC 7386) from the previous revision's object to the new one, as evanphx/json-patch's
 * CreateMergePatch builds it. The live object plays no part, so edits made on the cluster survive
 * unless the chart changes the same field.
 */
import { deepEqual, goType, isJsonObject, type JsonObject } from "./jsonValues.js";

/** Keys that change carry the new value, removed keys carry null, lists are replaced whole. */
export function createMergePatch(original: JsonObject, modified: JsonObject): JsonObject {
  return structuredClone(diff(original, modified));
}

function diff(original: JsonObject, modified: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const [key, value] of Object.entries(modified)) {
    const before = original[key];
    if (!Object.hasOwn(original, key) || jsonType(before) !== jsonType(value)) {
      patch[key] = value;
    } else if (isJsonObject(before) && isJsonObject(value)) {
      const nested = diff(before, value);
      if (Object.keys(nested).length > 0) patch[key] = nested;
    } else if (!deepEqual(before, value)) {
      patch[key] = value;
    }
  }
  for (const key of Object.keys(original)) {
    if (!Object.hasOwn(modified, key)) patch[key] = null;
  }
  return patch;
}

/** encoding/json decodes every number as float64: 1 and 1.5 are the same type here. */
function jsonType(value: unknown): string {
  const type = goType(value);
  return type === "int64" ? "float64" : type;
}
