import { KubeNotFoundError } from "./errors.js";
import type { ResourceInfo } from "./types.js";

/** One entry of an `APIResourceList`. */
interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
}

/** Fetches `/api/v1` or `/apis/<group>/<version>`; undefined when the group-version is not served. */
export type ResourceListFetcher = (
  apiVersion: string,
) => Promise<{ resources?: ApiResource[] } | undefined>;

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf("/");
  return i < 0
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** Thrown when the server serves no resource for a kind (e.g. its CRD is not installed). */
export class UnknownKindError extends KubeNotFoundError {
  constructor(apiVersion: string, kind: string) {
    super(`the server has no resource type for kind "${kind}" in apiVersion "${apiVersion}"`, {
      hint: "is the CustomResourceDefinition installed, and is the apiVersion right?",
    });
  }
}

/**
 * kind + apiVersion → resource plural and scope, from the server's
 * per-group-version discovery documents. Each group-version is fetched
 * once and cached; a kind that is not in the cache makes one refetch of
 * its group-version (a CRD may have been created since), then fails.
 */
export class Discovery {
  private readonly cache = new Map<string, Promise<Map<string, ResourceInfo>>>();

  constructor(private readonly fetchList: ResourceListFetcher) {}

  async resolve(apiVersion: string, kind: string): Promise<ResourceInfo> {
    const cached = this.cache.get(apiVersion);
    if (cached) {
      const hit = (await cached.catch(() => undefined))?.get(kind);
      if (hit) return hit;
    }
    const fresh = await this.load(apiVersion);
    const found = fresh.get(kind);
    if (!found) throw new UnknownKindError(apiVersion, kind);
    return found;
  }

  /** Forgets everything (e.g. after installing CRDs). */
  invalidate(apiVersion?: string): void {
    if (apiVersion === undefined) this.cache.clear();
    else this.cache.delete(apiVersion);
  }

  private load(apiVersion: string): Promise<Map<string, ResourceInfo>> {
    const { group, version } = splitApiVersion(apiVersion);
    const pending = this.fetchList(apiVersion).then((list) => {
      const byKind = new Map<string, ResourceInfo>();
      for (const r of list?.resources ?? []) {
        if (r.name.includes("/")) continue; // subresources: deployments/scale, pods/log…
        if (byKind.has(r.kind)) continue;
        byKind.set(r.kind, {
          apiVersion,
          group,
          version,
          kind: r.kind,
          resource: r.name,
          namespaced: Boolean(r.namespaced),
          verbs: r.verbs ?? [],
        });
      }
      return byKind;
    });
    this.cache.set(apiVersion, pending);
    pending.catch(() => {
      if (this.cache.get(apiVersion) === pending) this.cache.delete(apiVersion);
    });
    return pending;
  }
}
