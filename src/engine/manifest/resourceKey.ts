/**
 * The identity of a resource in a release: helm's "same object" test is
 * group + kind + namespace + name, version ignored (docs/release-storage.md#object-identity).
 */
export interface ResourceKey {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** An object as a manifest or the API server gives it, as far as its identity goes. */
export interface IdentifiedObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** An object named flat, with the apiVersion the API addresses it by. */
export interface VersionedName {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}

export function resourceKey(object: IdentifiedObject): ResourceKey {
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

/**
 * The identity with the version kept, `apiVersion/kind/namespace/name`. Helm's upgrade decides
 * which objects are new by it, so an object that moves to another apiVersion is checked for
 * ownership again; diffs pair documents by it, so such a move shows as a removal and an addition.
 */
export function versionedResourceId(object: VersionedName): string {
  return `${object.apiVersion}/${object.kind}/${object.namespace ?? ""}/${object.name}`;
}
