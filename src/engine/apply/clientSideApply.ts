import type { ClusterAccess, ObjectRef } from "../cluster/clusterAccess.js";
import { refOf } from "../cluster/clusterAccess.js";
import type { JsonObject } from "../cluster/clusterReader.js";
import type { KubeObject } from "../cluster/kubeObject.js";
import { createMergePatch, patchSchemasFromOpenApiV2, threeWayMergePatch } from "../patch/index.js";
import type { PatchSchemas } from "../patch/index.js";
import type { ApplyMethod } from "../release/types.js";

export interface WriteRequest {
  fieldManager: string;
  /** Server-side apply only: take over fields other managers own. */
  force: boolean;
  dryRun?: boolean;
}

/**
 * Creates an object the way the release's method does: server-side apply (which creates what
 * is missing), or a plain create under client-side apply, as helm 3 creates.
 */
export function createObject(
  cluster: ClusterAccess,
  object: KubeObject,
  method: ApplyMethod,
  request: WriteRequest,
): Promise<KubeObject> {
  const dryRun = request.dryRun ? { dryRun: true } : {};
  if (method === "ssa") {
    return cluster.apply(object, {
      fieldManager: request.fieldManager,
      force: request.force,
      ...dryRun,
    });
  }
  return cluster.create(object, { fieldManager: request.fieldManager, ...dryRun });
}

/**
 * helm 3's update of an existing object: a three-way strategic merge patch of the previous
 * manifest's object, the new one and the live one for built-in kinds, whose patch strategies
 * come from the server's OpenAPI document; a two-way JSON merge patch for everything else
 * (custom resources, which have no strategies, so live changes are not considered). Nothing
 * is sent when there is nothing to change.
 */
export async function patchClientSide(
  cluster: ClusterAccess,
  original: KubeObject | undefined,
  modified: KubeObject,
  live: KubeObject,
  request: Omit<WriteRequest, "force">,
): Promise<KubeObject | undefined> {
  const ref: ObjectRef = refOf(modified);
  const schema = (await schemasOf(cluster)).forKind(modified.apiVersion, modified.kind);
  const patch = schema
    ? threeWayMergePatch(
        // An object the previous manifest did not have (adopted, or left by a failed
        // revision) has nothing to delete. helm takes the live object as the baseline
        // instead, which asks to delete every field the server set (uid, status, …).
        (original ?? modified) as JsonObject,
        modified as JsonObject,
        live as JsonObject,
        schema,
      )
    : original
      ? createMergePatch(original as JsonObject, modified as JsonObject)
      : (modified as JsonObject);
  if (Object.keys(patch).length === 0) return undefined;
  return cluster.patch(ref, patch, schema ? "strategic" : "merge", {
    fieldManager: request.fieldManager,
    ...(request.dryRun ? { dryRun: true } : {}),
  });
}

/** One OpenAPI read per cluster connection: the document is large and does not change. */
const schemaCache = new WeakMap<ClusterAccess, Promise<PatchSchemas>>();

function schemasOf(cluster: ClusterAccess): Promise<PatchSchemas> {
  let schemas = schemaCache.get(cluster);
  if (!schemas) {
    schemas = cluster.openApiV2().then(patchSchemasFromOpenApiV2);
    schemas.catch(() => schemaCache.delete(cluster));
    schemaCache.set(cluster, schemas);
  }
  return schemas;
}
