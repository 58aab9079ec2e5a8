/**
 * Client-side apply patches as helm 3 computes them (helm 4 for "csa" releases): a three-way
 * strategic merge patch for built-in kinds, with patch metadata from /openapi/v2, and a two-way
 * JSON merge patch for everything `PatchSchemas.forKind` has no schema for.
 */
export { OpenApiDocumentError, PatchError } from "./errors.js";
export { createMergePatch } from "./jsonMergePatch.js";
export {
  patchSchemasFromOpenApiV2,
  type PatchField,
  type PatchSchema,
  type PatchSchemas,
  type PatchShape,
} from "./patchSchema.js";
export { threeWayMergePatch } from "./threeWayMergePatch.js";
