import { loadKubeConfig } from "./config.js";
import type { LoadKubeConfigOptions, LoadedKubeConfig } from "./config.js";
import { listMetadataOnly } from "./coreResources.js";
import { isKubeError } from "./errors.js";
import { KubeObjects } from "./objects.js";
import { KubeTransport } from "./transport.js";
import type { KubeClientOptions } from "./transport.js";
import type { ServerVersion } from "./types.js";

/** The namespaces a user may see; `fallback` when listing was forbidden. */
export interface NamespaceListing {
  names: string[];
  /** True when the list was forbidden and `names` is only the context's namespace. */
  fallback: boolean;
  /** Why the fallback was taken. */
  reason?: string;
}

/**
 * The one way wheelhouse talks to a Kubernetes API server: a transport
 * (see KubeTransport) plus what a session asks of the cluster as a whole.
 * Objects of any kind go through `objects`; Secrets and ConfigMaps by type
 * through `coreResources(client, …)`.
 */
export class KubeClient extends KubeTransport {
  /** Objects of any kind, located through discovery; server-side apply. */
  readonly objects: KubeObjects;

  constructor(config: LoadedKubeConfig, options: KubeClientOptions = {}) {
    super(config, options);
    this.objects = new KubeObjects(this);
  }

  /** `/version`. */
  serverVersion(): Promise<ServerVersion> {
    return this.request<ServerVersion>({
      method: "GET",
      path: "/version",
      verb: "get",
      resource: "version",
    });
  }

  /** Whether the namespace exists; undefined when reading it is forbidden. */
  async namespaceExists(name: string): Promise<boolean | undefined> {
    try {
      await this.request({
        method: "GET",
        path: `/api/v1/namespaces/${encodeURIComponent(name)}`,
        verb: "get",
        resource: "namespaces",
        name,
      });
      return true;
    } catch (err) {
      if (isKubeError(err, "NotFound")) return false;
      if (isKubeError(err, "Forbidden")) return undefined;
      throw err;
    }
  }

  /**
   * Every namespace's name, sorted. When listing namespaces is forbidden,
   * the context's namespace alone, flagged as a fallback.
   */
  async namespaces(): Promise<NamespaceListing> {
    try {
      const items = await listMetadataOnly(this, {
        method: "GET",
        path: "/api/v1/namespaces",
        verb: "list",
        resource: "namespaces",
      });
      const names = items.map((n) => n.metadata.name).sort();
      return { names, fallback: false };
    } catch (err) {
      if (!isKubeError(err, "Forbidden")) throw err;
      return {
        names: [this.namespace],
        fallback: true,
        reason: `listing namespaces is forbidden; showing the context's namespace "${this.namespace}" only`,
      };
    }
  }
}

export interface ConnectOptions extends LoadKubeConfigOptions, KubeClientOptions {
  /** `--namespace`: overrides the context's default namespace. */
  namespace?: string;
}

/**
 * Loads the kubeconfig as kubectl does (see loadKubeConfig) and makes a
 * client for it. Nothing is sent to the server yet.
 */
export function connectKube(options: ConnectOptions = {}): KubeClient {
  const config = loadKubeConfig(options);
  return new KubeClient(
    options.namespace ? { ...config, namespace: options.namespace } : config,
    options,
  );
}
