/**
 * The identity of a resource in a release: helm's "same object" test is
 * group + kind + namespace + name, version ignored (§3.1).
 */
export interface ResourceKey {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}

export function resourceKey(object: {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}): ResourceKey {
  return {
    group: groupOf(object.apiVersion),
    kind: object.kind,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    name: object.metadata.name,
  };
}

/** A string form usable as a map key. */
export function resourceKeyId(key: ResourceKey): string {
  return `${key.group}/${key.kind}/${key.namespace ?? ""}/${key.name}`;
}
