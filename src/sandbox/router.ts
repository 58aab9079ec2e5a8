/**
 * The API server's routes: a request's path and method to the handler that answers it —
 * discovery and OpenAPI documents, then resources (core `/api/v1/…` and `/apis/<group>/<version>/…`,
 * cluster-scoped or under `namespaces/<ns>/`), a collection or one object, and its subresources.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Cluster } from "./cluster.js";
import { methodNotAllowed, pathNotFound } from "./errors.js";
import type { CollectionCall, ResourceCall, ResourceTarget } from "./resourceCall.js";
import { create, deleteCollection, list } from "./collectionHandlers.js";
import * as discovery from "./discoveryHandlers.js";
import { get, patch, remove, update } from "./objectHandlers.js";
import { review } from "./reviewHandler.js";
import { getScale, patchScale, putScale } from "./scaleHandlers.js";
import { isWatch, watch } from "./watchHandler.js";
import type { Registry } from "./resources.js";
import { SCALABLE } from "./scale.js";
import { parseFieldSelector, parseLabelSelector } from "./selectors.js";

/** Answers the request it was routed for. */
export type Handler = () => void | Promise<void>;

export interface Request {
  req: IncomingMessage;
  res: ServerResponse;
  /** The URL's path without trailing slashes (`/` for the root). */
  path: string;
  query: URLSearchParams;
}

/** Health probes are answered before anything else: never counted, delayed or failed. */
export function probe({ res, path }: Request): Handler | undefined {
  return /^\/(healthz|readyz|livez)(\/.*)?$/.test(path) ? () => discovery.healthy(res) : undefined;
}

/** The handler for a request; throws the API server's 404 or 405 when there is none. */
export function route(cluster: Cluster, host: string, request: Request): Handler {
  const { req, res, path, query } = request;
  const registry = cluster.registry;
  const parts = path
    .split("/")
    .filter((p) => p !== "")
    .map(decodeURIComponent);
  if (path === "/version") return () => discovery.version(res);
  if (path === "/api" || path === "/apis")
    return () => discovery.roots(req, res, registry, path === "/api", host);
  if (path === "/openapi/v2") return () => discovery.openApiV2(req, res, registry);
  if (path === "/openapi/v3") return () => discovery.openApiV3Paths(res, registry);
  if (path.startsWith("/openapi/v3/"))
    return () => discovery.openApiV3(res, registry, parts.slice(2));
  if (parts[0] === "api" && parts.length === 2)
    return () => discovery.resources(res, registry, "", parts[1] ?? "");
  if (parts[0] === "apis" && parts.length === 3)
    return () => discovery.resources(res, registry, parts[1] ?? "", parts[2] ?? "");
  if (parts[0] === "apis" && parts.length === 2)
    return () => discovery.group(res, registry, parts[1] ?? "");
  if (parts[0] === "api" || parts[0] === "apis") {
    const target = resolveTarget(registry, parts);
    if (target === undefined) throw pathNotFound();
    return resourceRoute({ cluster, target, req, res, query });
  }
  throw pathNotFound();
}

/**
 * The resource a path names: `api/<version>/…` or `apis/<group>/<version>/…`, then
 * `[namespaces/<ns>/]<resource>[/<name>[/<subresource>]]`. Undefined when nothing is served
 * there (`namespaces/<name>` itself is the cluster-scoped Namespace object).
 */
function resolveTarget(registry: Registry, parts: string[]): ResourceTarget | undefined {
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === "api") {
    group = "";
    version = parts[1] ?? "";
    rest = parts.slice(2);
  } else {
    group = parts[1] ?? "";
    version = parts[2] ?? "";
    rest = parts.slice(3);
  }
  let namespace: string | undefined;
  if (rest[0] === "namespaces" && rest.length >= 3) {
    const t = registry.lookup(group, version, rest[2] ?? "");
    if (t !== undefined && t.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
  }
  const t = registry.lookup(group, version, rest[0] ?? "");
  if (t === undefined || rest.length > 3) return undefined;
  if (!t.namespaced && namespace !== undefined) return undefined;
  if (t.namespaced && namespace === undefined && rest.length > 1) return undefined;
  const sub = rest[2];
  const served =
    sub === undefined ||
    sub === "status" ||
    (sub === "scale" && SCALABLE.has(t.kind)) ||
    (t.kind === "Namespace" && sub === "finalize");
  return served ? { type: t, version, namespace, name: rest[1], subresource: sub } : undefined;
}

/** A resource request's handler, by method: on a collection, on an object, on its scale. */
function resourceRoute(call: ResourceCall): Handler {
  const method = call.req.method ?? "GET";
  const { type: t, name, subresource } = call.target;
  // Kinds that are only created (access reviews) have no other verb.
  if (!t.verbs.includes("list") && !(method === "POST" && name === undefined)) {
    throw methodNotAllowed(method);
  }
  if (name === undefined) {
    const collection: CollectionCall = {
      ...call,
      labels: parseLabelSelector(call.query.get("labelSelector")),
      fields: parseFieldSelector(call.query.get("fieldSelector"), t.kind),
    };
    switch (method) {
      case "GET":
        return isWatch(call.query) ? () => watch(collection) : () => list(collection);
      case "POST":
        return t.group === "authorization.k8s.io" || t.group === "authentication.k8s.io"
          ? () => review(collection)
          : () => create(collection);
      case "DELETE":
        return () => deleteCollection(collection);
      default:
        throw methodNotAllowed(method);
    }
  }
  if (subresource === "scale") {
    switch (method) {
      case "GET":
        return () => getScale(call);
      case "PUT":
        return () => putScale(call);
      case "PATCH":
        return () => patchScale(call);
      default:
        throw methodNotAllowed(method);
    }
  }
  switch (method) {
    case "GET":
      return () => get(call);
    case "PUT":
      return () => update(call);
    case "PATCH":
      return () => patch(call);
    case "DELETE":
      if (subresource !== undefined) throw methodNotAllowed(method);
      return () => remove(call);
    default:
      throw methodNotAllowed(method);
  }
}
