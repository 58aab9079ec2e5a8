/** Create, read, update, patch and delete with the real API server's semantics. */
import { randomUUID } from "node:crypto";
import { parse as parseYaml } from "yaml";
import {
  StatusError,
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
  unsupportedMediaType,
} from "./errors.js";
import { recordUpdate, serverSideApply } from "./managed.js";
import { clone, deepEqual, isObject, jsonPatch, mergePatch, strategicMergePatch } from "./patch.js";
import { apiVersionOf, resourceKey } from "./resources.js";
import type { Registry } from "./resources.js";
import type { FieldRequirement, Requirement } from "./selectors.js";
import { matchesFields, matchesLabels } from "./selectors.js";
import { Store } from "./store.js";
import type { KObject, ResourceType } from "./types.js";

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  userAgent?: string;
  force?: boolean;
  subresource?: string;
  /** `Strict` refuses unknown fields, `Warn` (the default) reports them, `Ignore` drops them quietly. */
  fieldValidation?: string;
  /** Collects `unknown field` warnings for the response's Warning headers. */
  warnings?: string[];
}

export interface ListOptions {
  labels?: Requirement[];
  fields?: FieldRequirement[];
  limit?: number;
  continueToken?: string;
}

export interface ListResult {
  items: KObject[];
  resourceVersion: string;
  continueToken?: string;
  remaining?: number;
}

const NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Kinds whose names follow path-segment rules instead of DNS subdomains. */
const FREE_NAMES = new Set(["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"]);
const NO_GENERATION = new Set([
  "Namespace",
  "Secret",
  "ConfigMap",
  "ServiceAccount",
  "Event",
  "Endpoints",
  "Role",
  "RoleBinding",
  "ClusterRole",
  "ClusterRoleBinding",
]);

export function randomSuffix(n = 5): string {
  let s = "";
  for (let i = 0; i < n; i++) s += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)];
  return s;
}

export function timestamp(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, "Z");
}

function managerFor(opts: WriteOptions): string {
  if (opts.fieldManager !== undefined && opts.fieldManager !== "") return opts.fieldManager;
  const ua = opts.userAgent ?? "";
  const prefix = ua.split("/")[0] ?? "";
  return prefix === "" ? "unknown" : prefix;
}

/** Everything but metadata and status: a change here bumps metadata.generation. */
function specOf(obj: KObject): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...obj };
  delete rest.metadata;
  delete rest.status;
  delete rest.apiVersion;
  delete rest.kind;
  return rest;
}

/** The first free cluster IP in 10.96.0.0/16 (10.96.0.1 is the API server's). */
function allocateClusterIp(store: Store): string {
  const used = new Set<unknown>();
  for (const svc of store.list("/services")) {
    if (isObject(svc.spec)) used.add(svc.spec.clusterIP);
  }
  for (let n = 2; n < 65_000; n++) {
    const ip = `10.96.${Math.floor(n / 256)}.${n % 256}`;
    if (n % 256 !== 0 && n % 256 !== 255 && !used.has(ip)) return ip;
  }
  throw new StatusError(500, "InternalError", "Internal error occurred: no cluster IPs left");
}

export type WriteHook = (
  t: ResourceType,
  obj: KObject,
  type: "ADDED" | "MODIFIED" | "DELETED",
) => void;

export class Api {
  private readonly hooks: WriteHook[] = [];

  constructor(
    readonly registry: Registry,
    readonly store: Store,
  ) {}

  onWrite(hook: WriteHook): void {
    this.hooks.push(hook);
  }

  private fire(t: ResourceType, obj: KObject, type: "ADDED" | "MODIFIED" | "DELETED"): void {
    for (const h of this.hooks) h(t, obj, type);
  }

  key(t: ResourceType): string {
    return resourceKey(t.group, t.resource);
  }

  /** A copy of a stored object as served at `version`. */
  present(t: ResourceType, obj: KObject, version?: string): KObject {
    return {
      ...obj,
      apiVersion: apiVersionOf(t.group, version ?? t.versions[0] ?? "v1"),
      kind: t.kind,
    };
  }

  private requireNamespace(t: ResourceType, ns: string | undefined): void {
    if (!t.namespaced) return;
    if (ns === undefined || ns === "")
      throw badRequest("the server could not find the requested resource");
    if (this.store.get("/namespaces", undefined, ns) === undefined)
      throw notFound("namespaces", "", ns);
  }

  get(t: ResourceType, ns: string | undefined, name: string): KObject {
    const obj = this.store.get(this.key(t), t.namespaced ? ns : undefined, name);
    if (obj === undefined) throw notFound(t.resource, t.group, name);
    return obj;
  }

  list(t: ResourceType, ns: string | undefined, opts: ListOptions = {}): ListResult {
    const labels = opts.labels ?? [];
    const fields = opts.fields ?? [];
    let items = this.store.list(
      this.key(t),
      t.namespaced ? ns : undefined,
      labels.length > 0 || fields.length > 0
        ? (o) => matchesLabels(labels, o.metadata.labels) && matchesFields(fields, o)
        : undefined,
      labels.flatMap((r): Array<[string, string]> => (r.op === "eq" ? [[r.key, r.value]] : [])),
    );
    let rv = String(this.store.rv);
    if (opts.continueToken !== undefined && opts.continueToken !== "") {
      let token: { rv: string; after: string };
      try {
        token = JSON.parse(
          Buffer.from(opts.continueToken, "base64").toString("utf8"),
        ) as typeof token;
      } catch {
        throw badRequest(
          "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)",
        );
      }
      rv = token.rv;
      items = items.filter(
        (o) => Store.id(o.metadata.namespace, o.metadata.name ?? "") > token.after,
      );
    }
    if (opts.limit !== undefined && opts.limit > 0 && items.length > opts.limit) {
      const page = items.slice(0, opts.limit);
      const last = page[page.length - 1];
      const after =
        last === undefined ? "" : Store.id(last.metadata.namespace, last.metadata.name ?? "");
      return {
        items: page,
        resourceVersion: rv,
        continueToken: Buffer.from(JSON.stringify({ rv, after })).toString("base64"),
        remaining: items.length - page.length,
      };
    }
    return { items, resourceVersion: rv };
  }

  create(
    t: ResourceType,
    version: string,
    ns: string | undefined,
    body: unknown,
    opts: WriteOptions = {},
  ): KObject {
    if (!isObject(body)) throw badRequest("the body of the request was in an unknown format");
    const obj = clone(body) as KObject;
    obj.metadata = isObject(obj.metadata) ? obj.metadata : {};
    checkKind(t, version, obj);
    pruneUnknown(t, version, obj, opts);
    const prepared = this.prepareCreate(t, version, ns, obj);
    recordUpdate(undefined, prepared, managerFor(opts), apiVersionOf(t.group, version));
    return this.commitCreate(t, prepared, opts);
  }

  private prepareCreate(
    t: ResourceType,
    version: string,
    ns: string | undefined,
    obj: KObject,
  ): KObject {
    const meta = obj.metadata;
    if (t.namespaced) {
      if (meta.namespace !== undefined && meta.namespace !== "" && meta.namespace !== ns) {
        throw badRequest(
          "the namespace of the provided object does not match the namespace sent on the request",
        );
      }
      meta.namespace = ns;
    } else delete meta.namespace;
    if (
      (meta.name === undefined || meta.name === "") &&
      typeof meta.generateName === "string" &&
      meta.generateName !== ""
    ) {
      for (let i = 0; i < 10; i++) {
        meta.name = `${meta.generateName}${randomSuffix()}`;
        if (this.store.get(this.key(t), meta.namespace, meta.name) === undefined) break;
      }
    }
    if (meta.name === undefined || meta.name === "") {
      throw invalid(t.kind, t.group, "", [
        {
          field: "metadata.name",
          reason: "FieldValueRequired",
          message: "Required value: name or generateName is required",
        },
      ]);
    }
    const name = meta.name;
    if (!FREE_NAMES.has(t.kind) && (!SUBDOMAIN.test(name) || name.length > 253)) {
      throw invalid(t.kind, t.group, name, [
        {
          field: "metadata.name",
          reason: "FieldValueInvalid",
          message: `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
        },
      ]);
    }
    this.requireNamespace(t, ns);
    if (this.store.get(this.key(t), meta.namespace, name) !== undefined) {
      throw alreadyExists(t.resource, t.group, name);
    }
    obj.apiVersion = apiVersionOf(t.group, version);
    obj.kind = t.kind;
    meta.uid = randomUUID();
    meta.creationTimestamp = timestamp();
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.managedFields;
    if (t.custom || !NO_GENERATION.has(t.kind)) meta.generation = 1;
    else delete meta.generation;
    if (t.statusSubresource && t.kind !== "Namespace") delete obj.status;
    applyDefaults(t, obj, this.store);
    return obj;
  }

  private commitCreate(t: ResourceType, obj: KObject, opts: WriteOptions): KObject {
    if (t.kind === "CustomResourceDefinition") validateCrd(obj);
    if (opts.dryRun === true) return this.present(t, obj);
    obj.metadata.resourceVersion = String(this.store.nextRv());
    this.store.put(this.key(t), obj, "ADDED");
    if (t.kind === "CustomResourceDefinition") this.registry.registerCrd(obj);
    this.fire(t, obj, "ADDED");
    return this.present(t, obj);
  }

  update(
    t: ResourceType,
    version: string,
    ns: string | undefined,
    name: string,
    body: unknown,
    opts: WriteOptions = {},
  ): KObject {
    if (!isObject(body)) throw badRequest("the body of the request was in an unknown format");
    const incoming = clone(body) as KObject;
    incoming.metadata = isObject(incoming.metadata) ? incoming.metadata : {};
    checkKind(t, version, incoming);
    pruneUnknown(t, version, incoming, opts);
    if (incoming.metadata.name !== undefined && incoming.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${String(incoming.metadata.name)}) does not match the name on the URL (${name})`,
      );
    }
    if (
      t.namespaced &&
      incoming.metadata.namespace !== undefined &&
      incoming.metadata.namespace !== "" &&
      incoming.metadata.namespace !== ns
    ) {
      throw badRequest(
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    }
    const current = this.get(t, ns, name);
    const rv = incoming.metadata.resourceVersion;
    if (rv !== undefined && rv !== "" && rv !== current.metadata.resourceVersion) {
      throw conflict(t.resource, t.group, name);
    }
    return this.commitUpdate(t, version, current, incoming, opts);
  }

  /** Writes `next` over `current`, keeping identity and the fields the write may not change. */
  private commitUpdate(
    t: ResourceType,
    version: string,
    current: KObject,
    incoming: KObject,
    opts: WriteOptions,
    managed?: "apply",
  ): KObject {
    const sub = opts.subresource;
    let next: KObject;
    if (sub === "status") {
      next = { ...clone(current), status: clone(incoming.status) };
    } else {
      next = clone(incoming);
      if (t.statusSubresource && t.kind !== "Namespace") {
        if (current.status === undefined) delete next.status;
        else next.status = clone(current.status);
      }
    }
    const meta = next.metadata;
    const cm = current.metadata;
    meta.name = cm.name;
    if (t.namespaced) meta.namespace = cm.namespace;
    else delete meta.namespace;
    meta.uid = cm.uid;
    meta.creationTimestamp = cm.creationTimestamp;
    if (cm.deletionTimestamp !== undefined) meta.deletionTimestamp = cm.deletionTimestamp;
    else delete meta.deletionTimestamp;
    next.apiVersion = apiVersionOf(t.group, version);
    next.kind = t.kind;
    preserveAllocated(t, current, next);
    checkImmutable(t, current, next);
    applyDefaults(t, next, this.store);
    if (cm.generation !== undefined) {
      meta.generation = deepEqual(specOf(current), specOf(next))
        ? cm.generation
        : cm.generation + 1;
    }
    if (managed !== "apply") {
      // A write may set managedFields outright (kubectl's client-side to server-side apply
      // migration does); an empty or absent list leaves them as they were.
      const given = incoming.metadata.managedFields;
      const adopt = Array.isArray(given) && given.length > 0 && !deepEqual(given, cm.managedFields);
      meta.managedFields = adopt ? clone(given) : clone(cm.managedFields);
      recordUpdate(current, next, managerFor(opts), apiVersionOf(t.group, version), sub);
    }
    meta.resourceVersion = cm.resourceVersion;
    if (deepEqual(withoutTimes(current), withoutTimes(next)))
      return this.present(t, current, version);
    if (t.kind === "CustomResourceDefinition") validateCrd(next);
    if (opts.dryRun === true) return this.present(t, next, version);
    if (meta.deletionTimestamp !== undefined && (meta.finalizers ?? []).length === 0) {
      return this.present(t, this.removeNow(t, next, "Background"), version);
    }
    meta.resourceVersion = String(this.store.nextRv());
    this.store.put(this.key(t), next, "MODIFIED", current);
    if (t.kind === "CustomResourceDefinition") this.registry.registerCrd(next);
    this.fire(t, next, "MODIFIED");
    return this.present(t, next, version);
  }

  patch(
    t: ResourceType,
    version: string,
    ns: string | undefined,
    name: string,
    contentType: string,
    raw: string,
    opts: WriteOptions = {},
  ): KObject {
    const type = (contentType.split(";")[0] ?? "").trim().toLowerCase();
    if (type === "application/apply-patch+yaml" || type === "application/apply-patch+cbor") {
      return this.apply(t, version, ns, name, raw, opts);
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch (e) {
      throw badRequest(`error decoding patch: ${(e as Error).message}`);
    }
    const current = this.get(t, ns, name);
    const base = this.present(t, current, version);
    let patched: unknown;
    switch (type) {
      case "application/merge-patch+json":
        patched = mergePatch(base, body);
        break;
      case "application/strategic-merge-patch+json":
        if (t.custom) {
          throw new StatusError(
            415,
            "UnsupportedMediaType",
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
          );
        }
        patched = strategicMergePatch(base, body);
        break;
      case "application/json-patch+json":
        patched = jsonPatch(base, body);
        break;
      default:
        throw unsupportedMediaType(contentType);
    }
    if (!isObject(patched)) throw badRequest("the patch produced something that is not an object");
    const next = patched as KObject;
    pruneUnknown(t, version, next, opts);
    next.metadata = isObject(next.metadata) ? next.metadata : {};
    const rv = next.metadata.resourceVersion;
    if (rv !== undefined && rv !== current.metadata.resourceVersion)
      throw conflict(t.resource, t.group, name);
    if (next.metadata.name !== name) {
      throw invalid(t.kind, t.group, name, [
        {
          field: "metadata.name",
          reason: "FieldValueInvalid",
          message: `Invalid value: "${String(next.metadata.name)}": field is immutable`,
        },
      ]);
    }
    return this.commitUpdate(t, version, current, next, opts);
  }

  private apply(
    t: ResourceType,
    version: string,
    ns: string | undefined,
    name: string,
    raw: string,
    opts: WriteOptions,
  ): KObject {
    if (opts.fieldManager === undefined || opts.fieldManager === "") {
      throw invalid("PatchOptions", "meta.k8s.io", "", [
        {
          field: "fieldManager",
          reason: "FieldValueRequired",
          message: "Required value: is required for apply patch",
        },
      ]);
    }
    let body: unknown;
    try {
      body = parseYaml(raw);
    } catch (e) {
      throw badRequest(`error decoding YAML: ${(e as Error).message}`);
    }
    if (!isObject(body)) throw badRequest("apply patch must be an object");
    const applied = body as KObject;
    applied.metadata = isObject(applied.metadata) ? applied.metadata : {};
    const expected = apiVersionOf(t.group, version);
    if (applied.apiVersion !== expected || applied.kind !== t.kind) {
      throw badRequest(
        `the API version in the data (${String(applied.apiVersion)}) and kind (${String(applied.kind)}) do not match the expected ${expected} ${t.kind}`,
      );
    }
    pruneUnknown(t, version, applied, opts);
    if (applied.metadata.name !== undefined && applied.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${String(applied.metadata.name)}) does not match the name on the URL (${name})`,
      );
    }
    const rv = applied.metadata.resourceVersion;
    const current = this.store.get(this.key(t), t.namespaced ? ns : undefined, name);
    if (current === undefined) {
      if (rv !== undefined && rv !== "") throw notFound(t.resource, t.group, name);
      const obj = serverSideApply(
        undefined,
        { ...applied, metadata: { ...applied.metadata, name } },
        opts.fieldManager,
        true,
        expected,
      );
      obj.metadata.name = name;
      const managedFields = obj.metadata.managedFields;
      const prepared = this.prepareCreate(t, version, ns, obj);
      prepared.metadata.managedFields = managedFields;
      return this.commitCreate(t, prepared, opts);
    }
    if (rv !== undefined && rv !== "" && rv !== current.metadata.resourceVersion) {
      throw conflict(t.resource, t.group, name);
    }
    const next = serverSideApply(
      this.present(t, current, version),
      applied,
      opts.fieldManager,
      opts.force === true,
      expected,
    );
    return this.commitUpdate(t, version, current, next, opts, "apply");
  }

  /** The autoscaling/v1 Scale of a Deployment, StatefulSet or ReplicaSet. */
  scale(t: ResourceType, ns: string | undefined, name: string): KObject {
    return scaleOf(this.get(t, ns, name));
  }

  /** Writes a Scale (after a PUT or a patch of the Scale) back as the object's spec.replicas. */
  updateScale(
    t: ResourceType,
    version: string,
    ns: string | undefined,
    name: string,
    scale: unknown,
    opts: WriteOptions = {},
  ): KObject {
    const current = this.get(t, ns, name);
    const s = isObject(scale) ? scale : {};
    const meta = isObject(s.metadata) ? s.metadata : {};
    const rv = meta.resourceVersion;
    if (typeof rv === "string" && rv !== "" && rv !== current.metadata.resourceVersion) {
      throw conflict(t.resource, t.group, name);
    }
    const replicas = isObject(s.spec) ? s.spec.replicas : undefined;
    if (typeof replicas !== "number" || replicas < 0 || !Number.isInteger(replicas)) {
      throw invalid("Scale", "autoscaling", name, [
        {
          field: "spec.replicas",
          reason: "FieldValueInvalid",
          message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
        },
      ]);
    }
    const next = clone(current);
    next.spec = { ...(isObject(next.spec) ? next.spec : {}), replicas };
    const written = this.commitUpdate(t, version, current, next, {
      ...opts,
      subresource: undefined,
    });
    return scaleOf(written);
  }

  delete(
    t: ResourceType,
    ns: string | undefined,
    name: string,
    opts: {
      dryRun?: boolean;
      propagationPolicy?: string;
      preconditions?: { uid?: string; resourceVersion?: string };
    } = {},
  ): KObject {
    const current = this.get(t, ns, name);
    const pre = opts.preconditions ?? {};
    if (pre.uid !== undefined && pre.uid !== current.metadata.uid) {
      throw new StatusError(
        409,
        "Conflict",
        `Operation cannot be fulfilled on ${t.resource} "${name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${String(current.metadata.uid)}`,
        { name, group: t.group, kind: t.resource },
      );
    }
    if (
      pre.resourceVersion !== undefined &&
      pre.resourceVersion !== current.metadata.resourceVersion
    ) {
      throw conflict(t.resource, t.group, name);
    }
    if (opts.dryRun === true) return this.present(t, current);
    if ((current.metadata.finalizers ?? []).length > 0) {
      if (current.metadata.deletionTimestamp !== undefined) return this.present(t, current);
      const next = clone(current);
      next.metadata.deletionTimestamp = timestamp();
      next.metadata.resourceVersion = String(this.store.nextRv());
      this.store.put(this.key(t), next, "MODIFIED", current);
      this.fire(t, next, "MODIFIED");
      return this.present(t, next);
    }
    return this.present(t, this.removeNow(t, current, opts.propagationPolicy ?? "Background"));
  }

  private removeNow(t: ResourceType, obj: KObject, propagation: string): KObject {
    const ns = obj.metadata.namespace;
    const name = obj.metadata.name ?? "";
    if (t.kind === "Namespace") {
      for (const other of this.registry.all()) {
        if (!other.namespaced) continue;
        for (const child of this.store.list(this.key(other), name)) {
          this.store.remove(this.key(other), name, child.metadata.name ?? "");
          this.fire(other, child, "DELETED");
        }
      }
    }
    if (t.kind === "CustomResourceDefinition") {
      const served = this.registry.unregisterCrd(obj);
      if (served !== undefined) {
        for (const child of this.store.list(this.key(served))) {
          this.store.remove(this.key(served), child.metadata.namespace, child.metadata.name ?? "");
        }
      }
    }
    const gone = this.store.remove(this.key(t), ns, name) ?? obj;
    if (t.kind === "Namespace") {
      gone.metadata.deletionTimestamp = timestamp();
      gone.status = { phase: "Terminating" };
    }
    this.fire(t, gone, "DELETED");
    if (propagation !== "Orphan") this.collectDependents(obj.metadata.uid ?? "", ns);
    return gone;
  }

  /** Garbage collection: objects owned by a deleted object go too. */
  private collectDependents(uid: string, ns: string | undefined): void {
    if (uid === "") return;
    for (const t of this.registry.all()) {
      if (!t.namespaced && ns !== undefined) continue;
      for (const o of this.store.list(this.key(t), t.namespaced ? ns : undefined)) {
        if ((o.metadata.ownerReferences ?? []).some((r) => r.uid === uid)) {
          this.removeNow(t, o, "Background");
        }
      }
    }
  }
}

export const SCALABLE = new Set(["Deployment", "StatefulSet", "ReplicaSet"]);

function scaleOf(obj: KObject): KObject {
  const spec = isObject(obj.spec) ? obj.spec : {};
  const status = isObject(obj.status) ? obj.status : {};
  const selector =
    isObject(spec.selector) && isObject(spec.selector.matchLabels) ? spec.selector.matchLabels : {};
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: spec.replicas ?? 1 },
    status: {
      replicas: typeof status.replicas === "number" ? status.replicas : 0,
      selector: Object.entries(selector)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(","),
    },
  };
}

const META_FIELDS = new Set([
  "name",
  "generateName",
  "namespace",
  "selfLink",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "labels",
  "annotations",
  "ownerReferences",
  "finalizers",
  "managedFields",
]);
const SPEC_STATUS = ["spec", "status"];
/** Top-level fields of the built-in kinds (besides apiVersion, kind and metadata). */
const TOP_FIELDS: Record<string, string[]> = {
  Secret: ["data", "stringData", "type", "immutable"],
  ConfigMap: ["data", "binaryData", "immutable"],
  ServiceAccount: ["secrets", "imagePullSecrets", "automountServiceAccountToken"],
  Endpoints: ["subsets"],
  Event: [
    "involvedObject",
    "reason",
    "message",
    "source",
    "firstTimestamp",
    "lastTimestamp",
    "count",
    "type",
    "eventTime",
    "series",
    "action",
    "related",
    "reportingComponent",
    "reportingInstance",
  ],
  Role: ["rules"],
  ClusterRole: ["rules", "aggregationRule"],
  RoleBinding: ["subjects", "roleRef"],
  ClusterRoleBinding: ["subjects", "roleRef"],
  SelfSubjectAccessReview: SPEC_STATUS,
  SelfSubjectRulesReview: SPEC_STATUS,
};

/**
 * The real server decodes into typed objects and drops fields it does not know. Without
 * schemas the sandbox checks the top level and metadata of built-in kinds: unknown fields
 * are refused under fieldValidation=Strict, otherwise dropped (with a warning unless Ignore).
 */
function pruneUnknown(t: ResourceType, version: string, obj: KObject, opts: WriteOptions): void {
  if (t.custom) return;
  const known = new Set(["apiVersion", "kind", "metadata", ...(TOP_FIELDS[t.kind] ?? SPEC_STATUS)]);
  const unknown: string[] = [];
  for (const k of Object.keys(obj)) {
    if (!known.has(k)) {
      unknown.push(k);
      delete obj[k];
    }
  }
  for (const k of Object.keys(obj.metadata)) {
    if (!META_FIELDS.has(k)) {
      unknown.push(`metadata.${k}`);
      delete obj.metadata[k];
    }
  }
  if (unknown.length === 0) return;
  const mode = (opts.fieldValidation ?? "Warn").toLowerCase();
  if (mode === "strict") {
    const detail =
      unknown.length === 1
        ? `unknown field "${unknown[0] ?? ""}"`
        : unknown.map((u) => `unknown field "${u}"`).join(", ");
    throw badRequest(
      `${t.kind} in version "${version}" cannot be handled as a ${t.kind}: strict decoding error: ${detail}`,
    );
  }
  if (mode !== "ignore") for (const u of unknown) opts.warnings?.push(`unknown field "${u}"`);
}

/** A body for another kind or version is refused, as the real server does. */
function checkKind(t: ResourceType, version: string, obj: KObject): void {
  const expected = apiVersionOf(t.group, version);
  if (obj.apiVersion !== undefined && obj.apiVersion !== "" && obj.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${expected})`,
    );
  }
  if (obj.kind !== undefined && obj.kind !== "" && obj.kind !== t.kind) {
    throw badRequest(
      `the kind in the data (${String(obj.kind)}) does not match the expected kind (${t.kind})`,
    );
  }
}

/** A Secret or ConfigMap marked immutable keeps its data (and stays immutable). */
function checkImmutable(t: ResourceType, current: KObject, next: KObject): void {
  if ((t.kind !== "Secret" && t.kind !== "ConfigMap") || current.immutable !== true) return;
  const name = current.metadata.name ?? "";
  const causes: Array<{ field: string; reason: string; message: string }> = [];
  if (next.immutable !== true) {
    causes.push({
      field: "immutable",
      reason: "FieldValueForbidden",
      message: "Forbidden: field is immutable when `immutable` is set",
    });
  }
  for (const f of t.kind === "Secret" ? ["data", "type"] : ["data", "binaryData"]) {
    if (!deepEqual(current[f], next[f])) {
      causes.push({
        field: f,
        reason: "FieldValueForbidden",
        message: "Forbidden: field is immutable when `immutable` is set",
      });
    }
  }
  if (causes.length > 0) throw invalid(t.kind, t.group, name, causes);
}

/** Values the server allocated (a Service's cluster IPs) survive an update that leaves them out. */
function preserveAllocated(t: ResourceType, current: KObject, next: KObject): void {
  if (t.kind !== "Service" || !isObject(current.spec)) return;
  const spec = isObject(next.spec) ? next.spec : {};
  for (const f of ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"]) {
    if ((spec[f] === undefined || spec[f] === "") && current.spec[f] !== undefined) {
      spec[f] = clone(current.spec[f]);
    }
  }
  next.spec = spec;
}

/** Pod spec defaults (as in a pod template), so objects read back the way a real server shows them. */
function defaultPodSpec(spec: unknown): void {
  if (!isObject(spec)) return;
  spec.restartPolicy ??= "Always";
  spec.dnsPolicy ??= "ClusterFirst";
  spec.schedulerName ??= "default-scheduler";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  for (const list of ["initContainers", "containers"]) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (const c of containers) {
      if (!isObject(c)) continue;
      const image = typeof c.image === "string" ? c.image : "";
      c.imagePullPolicy ??=
        image.endsWith(":latest") || !/:[^/]+$/.test(image) ? "Always" : "IfNotPresent";
      c.terminationMessagePath ??= "/dev/termination-log";
      c.terminationMessagePolicy ??= "File";
      if (Array.isArray(c.ports)) for (const p of c.ports) if (isObject(p)) p.protocol ??= "TCP";
    }
  }
}

function defaultTemplate(spec: Record<string, unknown>): void {
  const template = spec.template;
  if (isObject(template)) defaultPodSpec(template.spec);
}

function withoutTimes(obj: KObject): unknown {
  const c = clone(obj);
  for (const m of c.metadata.managedFields ?? []) m.time = "";
  return c;
}

function validateCrd(obj: KObject): void {
  const spec = isObject(obj.spec) ? obj.spec : {};
  const names = isObject(spec.names) ? spec.names : {};
  const name = obj.metadata.name ?? "";
  const causes: Array<{ field: string; reason: string; message: string }> = [];
  if (typeof spec.group !== "string" || spec.group === "")
    causes.push({ field: "spec.group", reason: "FieldValueRequired", message: "Required value" });
  if (typeof names.plural !== "string" || names.plural === "")
    causes.push({
      field: "spec.names.plural",
      reason: "FieldValueRequired",
      message: "Required value",
    });
  if (typeof names.kind !== "string" || names.kind === "")
    causes.push({
      field: "spec.names.kind",
      reason: "FieldValueRequired",
      message: "Required value",
    });
  if (causes.length === 0 && name !== `${String(names.plural)}.${String(spec.group)}`) {
    causes.push({
      field: "metadata.name",
      reason: "FieldValueInvalid",
      message: `Invalid value: "${name}": must be spec.names.plural+"."+spec.group`,
    });
  }
  if (!Array.isArray(spec.versions) || spec.versions.length === 0) {
    causes.push({
      field: "spec.versions",
      reason: "FieldValueInvalid",
      message: "Invalid value: []: must have exactly one version marked as storage version",
    });
  }
  if (causes.length > 0)
    throw invalid("CustomResourceDefinition", "apiextensions.k8s.io", name, causes);
}

/** The defaults the real server's registry strategies fill in. */
function applyDefaults(t: ResourceType, obj: KObject, store: Store): void {
  const spec = isObject(obj.spec) ? obj.spec : undefined;
  switch (t.kind) {
    case "Namespace":
      obj.metadata.labels = {
        ...(obj.metadata.labels ?? {}),
        "kubernetes.io/metadata.name": obj.metadata.name ?? "",
      };
      obj.spec = { finalizers: ["kubernetes"], ...(spec ?? {}) };
      obj.status = isObject(obj.status) ? obj.status : { phase: "Active" };
      break;
    case "Secret":
      if (isObject(obj.stringData)) {
        const data = isObject(obj.data) ? obj.data : {};
        for (const [k, v] of Object.entries(obj.stringData))
          data[k] = Buffer.from(String(v)).toString("base64");
        obj.data = data;
        delete obj.stringData;
      }
      if (obj.type === undefined || obj.type === "") obj.type = "Opaque";
      break;
    case "Service": {
      const s = spec ?? {};
      if (s.type === undefined) s.type = "ClusterIP";
      if (s.sessionAffinity === undefined) s.sessionAffinity = "None";
      if (s.type !== "ExternalName" && (s.clusterIP === undefined || s.clusterIP === "")) {
        s.clusterIP = allocateClusterIp(store);
      }
      if (s.clusterIP !== undefined && s.clusterIPs === undefined) s.clusterIPs = [s.clusterIP];
      if (s.type !== "ExternalName") {
        if (s.ipFamilies === undefined) s.ipFamilies = ["IPv4"];
        if (s.ipFamilyPolicy === undefined) s.ipFamilyPolicy = "SingleStack";
        if (s.internalTrafficPolicy === undefined) s.internalTrafficPolicy = "Cluster";
      }
      if (Array.isArray(s.ports)) {
        for (const p of s.ports) {
          if (!isObject(p)) continue;
          if (p.protocol === undefined) p.protocol = "TCP";
          if (p.targetPort === undefined) p.targetPort = p.port;
        }
      }
      obj.spec = s;
      if (obj.status === undefined) obj.status = { loadBalancer: {} };
      break;
    }
    case "Deployment": {
      const s = spec ?? {};
      defaultTemplate(s);
      if (s.replicas === undefined) s.replicas = 1;
      if (s.strategy === undefined)
        s.strategy = {
          type: "RollingUpdate",
          rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" },
        };
      if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
      if (s.progressDeadlineSeconds === undefined) s.progressDeadlineSeconds = 600;
      obj.spec = s;
      break;
    }
    case "StatefulSet": {
      const s = spec ?? {};
      defaultTemplate(s);
      if (s.replicas === undefined) s.replicas = 1;
      if (s.updateStrategy === undefined)
        s.updateStrategy = { type: "RollingUpdate", rollingUpdate: { partition: 0 } };
      if (s.podManagementPolicy === undefined) s.podManagementPolicy = "OrderedReady";
      if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
      obj.spec = s;
      break;
    }
    case "DaemonSet": {
      const s = spec ?? {};
      defaultTemplate(s);
      if (s.updateStrategy === undefined)
        s.updateStrategy = {
          type: "RollingUpdate",
          rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
        };
      if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
      obj.spec = s;
      break;
    }
    case "ReplicaSet": {
      const s = spec ?? {};
      defaultTemplate(s);
      if (s.replicas === undefined) s.replicas = 1;
      obj.spec = s;
      break;
    }
    case "Job": {
      const s = spec ?? {};
      defaultTemplate(s);
      if (s.completions === undefined) s.completions = 1;
      if (s.parallelism === undefined) s.parallelism = 1;
      if (s.backoffLimit === undefined) s.backoffLimit = 6;
      obj.spec = s;
      break;
    }
    case "CustomResourceDefinition": {
      if (
        obj.status === undefined ||
        !isObject(obj.status) ||
        !Array.isArray(obj.status.conditions)
      ) {
        const versions = Array.isArray(spec?.versions)
          ? (spec.versions as Array<Record<string, unknown>>)
          : [];
        const storage = versions.find((v) => v.storage === true) ?? versions[0];
        const now = timestamp();
        obj.status = {
          conditions: [
            {
              type: "NamesAccepted",
              status: "True",
              lastTransitionTime: now,
              reason: "NoConflicts",
              message: "no conflicts found",
            },
            {
              type: "Established",
              status: "True",
              lastTransitionTime: now,
              reason: "InitialNamesAccepted",
              message: "the initial names have been accepted",
            },
          ],
          acceptedNames: clone(spec?.names ?? {}),
          storedVersions: storage === undefined ? [] : [String(storage.name)],
        };
      }
      break;
    }
    default:
      break;
  }
}
