/**
 * How the sandbox names things: a resource (its store bucket), an object within one, and an
 * apiVersion. The sandbox keeps its own: it imports nothing from the rest of wheelhouse.
 */

/** A resource's store key, `group/resource`: `apps/deployments`, `/configmaps` (core group). */
export function resourceKey(group: string, resource: string): string {
  return `${group}/${resource}`;
}

/** The store key of a served resource type. */
export function typeKey(t: { group: string; resource: string }): string {
  return resourceKey(t.group, t.resource);
}

/** An object's id within its resource, `namespace/name` (`/name` when cluster-scoped). */
export function objectId(namespace: string | undefined, name: string): string {
  return `${namespace ?? ""}/${name}`;
}

/** `v1` for the core group, `group/version` otherwise. */
export function apiVersionOf(group: string, version: string): string {
  return group === "" ? version : `${group}/${version}`;
}
