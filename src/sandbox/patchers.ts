/** How a PATCH of each media type applies to an object of one kind. */
import { JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, jsonPatch, mergePatch } from "./patch.js";
import type { PatchSchema } from "./patchSchema.js";
import { strategicMergePatch } from "./strategicMerge.js";

export type Patcher = (base: unknown, patch: unknown) => unknown;

/**
 * The patcher for a media type, or undefined when the kind does not accept it. `schema` is
 * the kind's patch metadata; custom resources have none (undefined) and, as on a real
 * server, take no strategic merge patch. Apply patches are handled apart.
 */
export function patcherFor(type: string, schema: PatchSchema | undefined): Patcher | undefined {
  switch (type) {
    case MERGE_PATCH:
      return mergePatch;
    case JSON_PATCH:
      return jsonPatch;
    case STRATEGIC_MERGE_PATCH:
      return schema === undefined
        ? undefined
        : (base, patch) => strategicMergePatch(base, patch, schema);
    default:
      return undefined;
  }
}
