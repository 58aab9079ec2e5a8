/** Create, read, update, patch and delete with the real API server's semantics. */
import { randomUUID } from "node:crypto";
import { parseYaml } from "./yaml.js";
import {
  StatusError,
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
  unsupportedMediaType,
} from "./errors.js";
import { hasGeneration, managerFor, nextGeneration, unchanged } from "./bookkeeping.js";
import { Remover } from "./deletion.js";
import { recordUpdate, serverSideApply } from "./managed.js";
import { decodeMetaMaps, validateMeta } from "./metaValidation.js";
import { page } from "./paging.js";
import type { ListOptions, ListResult } from "./paging.js";
import {
  STRATEGIC_MERGE_PATCH,
  clone,
  decodePatch,
  deepEqual,
  isObject,
  mediaType,
} from "./patch.js";
import { patcherFor } from "./patchers.js";
import { PatchSchema } from "./patchSchema.js";
import { applyDefaults, preserveAllocated } from "./defaults.js";
import { scaleOf, scaleReplicas, scaleResourceVersion } from "./scale.js";
import {
  checkImmutable,
  checkKind,
  checkName,
  checkPreconditions,
  pruneUnknown,
  validateCrd,
} from "./validation.js";
import { apiVersionOf, resourceKey, typeKey } from "./identity.js";
import type { Registry } from "./resources.js";
import { matchesFields, matchesLabels } from "./selectors.js";
import type { Store } from "./store.js";
import { randomSuffix, timestamp } from "./util.js";
import type { KObject, ResourceType, WatchEventType, WriteHook, WriteOptions } from "./types.js";

export class Api {
  private readonly hooks: WriteHook[] = [];
  private readonly remover: Remover;

  constructor(
    readonly registry: Registry,
    readonly store: Store,
  ) {
    this.remover = new Remover(registry, store, (t, obj, type) => this.fire(t, obj, type));
  }

  onWrite(hook: WriteHook): void {
    this.hooks.push(hook);
  }

  private fire(t: ResourceType, obj: KObject, type: WatchEventType): void {
    for (const h of this.hooks) h(t, obj, type);
  }

  key(t: ResourceType): string {
    return typeKey(t);
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
    if (this.store.get(resourceKey("", "namespaces"), undefined, ns) === undefined)
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
    const items = this.store.list(
      this.key(t),
      t.namespaced ? ns : undefined,
      labels.length > 0 || fields.length > 0
        ? (o) => matchesLabels(labels, o.metadata.labels) && matchesFields(fields, o)
        : undefined,
      labels.flatMap((r): Array<[string, string]> => (r.op === "eq" ? [[r.key, r.value]] : [])),
    );
    return page(items, String(this.store.rv), opts);
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
    decodeMetaMaps(t, version, obj, "body");
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
    const name = checkName(t, meta);
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
    if (hasGeneration(t)) meta.generation = 1;
    else delete meta.generation;
    if (t.statusSubresource && t.kind !== "Namespace") delete obj.status;
    applyDefaults(t, obj, this.store);
    return obj;
  }

  private commitCreate(t: ResourceType, obj: KObject, opts: WriteOptions): KObject {
    validateMeta(t, obj);
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
    decodeMetaMaps(t, version, incoming, "body");
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
      meta.generation = nextGeneration(current, next, cm.generation);
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
    validateMeta(t, next);
    if (unchanged(current, next)) return this.present(t, current, version);
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
    const type = mediaType(contentType).toLowerCase();
    if (type === "application/apply-patch+yaml" || type === "application/apply-patch+cbor") {
      return this.apply(t, version, ns, name, raw, opts);
    }
    // The media type is checked first, as on a real server: before the object is looked up.
    if (type === STRATEGIC_MERGE_PATCH && t.custom) {
      throw new StatusError(
        415,
        "UnsupportedMediaType",
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
      );
    }
    const patcher = patcherFor(
      type,
      t.custom ? undefined : PatchSchema.forKind(t.group, version, t.kind),
    );
    if (patcher === undefined) throw unsupportedMediaType(contentType);
    const body = decodePatch(raw);
    const current = this.get(t, ns, name);
    const patched = patcher(this.present(t, current, version), body);
    if (!isObject(patched)) throw badRequest("the patch produced something that is not an object");
    const next = patched as KObject;
    next.metadata = isObject(next.metadata) ? next.metadata : {};
    decodeMetaMaps(t, version, next, "patch");
    pruneUnknown(t, version, next, opts);
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
    decodeMetaMaps(t, version, applied, "apply");
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
    const rv = scaleResourceVersion(scale);
    if (rv !== undefined && rv !== current.metadata.resourceVersion) {
      throw conflict(t.resource, t.group, name);
    }
    const replicas = scaleReplicas(name, scale);
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
    checkPreconditions(t, current, opts.preconditions ?? {});
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
    return this.remover.remove(t, obj, propagation);
  }
}
