/**
 * What rendering may read from a cluster, and nothing else: helm's `lookup` and the discovery
 * behind `.Capabilities`. Read-only by construction; implemented over src/kube by
 * KubeClusterAccess and in memory by tests.
 */

/** What `lookup` asks: one object by name, or every object of a kind when `name` is "". */
export interface LookupQuery {
  apiVersion: string;
  kind: string;
  /** "" = no namespace (cluster-scoped kinds, or a LIST across every namespace). */
  namespace: string;
  name: string;
}

/** A JSON object as the API server sent it. */
export type JsonObject = Record<string, unknown>;

/** One served group-version and the kinds of its resources, subresources included. */
export interface GroupVersionKinds {
  groupVersion: string;
  kinds: string[];
}

/** What /version says, as helm copies it into `.Capabilities.KubeVersion` (Minor may be "31+"). */
export interface ServerVersionInfo {
  gitVersion: string;
  major: string;
  minor: string;
}

/**
 * A lookup the cluster refused. `resolving`: discovery could not say which resource the kind is
 * (helm words it "unable to get apiresource from unstructured: …"); otherwise the GET or LIST
 * failed. The message is the server's words.
 */
export class LookupReadError extends Error {
  constructor(
    message: string,
    readonly resolving: boolean,
  ) {
    super(message);
    this.name = "LookupReadError";
  }
}

export interface ClusterReader {
  /**
   * One object (GET) or a List with `items` (LIST) as helm's lookup reads them, straight from
   * the API server (a consistent read); undefined when not found. Throws LookupReadError.
   */
  lookup(query: LookupQuery): Promise<JsonObject | undefined>;
  /** The server's /version (`.Capabilities.KubeVersion`). */
  serverVersion(): Promise<ServerVersionInfo>;
  /** Every served group-version with its kinds (`.Capabilities.APIVersions`). */
  apiResources(): Promise<GroupVersionKinds[]>;
}
