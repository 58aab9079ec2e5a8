/** Discovery documents: legacy (/api, /apis, per group-version), aggregated (apidiscovery v2), OpenAPI v3. */
import { createHash } from "node:crypto";
import { SCALABLE } from "./scale.js";
import { apiVersionOf } from "./identity.js";
import { OPENAPI_DEFINITIONS, type SchemaNode } from "./patchSchema.js";
import type { Registry } from "./resources.js";
import type { ResourceType } from "./types.js";

export const SERVER_VERSION = {
  major: "1",
  minor: "31",
  gitVersion: "v1.31.0",
  gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean",
  buildDate: "2024-08-13T07:28:49Z",
  goVersion: "go1.22.5",
  compiler: "gc",
  platform: "linux/amd64",
};

export const AGGREGATED_CONTENT_TYPE =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

/** True when the Accept header asks for aggregated discovery (v2 or v2beta1) before plain JSON. */
export function wantsAggregated(accept: string | undefined): "v2" | "v2beta1" | undefined {
  for (const part of (accept ?? "").split(",")) {
    const p = part.replace(/\s+/g, "");
    if (p.includes("as=APIGroupDiscoveryList") && p.includes("g=apidiscovery.k8s.io")) {
      if (p.includes("v=v2beta1")) return "v2beta1";
      if (p.includes("v=v2")) return "v2";
    }
    if (p.startsWith("application/json") && !p.includes("as=")) return undefined;
  }
  return undefined;
}

function storageVersionHash(t: ResourceType): string {
  return createHash("sha256")
    .update(`${t.group}/${t.versions[0] ?? ""}/${t.kind}`)
    .digest("base64")
    .slice(0, 11);
}

export function apiVersions(host: string): Record<string, unknown> {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: host }],
  };
}

function apiGroup(group: string, versions: string[]): Record<string, unknown> {
  const gvs = versions.map((v) => ({ groupVersion: apiVersionOf(group, v), version: v }));
  return { name: group, versions: gvs, preferredVersion: gvs[0] };
}

export function apiGroupList(registry: Registry): Record<string, unknown> {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: registry
      .groups()
      .filter((g) => g.group !== "")
      .map((g) => apiGroup(g.group, g.versions)),
  };
}

export function apiGroupDoc(
  registry: Registry,
  group: string,
): Record<string, unknown> | undefined {
  const g = registry.groups().find((x) => x.group === group);
  if (g === undefined || group === "") return undefined;
  return { kind: "APIGroup", apiVersion: "v1", ...apiGroup(group, g.versions) };
}

export function resourceList(
  registry: Registry,
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const types = registry.typesIn(group, version);
  if (types.length === 0) return undefined;
  const resources: Array<Record<string, unknown>> = [];
  for (const t of types.sort((a, b) => a.resource.localeCompare(b.resource))) {
    const r: Record<string, unknown> = {
      name: t.resource,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
    };
    if (t.shortNames.length > 0) r.shortNames = t.shortNames;
    if (t.categories.length > 0) r.categories = t.categories;
    r.storageVersionHash = storageVersionHash(t);
    resources.push(r);
    if (SCALABLE.has(t.kind)) {
      resources.push({
        name: `${t.resource}/scale`,
        singularName: "",
        namespaced: t.namespaced,
        group: "autoscaling",
        version: "v1",
        kind: "Scale",
        verbs: ["get", "patch", "update"],
      });
    }
    if (t.statusSubresource) {
      resources.push({
        name: `${t.resource}/status`,
        singularName: "",
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: ["get", "patch", "update"],
      });
    }
  }
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: apiVersionOf(group, version),
    resources,
  };
}

function discoveryResource(t: ResourceType, version: string): Record<string, unknown> {
  const r: Record<string, unknown> = {
    resource: t.resource,
    responseKind: { group: t.group, version, kind: t.kind },
    scope: t.namespaced ? "Namespaced" : "Cluster",
    singularResource: t.singular,
    verbs: t.verbs,
  };
  if (t.shortNames.length > 0) r.shortNames = t.shortNames;
  if (t.categories.length > 0) r.categories = t.categories;
  const subresources: Array<Record<string, unknown>> = [];
  if (SCALABLE.has(t.kind)) {
    subresources.push({
      subresource: "scale",
      responseKind: { group: "autoscaling", version: "v1", kind: "Scale" },
      verbs: ["get", "patch", "update"],
    });
  }
  if (t.statusSubresource) {
    subresources.push({
      subresource: "status",
      responseKind: { group: t.group, version, kind: t.kind },
      verbs: ["get", "patch", "update"],
    });
  }
  if (subresources.length > 0) r.subresources = subresources;
  return r;
}

/** The aggregated discovery document for /api (core) or /apis (every other group). */
export function aggregated(
  registry: Registry,
  core: boolean,
  version: "v2" | "v2beta1",
): Record<string, unknown> {
  const groups = registry.groups().filter((g) => (g.group === "") === core);
  return {
    kind: "APIGroupDiscoveryList",
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: g.group === "" ? {} : { name: g.group },
      versions: g.versions.map((v) => ({
        version: v,
        resources: registry
          .typesIn(g.group, v)
          .sort((a, b) => a.resource.localeCompare(b.resource))
          .map((t) => discoveryResource(t, v)),
        freshness: "Current",
      })),
    })),
  };
}

function gvPath(group: string, version: string): string {
  return group === "" ? `api/${version}` : `apis/${group}/${version}`;
}

/** /openapi/v3: the list of group-versions with their document URLs. */
export function openApiV3Root(registry: Registry): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const g of registry.groups()) {
    for (const v of g.versions) {
      const doc = JSON.stringify(openApiV3Doc(registry, g.group, v));
      const hash = createHash("sha512").update(doc).digest("hex").slice(0, 128).toUpperCase();
      paths[gvPath(g.group, v)] = {
        serverRelativeURL: `/openapi/v3/${gvPath(g.group, v)}?hash=${hash}`,
      };
    }
  }
  return { paths };
}

const QUERY_PARAMS = ["dryRun", "fieldManager", "fieldValidation", "force", "pretty"];

/** A string parameter as each OpenAPI dialect writes it: v3 wraps the type in a schema. */
type ParameterWriter = (name: string, where: "query" | "path") => Record<string, unknown>;
const V3_PARAMETER: ParameterWriter = (name, where) => ({
  name,
  in: where,
  ...(where === "path" ? { required: true } : {}),
  schema: { type: "string", uniqueItems: true },
});
const V2_PARAMETER: ParameterWriter = (name, where) => ({
  name,
  in: where,
  ...(where === "path" ? { required: true } : {}),
  type: "string",
  uniqueItems: true,
});

/**
 * The item path of every type of one group-version, with get/put/patch/delete
 * operations carrying the PATCH query parameters (kubectl reads them to learn
 * that the server validates fields).
 */
function itemPaths(
  registry: Registry,
  group: string,
  version: string,
  parameter: ParameterWriter,
): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const base = `/${gvPath(group, version)}`;
  for (const t of registry.typesIn(group, version)) {
    const gvk = { group: t.group, version, kind: t.kind };
    const item = t.namespaced
      ? `${base}/namespaces/{namespace}/${t.resource}/{name}`
      : `${base}/${t.resource}/{name}`;
    const op = (action: string, verb: string): Record<string, unknown> => ({
      operationId: `${verb}${t.kind}`,
      tags: [gvPath(group, version)],
      parameters: QUERY_PARAMS.map((name) => parameter(name, "query")),
      responses: { "200": { description: "OK" } },
      "x-kubernetes-action": action,
      "x-kubernetes-group-version-kind": gvk,
    });
    paths[item] = {
      get: op("get", "read"),
      put: op("put", "replace"),
      patch: op("patch", "patch"),
      delete: op("delete", "delete"),
      parameters: [
        parameter("name", "path"),
        ...(t.namespaced ? [parameter("namespace", "path")] : []),
      ],
    };
  }
  return paths;
}

/**
 * A minimal OpenAPI v3 document for one group-version: the item paths and no
 * schemas (so clients fall back to their built-in knowledge of each kind).
 */
export function openApiV3Doc(
  registry: Registry,
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  if (registry.typesIn(group, version).length === 0) return undefined;
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes", version: SERVER_VERSION.gitVersion },
    paths: itemPaths(registry, group, version, V3_PARAMETER),
    components: { schemas: {} },
  };
}

/**
 * The definitions of served custom kinds, named as a real server names them (the group's
 * labels reversed). Like a real server's for a CRD without a structural schema they carry no
 * properties, hence no patch metadata: custom resources take no strategic merge patch.
 */
function customDefinitions(registry: Registry): Record<string, SchemaNode> {
  const defs: Record<string, SchemaNode> = {};
  for (const t of registry.all().filter((x) => x.custom)) {
    const prefix = t.group.split(".").reverse().join(".");
    for (const version of t.versions) {
      defs[`${prefix}.${version}.${t.kind}`] = {
        type: "object",
        "x-kubernetes-group-version-kind": [{ group: t.group, version, kind: t.kind }],
      };
    }
  }
  return defs;
}

/**
 * /openapi/v2: one Swagger 2.0 document for every group-version, as JSON. Its definitions
 * are the built-in kinds' patch metadata (patchSchema.ts) and the custom kinds' names.
 */
export function openApiV2Doc(registry: Registry): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const g of registry.groups()) {
    for (const v of g.versions) Object.assign(paths, itemPaths(registry, g.group, v, V2_PARAMETER));
  }
  return {
    swagger: "2.0",
    info: { title: "Kubernetes", version: SERVER_VERSION.gitVersion },
    paths,
    definitions: { ...OPENAPI_DEFINITIONS, ...customDefinitions(registry) },
  };
}
