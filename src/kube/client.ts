import http from "node:http";
import https from "node:https";
import fetch from "node-fetch";
import { loadKubeConfig } from "./config.js";
import type { LoadKubeConfigOptions, LoadedKubeConfig } from "./config.js";
import { Discovery, splitApiVersion } from "./discovery.js";
import type { RequestDescription } from "./errors.js";
import {
  KubeError,
  KubeTimeoutError,
  errorFromResponse,
  isKubeError,
  toKubeError,
} from "./errors.js";
import type {
  ConfigMap,
  KubeResource,
  PartialObjectMetadata,
  ResourceInfo,
  ResourceRef,
  Secret,
  ServerVersion,
  WatchEvent,
} from "./types.js";
import type { WatchOptions } from "./watch.js";
import { reconnectingWatch } from "./watch.js";

export interface KubeClientOptions {
  /** Per-request timeout in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** How many times an idempotent read is retried after Unreachable/5xx/429 (default 3). */
  retries?: number;
  /** First retry delay in ms (default 250); doubles each time, with jitter. */
  retryBaseMs?: number;
  /** Longest retry delay in ms (default 4 000). */
  retryMaxMs?: number;
  /** User-Agent header (default "wheelhouse"). */
  userAgent?: string;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface KubeRequest {
  method: HttpMethod;
  /** Absolute API path, e.g. /api/v1/namespaces/default/secrets. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** What is attempted, for error messages. */
  verb: string;
  resource: string;
  namespace?: string;
  name?: string;
  /** Retry on Unreachable/5xx/429; defaults to true for GET only. */
  idempotent?: boolean;
  timeoutMs?: number;
}

/** The namespaces a user may see; `fallback` when listing was forbidden. */
export interface NamespaceListing {
  names: string[];
  /** True when the list was forbidden and `names` is only the context's namespace. */
  fallback: boolean;
  /** Why the fallback was taken. */
  reason?: string;
}

export interface ApplyObjectOptions {
  /** Server-side apply field manager (default "helm", as helm 4). */
  fieldManager?: string;
  /** Take over fields that other managers own. */
  force?: boolean;
  /** Validate and default on the server without persisting. */
  dryRun?: boolean;
}

const METADATA_LIST_ACCEPT =
  "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

type CoreResource = "secrets" | "configmaps";

/**
 * The one way wheelhouse talks to a Kubernetes API server. Auth, TLS and
 * proxies come from client-node's KubeConfig; requests go over
 * client-node's own fetch. Every call has a timeout; idempotent reads are
 * retried (bounded, with backoff) on Unreachable, 5xx and 429; errors are
 * KubeErrors that name what was attempted.
 */
export class KubeClient {
  readonly server: string;
  readonly context: string;
  /** The context's default namespace. */
  readonly namespace: string;
  readonly config: LoadedKubeConfig;
  readonly discovery: Discovery;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly userAgent: string;
  private pooled?: { key: string; agent: http.Agent };

  constructor(config: LoadedKubeConfig, options: KubeClientOptions = {}) {
    this.config = config;
    this.server = config.server;
    this.context = config.context;
    this.namespace = config.namespace;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 3;
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 4_000;
    this.userAgent = options.userAgent ?? "wheelhouse";
    this.discovery = new Discovery((apiVersion) => this.fetchResourceList(apiVersion));
  }

  // ---------------------------------------------------------------- core

  /** One API call: JSON in, JSON out; throws KubeError. */
  async request<T>(req: KubeRequest): Promise<T> {
    const idempotent = req.idempotent ?? req.method === "GET";
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(req);
      } catch (err) {
        if (!idempotent || attempt >= this.retries || !isRetryable(err)) throw err;
        await sleep(this.backoff(attempt, err));
      }
    }
  }

  private describe(req: KubeRequest): RequestDescription {
    return {
      verb: req.verb,
      resource: req.resource,
      server: this.server,
      method: req.method,
      path: req.path,
      ...(req.namespace !== undefined ? { namespace: req.namespace } : {}),
      ...(req.name !== undefined ? { name: req.name } : {}),
    };
  }

  private async once<T>(req: KubeRequest): Promise<T> {
    const describe = this.describe(req);
    const url = new URL(this.server + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      let init;
      try {
        init = await this.config.kubeConfig.applyToFetchOptions({});
      } catch (err) {
        const message = (err as Error).message;
        throw new KubeError(
          "Config",
          `cannot prepare a request to ${this.server} for context "${this.context}": ${message}`,
          {
            cause: err,
            ...(/HTTP protocol is not allowed/.test(message)
              ? {
                  hint: "for an http:// server set `insecure-skip-tls-verify: true` on its kubeconfig cluster",
                }
              : {}),
          },
        );
      }
      init.agent = this.keepAlive(init.agent);
      const headers = init.headers as unknown as { set(k: string, v: string): void };
      headers.set("Accept", req.accept ?? "application/json");
      headers.set("User-Agent", this.userAgent);
      let body: string | undefined;
      if (req.body !== undefined) {
        body = JSON.stringify(req.body);
        headers.set("Content-Type", req.contentType ?? "application/json");
      }
      const response = await fetch(url.toString(), {
        ...init,
        method: req.method,
        ...(body !== undefined ? { body } : {}),
        signal: controller.signal as never,
      });
      const text = await response.text();
      if (response.status < 200 || response.status >= 300) {
        const retryAfter = response.headers.get("retry-after") ?? undefined;
        const error = errorFromResponse(response.status, text, describe, retryAfter);
        const seconds = Number(retryAfter);
        if (retryAfter && Number.isFinite(seconds)) {
          Object.assign(error, { retryAfterMs: seconds * 1000 });
        }
        throw error;
      }
      if (text.length === 0) return undefined as T;
      try {
        return JSON.parse(text) as T;
      } catch (err) {
        throw new KubeError(
          "Unknown",
          `the API server at ${this.server} answered ${req.method} ${req.path} with something that is not JSON`,
          { status: response.status, details: text.slice(0, 200), cause: err },
        );
      }
    } catch (err) {
      if (timedOut) {
        throw new KubeTimeoutError(
          `the API server at ${this.server} did not answer within ${formatMs(timeoutMs)} to ${req.verb} ${req.resource}${
            req.name ? ` "${req.name}"` : ""
          }${req.namespace ? ` in namespace "${req.namespace}"` : ""}`,
          { cause: err },
        );
      }
      throw toKubeError(err, describe);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * client-node builds a fresh, non-keep-alive agent for every request;
   * reuse one keep-alive agent with the same TLS options instead (proxy
   * agents are left alone). A change of client certificate (exec auth)
   * makes a new one.
   */
  private keepAlive(agent: unknown): never {
    if (
      !(agent instanceof http.Agent) ||
      (agent.constructor !== http.Agent && agent.constructor !== https.Agent)
    ) {
      return agent as never;
    }
    const options = (agent as unknown as { options: Record<string, unknown> }).options;
    const isHttps = agent instanceof https.Agent;
    const key = [isHttps, options.cert, options.key, options.ca, options.rejectUnauthorized]
      .map((v) => String(v))
      .join("\u0000");
    if (this.pooled?.key !== key) {
      this.pooled?.agent.destroy();
      const keepAlive = { ...options, keepAlive: true };
      this.pooled = {
        key,
        agent: isHttps ? new https.Agent(keepAlive) : new http.Agent(keepAlive),
      };
    }
    agent.destroy();
    return this.pooled.agent as never;
  }

  /** Closes pooled connections. The client stays usable. */
  close(): void {
    this.pooled?.agent.destroy();
    this.pooled = undefined;
  }

  private backoff(attempt: number, err: unknown): number {
    const retryAfter = (err as { retryAfterMs?: number }).retryAfterMs;
    const exp = Math.min(this.retryBaseMs * 2 ** attempt, this.retryMaxMs);
    const jittered = exp / 2 + Math.random() * (exp / 2);
    return retryAfter !== undefined ? Math.min(retryAfter, this.retryMaxMs) : jittered;
  }

  // ---------------------------------------------------------------- cluster

  /** `/version`. */
  serverVersion(): Promise<ServerVersion> {
    return this.request<ServerVersion>({
      method: "GET",
      path: "/version",
      verb: "get",
      resource: "version",
    });
  }

  /**
   * Every namespace's name, sorted. When listing namespaces is forbidden,
   * the context's namespace alone, flagged as a fallback.
   */
  async namespaces(): Promise<NamespaceListing> {
    try {
      const items = await this.metadataList({
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

  // ---------------------------------------------------------------- secrets & configmaps

  /**
   * Secrets' metadata only (no data is transferred), selected by label,
   * in one namespace or (undefined) all. Falls back to a full list, keeping
   * only metadata, when the server refuses the metadata-only form.
   */
  listSecretMetadata(
    namespace: string | undefined,
    labelSelector?: string,
  ): Promise<PartialObjectMetadata[]> {
    return this.listMetadata("secrets", namespace, labelSelector);
  }

  listConfigMapMetadata(
    namespace: string | undefined,
    labelSelector?: string,
  ): Promise<PartialObjectMetadata[]> {
    return this.listMetadata("configmaps", namespace, labelSelector);
  }

  listMetadata(
    resource: CoreResource,
    namespace: string | undefined,
    labelSelector?: string,
  ): Promise<PartialObjectMetadata[]> {
    return this.metadataList({
      method: "GET",
      path: corePath(resource, namespace),
      query: { labelSelector },
      verb: "list",
      resource,
      ...(namespace !== undefined ? { namespace } : {}),
    });
  }

  /** A list asked for metadata-only, falling back to a full list on 406/400. */
  private async metadataList(req: KubeRequest): Promise<PartialObjectMetadata[]> {
    let list: { items?: PartialObjectMetadata[] };
    try {
      list = await this.request({ ...req, accept: METADATA_LIST_ACCEPT });
    } catch (err) {
      if (!isKubeError(err) || (err.status !== 406 && err.status !== 400)) throw err;
      list = await this.request(req);
    }
    return (list.items ?? []).map((item) => ({
      apiVersion: "meta.k8s.io/v1",
      kind: "PartialObjectMetadata",
      metadata: item.metadata,
    }));
  }

  /** Full Secrets (with data), selected by label. */
  listSecrets(namespace: string | undefined, labelSelector?: string): Promise<Secret[]> {
    return this.listCore<Secret>("secrets", "Secret", namespace, labelSelector);
  }

  listConfigMaps(namespace: string | undefined, labelSelector?: string): Promise<ConfigMap[]> {
    return this.listCore<ConfigMap>("configmaps", "ConfigMap", namespace, labelSelector);
  }

  getSecret(namespace: string, name: string): Promise<Secret> {
    return this.getCore<Secret>("secrets", namespace, name);
  }

  getConfigMap(namespace: string, name: string): Promise<ConfigMap> {
    return this.getCore<ConfigMap>("configmaps", namespace, name);
  }

  /** POST: fails with AlreadyExists when the name is taken. */
  createSecret(secret: Secret): Promise<Secret> {
    return this.createCore("secrets", { ...secret, apiVersion: "v1", kind: "Secret" });
  }

  createConfigMap(configMap: ConfigMap): Promise<ConfigMap> {
    return this.createCore("configmaps", { ...configMap, apiVersion: "v1", kind: "ConfigMap" });
  }

  /**
   * PUT: replaces the object. With `metadata.resourceVersion` set the
   * server refuses (Conflict) if the object changed since; without, it
   * overwrites unconditionally (as helm's Update does).
   */
  updateSecret(secret: Secret): Promise<Secret> {
    return this.updateCore("secrets", { ...secret, apiVersion: "v1", kind: "Secret" });
  }

  updateConfigMap(configMap: ConfigMap): Promise<ConfigMap> {
    return this.updateCore("configmaps", { ...configMap, apiVersion: "v1", kind: "ConfigMap" });
  }

  /** Deletes; false when it was already gone. With resourceVersion, only that version. */
  deleteSecret(
    namespace: string,
    name: string,
    options: { resourceVersion?: string } = {},
  ): Promise<boolean> {
    return this.deleteCore("secrets", namespace, name, options.resourceVersion);
  }

  deleteConfigMap(
    namespace: string,
    name: string,
    options: { resourceVersion?: string } = {},
  ): Promise<boolean> {
    return this.deleteCore("configmaps", namespace, name, options.resourceVersion);
  }

  /**
   * Watches Secrets selected by label (one namespace or all), reconnecting
   * after drops with backoff. Returns a function that stops the watch.
   */
  watchSecrets(
    namespace: string | undefined,
    labelSelector: string | undefined,
    onEvent: (event: WatchEvent<Secret>) => void,
    options: WatchOptions = {},
  ): () => void {
    return reconnectingWatch<Secret>(
      this.config.kubeConfig,
      corePath("secrets", namespace),
      { labelSelector },
      {
        verb: "watch",
        resource: "secrets",
        server: this.server,
        ...(namespace !== undefined ? { namespace } : {}),
      },
      onEvent,
      options,
    );
  }

  private async listCore<T extends KubeResource>(
    resource: CoreResource,
    kind: string,
    namespace: string | undefined,
    labelSelector?: string,
  ): Promise<T[]> {
    const list = await this.request<{ items?: T[] }>({
      method: "GET",
      path: corePath(resource, namespace),
      query: { labelSelector },
      verb: "list",
      resource,
      ...(namespace !== undefined ? { namespace } : {}),
    });
    return (list.items ?? []).map((item) => ({ ...item, apiVersion: "v1", kind }));
  }

  private getCore<T>(resource: CoreResource, namespace: string, name: string): Promise<T> {
    return this.request<T>({
      method: "GET",
      path: `${corePath(resource, namespace)}/${encodeURIComponent(name)}`,
      verb: "get",
      resource,
      namespace,
      name,
    });
  }

  private createCore<T extends KubeResource>(resource: CoreResource, obj: T): Promise<T> {
    const namespace = obj.metadata.namespace ?? this.namespace;
    return this.request<T>({
      method: "POST",
      path: corePath(resource, namespace),
      body: { ...obj, metadata: { ...obj.metadata, namespace } },
      verb: "create",
      resource,
      namespace,
      name: obj.metadata.name,
    });
  }

  private updateCore<T extends KubeResource>(resource: CoreResource, obj: T): Promise<T> {
    const namespace = obj.metadata.namespace ?? this.namespace;
    return this.request<T>({
      method: "PUT",
      path: `${corePath(resource, namespace)}/${encodeURIComponent(obj.metadata.name)}`,
      body: { ...obj, metadata: { ...obj.metadata, namespace } },
      verb: "update",
      resource,
      namespace,
      name: obj.metadata.name,
    });
  }

  private async deleteCore(
    resource: CoreResource,
    namespace: string,
    name: string,
    resourceVersion?: string,
  ): Promise<boolean> {
    try {
      await this.request({
        method: "DELETE",
        path: `${corePath(resource, namespace)}/${encodeURIComponent(name)}`,
        body: {
          apiVersion: "v1",
          kind: "DeleteOptions",
          ...(resourceVersion ? { preconditions: { resourceVersion } } : {}),
        },
        verb: "delete",
        resource,
        namespace,
        name,
      });
      return true;
    } catch (err) {
      if (isKubeError(err, "NotFound")) return false;
      throw err;
    }
  }

  // ---------------------------------------------------------------- generic resources

  private async fetchResourceList(
    apiVersion: string,
  ): Promise<{ resources?: { name: string; kind: string; namespaced: boolean }[] } | undefined> {
    const { group, version } = splitApiVersion(apiVersion);
    try {
      return await this.request({
        method: "GET",
        path: group ? `/apis/${group}/${version}` : `/api/${version}`,
        verb: "get",
        resource: `discovery for ${apiVersion}`,
      });
    } catch (err) {
      if (isKubeError(err, "NotFound")) return undefined;
      throw err;
    }
  }

  /** kind + apiVersion → resource plural and scope (cached; refreshed once on a miss). */
  resolveKind(apiVersion: string, kind: string): Promise<ResourceInfo> {
    return this.discovery.resolve(apiVersion, kind);
  }

  /** Whether a kind lives in a namespace. */
  async isNamespaced(apiVersion: string, kind: string): Promise<boolean> {
    return (await this.resolveKind(apiVersion, kind)).namespaced;
  }

  private async locate(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
  ): Promise<{ info: ResourceInfo; base: string; namespace?: string; resource: string }> {
    const info = await this.resolveKind(apiVersion, kind);
    const ns = info.namespaced ? namespace || this.namespace : undefined;
    const prefix = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
    const base = ns
      ? `${prefix}/namespaces/${encodeURIComponent(ns)}/${info.resource}`
      : `${prefix}/${info.resource}`;
    const resource = info.group ? `${info.resource}.${info.group}` : info.resource;
    return { info, base, resource, ...(ns !== undefined ? { namespace: ns } : {}) };
  }

  /** The live object, or undefined when it does not exist. */
  async getObject(ref: ResourceRef): Promise<KubeResource | undefined> {
    const at = await this.locate(ref.apiVersion, ref.kind, ref.namespace);
    try {
      return await this.request<KubeResource>({
        method: "GET",
        path: `${at.base}/${encodeURIComponent(ref.name)}`,
        verb: "get",
        resource: at.resource,
        name: ref.name,
        ...(at.namespace !== undefined ? { namespace: at.namespace } : {}),
      });
    } catch (err) {
      if (isKubeError(err, "NotFound")) return undefined;
      throw err;
    }
  }

  /**
   * Server-side apply (PATCH application/apply-patch+yaml; the JSON body
   * is valid YAML). Creates the object when missing. A namespaced object
   * without a namespace goes to the context's namespace.
   */
  async applyObject(obj: KubeResource, options: ApplyObjectOptions = {}): Promise<KubeResource> {
    const at = await this.locate(obj.apiVersion, obj.kind, obj.metadata.namespace);
    const metadata: Record<string, unknown> = { ...obj.metadata };
    delete metadata.managedFields;
    if (at.namespace !== undefined) metadata.namespace = at.namespace;
    else delete metadata.namespace;
    return this.request<KubeResource>({
      method: "PATCH",
      path: `${at.base}/${encodeURIComponent(obj.metadata.name)}`,
      query: {
        fieldManager: options.fieldManager ?? "helm",
        force: options.force ? "true" : undefined,
        dryRun: options.dryRun ? "All" : undefined,
      },
      body: { ...obj, metadata },
      contentType: "application/apply-patch+yaml",
      verb: "patch",
      resource: at.resource,
      name: obj.metadata.name,
      ...(at.namespace !== undefined ? { namespace: at.namespace } : {}),
    });
  }

  /**
   * Replaces an object's metadata.managedFields with a JSON patch that first
   * tests the resourceVersion: after a concurrent write the server refuses
   * the patch instead of overwriting newer ownership.
   */
  async replaceManagedFields(
    ref: ResourceRef,
    resourceVersion: string,
    managedFields: unknown[],
    fieldManager = "helm",
  ): Promise<KubeResource> {
    const at = await this.locate(ref.apiVersion, ref.kind, ref.namespace);
    return this.request<KubeResource>({
      method: "PATCH",
      path: `${at.base}/${encodeURIComponent(ref.name)}`,
      query: { fieldManager },
      body: [
        { op: "test", path: "/metadata/resourceVersion", value: resourceVersion },
        { op: "replace", path: "/metadata/managedFields", value: managedFields },
      ],
      contentType: "application/json-patch+json",
      verb: "patch",
      resource: at.resource,
      name: ref.name,
      ...(at.namespace !== undefined ? { namespace: at.namespace } : {}),
    });
  }

  /** Deletes with propagationPolicy Background; false when it was already gone. */
  async deleteObject(ref: ResourceRef): Promise<boolean> {
    const at = await this.locate(ref.apiVersion, ref.kind, ref.namespace);
    try {
      await this.request({
        method: "DELETE",
        path: `${at.base}/${encodeURIComponent(ref.name)}`,
        body: { apiVersion: "v1", kind: "DeleteOptions", propagationPolicy: "Background" },
        verb: "delete",
        resource: at.resource,
        name: ref.name,
        ...(at.namespace !== undefined ? { namespace: at.namespace } : {}),
      });
      return true;
    } catch (err) {
      if (isKubeError(err, "NotFound")) return false;
      throw err;
    }
  }

  /**
   * Objects of a kind selected by label; namespace undefined = every
   * namespace (or cluster-scoped). Items carry apiVersion and kind.
   */
  async listObjects(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    labelSelector?: string,
  ): Promise<KubeResource[]> {
    const info = await this.resolveKind(apiVersion, kind);
    const prefix = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
    const ns = info.namespaced ? namespace : undefined;
    const path = ns
      ? `${prefix}/namespaces/${encodeURIComponent(ns)}/${info.resource}`
      : `${prefix}/${info.resource}`;
    const list = await this.request<{ items?: KubeResource[] }>({
      method: "GET",
      path,
      query: { labelSelector },
      verb: "list",
      resource: info.group ? `${info.resource}.${info.group}` : info.resource,
      ...(ns !== undefined ? { namespace: ns } : {}),
    });
    return (list.items ?? []).map((item) => ({ ...item, apiVersion, kind }));
  }
}

function corePath(resource: CoreResource, namespace: string | undefined): string {
  return namespace === undefined
    ? `/api/v1/${resource}`
    : `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}

function isRetryable(err: unknown): boolean {
  if (!(err instanceof KubeError)) return false;
  if (err.reason === "TooManyRequests") return true;
  if (err.reason === "Unreachable") return !err.message.includes("TLS error"); // TLS will not heal
  return err.status !== undefined && err.status >= 500 && err.status !== 501;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
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
