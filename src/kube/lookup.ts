/**
 * The two reads helm makes of a cluster while rendering: `lookup` (pkg/engine/lookup_func.go) and
 * the discovery walk behind `.Capabilities.APIVersions` (pkg/action/action.go GetVersionSet). Both
 * go straight to the API server, without a resourceVersion, so they are consistent reads: what
 * they return decides what is written.
 */
import type { KubeClient } from "./client.js";
import { splitApiVersion, UnknownKindError } from "./discovery.js";
import { KubeError, isKubeError } from "./errors.js";

/** What `lookup` asks: one object by name, or every object of a kind when `name` is "". */
export interface LookupQuery {
  apiVersion: string;
  kind: string;
  /** "" = no namespace: the cluster-wide path, as helm's dynamic client uses it. */
  namespace: string;
  name: string;
}

/** A JSON object as the API server sent it. */
export type JsonObject = Record<string, unknown>;

/**
 * Discovery could not say which resource a lookup's kind is (its group-version is not served, or
 * discovery failed): helm fails the render with "unable to get apiresource from unstructured".
 * The message is the server's own words, as client-go reports them.
 */
export class KindResolutionError extends KubeError {
  constructor(cause?: unknown) {
    super(
      cause instanceof KubeError ? cause.reason : "NotFound",
      cause === undefined
        ? // client-go's words for a 404 from discovery.
          "the server could not find the requested resource"
        : serverWords(cause),
      cause === undefined ? { status: 404 } : { cause },
    );
  }
}

/** An API error as the server worded it (its Status message), else our own message. */
export function serverWords(err: unknown): string {
  if (err instanceof KubeError && err.details) return err.details;
  return err instanceof Error ? err.message : String(err);
}

/**
 * One object (GET) or a List (LIST) as helm's lookup reads it; undefined when the server says
 * NotFound. A namespaced kind asked with namespace "" is read at the cluster-wide path (a GET
 * there is NotFound, a LIST spans every namespace); a cluster-scoped kind ignores the namespace.
 * A kind its group-version does not serve is not found, as helm's empty APIResource makes it.
 */
export async function lookupRead(
  client: KubeClient,
  query: LookupQuery,
): Promise<JsonObject | undefined> {
  const { apiVersion, kind, namespace, name } = query;
  let info;
  try {
    info = await client.objects.resolveKind(apiVersion, kind);
  } catch (err) {
    if (!(err instanceof UnknownKindError)) throw new KindResolutionError(err);
    let served;
    try {
      served = await servesGroupVersion(client, apiVersion);
    } catch (failure) {
      throw new KindResolutionError(failure);
    }
    if (!served) throw new KindResolutionError();
    return undefined;
  }
  const prefix = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const ns = info.namespaced && namespace !== "" ? namespace : undefined;
  const collection = ns
    ? `${prefix}/namespaces/${encodeURIComponent(ns)}/${info.resource}`
    : `${prefix}/${info.resource}`;
  const resource = info.group ? `${info.resource}.${info.group}` : info.resource;
  try {
    const body = await client.request<JsonObject>({
      method: "GET",
      path: name !== "" ? `${collection}/${encodeURIComponent(name)}` : collection,
      verb: name !== "" ? "get" : "list",
      resource,
      ...(name !== "" ? { name } : {}),
      ...(ns !== undefined ? { namespace: ns } : {}),
    });
    return name !== "" ? body : withItemKinds(body);
  } catch (err) {
    if (isKubeError(err, "NotFound")) return undefined;
    throw err;
  }
}

/**
 * client-go's unstructured List decoding: the API server leaves apiVersion and kind off the items
 * of a typed list, and the decoder puts them back (the list's kind without "List").
 */
function withItemKinds(list: JsonObject): JsonObject {
  if (!Array.isArray(list.items)) return list;
  const apiVersion = typeof list.apiVersion === "string" ? list.apiVersion : "";
  const itemKind = typeof list.kind === "string" ? list.kind.replace(/List$/, "") : "";
  const items = list.items.map((item: unknown) => {
    if (typeof item !== "object" || item === null) return item;
    const o = item as JsonObject;
    if (o.kind || o.apiVersion) return o;
    return { ...o, apiVersion, kind: itemKind };
  });
  return { ...list, items };
}

async function servesGroupVersion(client: KubeClient, apiVersion: string): Promise<boolean> {
  try {
    await client.request({
      method: "GET",
      path: discoveryPath(apiVersion),
      verb: "get",
      resource: `discovery for ${apiVersion}`,
    });
    return true;
  } catch (err) {
    if (isKubeError(err, "NotFound")) return false;
    throw err;
  }
}

function discoveryPath(apiVersion: string): string {
  const { group, version } = splitApiVersion(apiVersion);
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

/** One served group-version and the kinds of its resources, subresources included. */
export interface GroupVersionKinds {
  groupVersion: string;
  kinds: string[];
  /** Its resource list could not be read (e.g. an unavailable aggregated API). */
  failed?: boolean;
}

/**
 * client-go's ServerGroupsAndResources: every group-version the server serves (/api, /apis) with
 * the kinds of its resources. A group-version whose list fails is kept without kinds, as helm
 * keeps going past a group discovery failure.
 */
export async function serverGroupsAndResources(client: KubeClient): Promise<GroupVersionKinds[]> {
  const [core, groups] = await Promise.all([
    client.request<{ versions?: string[] }>({
      method: "GET",
      path: "/api",
      verb: "get",
      resource: "discovery",
    }),
    client.request<{ groups?: Array<{ versions?: Array<{ groupVersion: string }> }> }>({
      method: "GET",
      path: "/apis",
      verb: "get",
      resource: "discovery",
    }),
  ]);
  const groupVersions = [
    ...(core?.versions ?? []),
    ...(groups?.groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => v.groupVersion)),
  ];
  const lists = await Promise.allSettled(
    groupVersions.map((gv) =>
      client.request<{ resources?: Array<{ kind: string }> }>({
        method: "GET",
        path: discoveryPath(gv),
        verb: "get",
        resource: `discovery for ${gv}`,
        // An unavailable aggregated API fails at once, as it does for helm: no retries.
        idempotent: false,
      }),
    ),
  );
  return groupVersions.map((groupVersion, i) => {
    const list = lists[i]!;
    if (list.status === "rejected") return { groupVersion, kinds: [], failed: true };
    return { groupVersion, kinds: (list.value?.resources ?? []).map((r) => r.kind) };
  });
}
