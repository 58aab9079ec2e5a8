import { manifestDocuments } from "../manifest/yaml.js";
import type { ClusterAccess } from "../cluster/clusterAccess.js";
import type { KubeObject } from "../cluster/kubeObject.js";

/**
 * The objects of a stored or rendered manifest, with namespaces resolved as
 * helm's builder resolves them (docs/release-storage.md#building-objects): namespaced kinds without
 * one get the release namespace, cluster-scoped kinds lose any namespace they were given.
 */
export async function manifestObjects(
  manifest: string,
  namespace: string,
  cluster: ClusterAccess,
): Promise<KubeObject[]> {
  const objects: KubeObject[] = [];
  for (const { value } of manifestDocuments(manifest)) {
    if (!isKubeObject(value)) continue;
    const namespaced = await cluster.isNamespaced(value.apiVersion, value.kind);
    const { namespace: _given, ...metadata } = value.metadata;
    objects.push({
      ...value,
      metadata: namespaced
        ? { ...metadata, namespace: value.metadata.namespace ?? namespace }
        : metadata,
    });
  }
  return objects;
}

function isKubeObject(value: unknown): value is KubeObject {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<KubeObject>;
  return (
    typeof v.apiVersion === "string" &&
    typeof v.kind === "string" &&
    typeof v.metadata?.name === "string"
  );
}
