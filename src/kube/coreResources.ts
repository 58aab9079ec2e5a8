import { isKubeError, isTooLargeResourceVersion } from "./errors.js";
import type { KubeRequest, KubeTransport } from "./transport.js";
import type {
  ConfigMap,
  KubeResource,
  PartialObjectMetadata,
  Secret,
  WatchEvent,
} from "./types.js";
import {
  LIST_PROTOBUF_ACCEPT,
  METADATA_LIST_PROTOBUF_ACCEPT,
  decodeConfigMapList,
  decodeMetadataList,
  decodeSecretList,
} from "./protobuf.js";
import type { WatchOptions } from "./watch.js";
import { reconnectingWatch } from "./watch.js";

/** The core (v1) resources wheelhouse reads and writes by type, and the object each holds. */
export interface CoreKinds {
  secrets: Secret;
  configmaps: ConfigMap;
}

export type CoreResource = keyof CoreKinds;

const KINDS: { [R in CoreResource]: CoreKinds[R]["kind"] } = {
  secrets: "Secret",
  configmaps: "ConfigMap",
};

/**
 * Where reads are served from (docs/release-storage.md#reads-by-purpose). `strong`: from etcd,
 * so a read sees every write that finished before it (resourceVersion unset). `cached`: from the
 * API server's watch cache (resourceVersion "0"), much cheaper on a busy server — a label-selected
 * list does not read every object of the resource in scope from etcd — but possibly a little
 * behind; after this client's own write of the resource, not older than that write (see
 * ReadFloor).
 */
export type ReadConsistency = "strong" | "cached";

export interface CoreResourceOptions {
  /** For get and list unless a call says otherwise (default "strong"). */
  consistency?: ReadConsistency;
}

/** Per call: overrides the accessor's consistency. */
export interface ReadOptions {
  consistency?: ReadConsistency;
}

/** get/list/create/update/delete/watch of one core resource type. */
export interface CoreResources<T extends KubeResource> {
  readonly resource: CoreResource;
  readonly kind: T["kind"];
  readonly consistency: ReadConsistency;
  get(namespace: string, name: string, options?: ReadOptions): Promise<T>;
  /** Full objects selected by label, in one namespace or (undefined) all. */
  list(namespace: string | undefined, labelSelector?: string, options?: ReadOptions): Promise<T[]>;
  /**
   * Metadata only (no data is transferred), selected by label. Falls back
   * to a full list, keeping only metadata, when the server refuses the
   * metadata-only form.
   */
  listMetadata(
    namespace: string | undefined,
    labelSelector?: string,
    options?: ReadOptions,
  ): Promise<PartialObjectMetadata[]>;
  /** POST: fails with AlreadyExists when the name is taken. */
  create(object: T): Promise<T>;
  /**
   * PUT: replaces the object. With `metadata.resourceVersion` set the
   * server refuses (Conflict) if the object changed since; without, it
   * overwrites unconditionally (as helm's Update does).
   */
  update(object: T): Promise<T>;
  /** Deletes; false when it was already gone. With resourceVersion, only that version. */
  delete(namespace: string, name: string, options?: { resourceVersion?: string }): Promise<boolean>;
  /**
   * Watches objects selected by label (one namespace or all), reconnecting
   * after drops with backoff. Returns a function that stops the watch.
   */
  watch(
    namespace: string | undefined,
    labelSelector: string | undefined,
    onEvent: (event: WatchEvent<T>) => void,
    options?: WatchOptions,
  ): () => void;
}

/**
 * One core resource type over a transport. Objects without a namespace
 * are written to the context's namespace; items of a list carry apiVersion
 * and kind (the API leaves them off). Writes move the transport's read
 * floor, so that its cached reads see them.
 */
export function coreResources<R extends CoreResource>(
  transport: KubeTransport,
  resource: R,
  options: CoreResourceOptions = {},
): CoreResources<CoreKinds[R]> {
  type T = CoreKinds[R];
  const kind = KINDS[resource];
  const consistency = options.consistency ?? "strong";
  const floor = transport.readFloor;
  const collection = (namespace: string | undefined) => corePath(resource, namespace);
  const item = (namespace: string, name: string) =>
    `${collection(namespace)}/${encodeURIComponent(name)}`;
  const scope = (namespace: string | undefined) => (namespace !== undefined ? { namespace } : {});
  /**
   * A read as asked: a cached one carries the floor's parameters; one the cache cannot serve
   * (its floor is out of its reach) is made again against etcd.
   */
  const read = async <V>(
    req: KubeRequest,
    verb: "list" | "get",
    send: (req: KubeRequest) => Promise<V>,
    readOptions: ReadOptions = {},
  ): Promise<V> => {
    const cached =
      (readOptions.consistency ?? consistency) === "cached"
        ? floor.cachedQuery(resource, verb)
        : undefined;
    if (cached === undefined) return send(req);
    try {
      return await send({ ...req, query: { ...req.query, ...cached } });
    } catch (err) {
      if (!isTooLargeResourceVersion(err)) throw err;
      floor.refused(resource);
      return send(req);
    }
  };
  const listRequest = (namespace: string | undefined, labelSelector?: string): KubeRequest => ({
    method: "GET",
    path: collection(namespace),
    query: { labelSelector },
    verb: "list",
    resource,
    ...scope(namespace),
  });
  const write = async (method: "POST" | "PUT", object: T): Promise<T> => {
    const namespace = object.metadata.namespace ?? transport.namespace;
    const name = object.metadata.name;
    const token = floor.writing(resource);
    const written = await transport.request<T>({
      method,
      path: method === "POST" ? collection(namespace) : item(namespace, name),
      body: { ...object, apiVersion: "v1", kind, metadata: { ...object.metadata, namespace } },
      verb: method === "POST" ? "create" : "update",
      resource,
      namespace,
      name,
    });
    floor.wrote(resource, written?.metadata?.resourceVersion, token);
    return written;
  };

  return {
    resource,
    kind,
    consistency,
    get: (namespace, name, readOptions) =>
      read(
        {
          method: "GET",
          path: item(namespace, name),
          verb: "get",
          resource,
          namespace,
          name,
        },
        "get",
        (req) => transport.request<T>(req),
        readOptions,
      ),
    list: async (namespace, labelSelector, readOptions) => {
      const list = await read(
        listRequest(namespace, labelSelector),
        "list",
        // Protobuf where the server speaks it: decodeSecretList says why.
        (req) =>
          transport.request<{ items?: T[] }>({
            ...req,
            accept: LIST_PROTOBUF_ACCEPT,
            decode: (bytes, contentType) =>
              contentType.includes("protobuf")
                ? (resource === "secrets" ? decodeSecretList : decodeConfigMapList)(bytes)
                : (JSON.parse(bytes.toString("utf8")) as unknown),
          }),
        readOptions,
      );
      return (list.items ?? []).map((o) => ({ ...o, apiVersion: "v1", kind }));
    },
    listMetadata: (namespace, labelSelector, readOptions) =>
      read(
        listRequest(namespace, labelSelector),
        "list",
        (req) => listMetadataOnly(transport, req),
        readOptions,
      ),
    create: (object) => write("POST", object),
    update: (object) => write("PUT", object),
    delete: async (namespace, name, { resourceVersion } = {}) => {
      try {
        await transport.request({
          method: "DELETE",
          path: item(namespace, name),
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
        floor.deleted(resource);
        return true;
      } catch (err) {
        if (isKubeError(err, "NotFound")) return false;
        throw err;
      }
    },
    watch: (namespace, labelSelector, onEvent, watchOptions = {}) =>
      reconnectingWatch<T>(
        transport.config.kubeConfig,
        collection(namespace),
        { labelSelector },
        transport.describe({ verb: "watch", resource, ...scope(namespace) }),
        onEvent,
        watchOptions,
      ),
  };
}

/** The items of a metadata-only list (see listMetadataPage). */
export async function listMetadataOnly(
  transport: KubeTransport,
  req: KubeRequest,
): Promise<PartialObjectMetadata[]> {
  return (await listMetadataPage(transport, req)).items;
}

/**
 * A metadata-only list (PartialObjectMetadataList) and its resourceVersion:
 * in protobuf where the server speaks it, because a JSON list of Secrets
 * carries every object's managed fields, which the server spends most of the
 * list's time encoding and JSON.parse then builds (on kube-apiserver 1.19,
 * 10,000 helm records: 0.18–0.8 s as JSON, 0.06 s as protobuf). A server
 * without the metadata form answers 406 or 400: then the full list, of which
 * only metadata is kept.
 */
export async function listMetadataPage(
  transport: KubeTransport,
  req: KubeRequest,
): Promise<{ resourceVersion: string; items: PartialObjectMetadata[] }> {
  let list: { metadata?: { resourceVersion?: string }; items?: PartialObjectMetadata[] };
  try {
    list = await transport.request({
      ...req,
      accept: METADATA_LIST_PROTOBUF_ACCEPT,
      decode: (bytes, contentType) =>
        contentType.includes("protobuf")
          ? toListBody(decodeMetadataList(bytes))
          : (JSON.parse(bytes.toString("utf8")) as unknown),
    });
  } catch (err) {
    if (!isKubeError(err) || (err.status !== 406 && err.status !== 400)) throw err;
    list = await transport.request(req);
  }
  return {
    resourceVersion: list.metadata?.resourceVersion ?? "",
    items: (list.items ?? []).map((item) => ({
      apiVersion: "meta.k8s.io/v1",
      kind: "PartialObjectMetadata",
      metadata: item.metadata,
    })),
  };
}

function toListBody(list: ReturnType<typeof decodeMetadataList>) {
  return { metadata: { resourceVersion: list.resourceVersion }, items: list.items };
}

function corePath(resource: CoreResource, namespace: string | undefined): string {
  return namespace === undefined
    ? `/api/v1/${resource}`
    : `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}
