/**
 * The client-side apply patch helm 3 sends for built-in kinds (and helm 4 for "csa" releases):
 * apimachinery's CreateThreeWayMergePatch(original, modified, current, meta, overwrite=true),
 * which kubectl apply also computes. What `modified` adds or changes is measured against the
 * live object, so fields other managers set stay unless `modified` sets them; what it removes
 * is measured against `original`, so only fields the previous revision set are deleted.
 */
import { diffMaps, type DiffOptions } from "./diffMaps.js";
import type { JsonObject } from "./jsonValues.js";
import { mergePatches } from "./mergePatches.js";
import type { PatchSchema } from "./patchSchema.js";

const ADDITIONS_AND_CHANGES: DiffOptions = {
  ignoreChangesAndAdditions: false,
  ignoreDeletions: true,
  buildRetainKeys: false,
};
const DELETIONS: DiffOptions = {
  ignoreChangesAndAdditions: true,
  ignoreDeletions: false,
  buildRetainKeys: false,
};

/**
 * The strategic merge patch that takes `current` to `modified`; `{}` when there is nothing to
 * send. `original` is the object as the previous revision's manifest had it; undefined for an
 * object that revision did not have (helm then uses the live object as the baseline, so nothing
 * is deleted). Throws PatchError where Kubernetes refuses to build the patch. The inputs are not
 * changed and the patch shares nothing with them.
 */
export function threeWayMergePatch(
  original: JsonObject | undefined,
  modified: JsonObject,
  current: JsonObject,
  schema: PatchSchema,
): JsonObject {
  const delta = diffMaps(current, structuredClone(modified), schema, ADDITIONS_AND_CHANGES, "");
  const deletions = diffMaps(original ?? current, structuredClone(modified), schema, DELETIONS, "");
  return mergePatches(deletions, delta, schema, "");
}
