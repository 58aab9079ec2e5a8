import type {
  ApplyOptions,
  ClusterAccess,
  ObjectRef,
  PatchType,
  WriteOptions,
} from "../../src/engine/cluster/clusterAccess.js";
import {
  LookupReadError,
  type GroupVersionKinds,
  type JsonObject,
  type LookupQuery,
  type ServerVersionInfo,
} from "../../src/engine/cluster/clusterReader.js";
import type { KubeObject } from "../../src/engine/cluster/kubeObject.js";
import type { ManagedFieldsEntry } from "../../src/engine/cluster/managedFields.js";

const CLUSTER_SCOPED = new Set([
  "Namespace",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "StorageClass",
  "PersistentVolume",
  "PriorityClass",
  "IngressClass",
]);

/** What the fake's discovery serves unless a test says otherwise. */
export const FAKE_API_RESOURCES: GroupVersionKinds[] = [
  {
    groupVersion: "v1",
    kinds: ["ConfigMap", "Namespace", "Pod", "Secret", "Service", "ServiceAccount"],
  },
  { groupVersion: "apps/v1", kinds: ["DaemonSet", "Deployment", "StatefulSet", "Scale"] },
  { groupVersion: "batch/v1", kinds: ["CronJob", "Job"] },
  { groupVersion: "policy/v1", kinds: ["PodDisruptionBudget"] },
  { groupVersion: "apiextensions.k8s.io/v1", kinds: ["CustomResourceDefinition"] },
];

export interface ClusterCall {
  verb: "get" | "apply" | "create" | "patch" | "delete" | "replaceManagedFields" | "lookup";
  ref: string;
}

/**
 * An in-memory cluster for engine tests: objects keyed by group-less identity,
 * a log of calls, and faults that fail a chosen call.
 */
export class FakeCluster implements ClusterAccess {
  readonly objects = new Map<string, KubeObject>();
  readonly calls: ClusterCall[] = [];
  /** What a created Job or Pod does, as a controller would report it. */
  workloadOutcome: "succeed" | "fail" | "hang" = "succeed";
  /** What discovery serves; a CustomResourceDefinition applied here adds its kind. */
  apiResourceList: GroupVersionKinds[] = structuredClone(FAKE_API_RESOURCES);
  version: ServerVersionInfo = { gitVersion: "v1.31.0", major: "1", minor: "31" };
  /**
   * No built-in kind has patch metadata here, so a client-side apply sends JSON merge
   * patches only: strategic merge patch is modelled by the sandbox, not by this fake.
   */
  openApiDocument: unknown = { swagger: "2.0", definitions: {} };
  /** The patches sent, in order, for tests of client-side apply. */
  readonly patches: Array<{ ref: string; type: PatchType; patch: JsonObject }> = [];
  private faults: Array<{
    verb: ClusterCall["verb"];
    match: RegExp;
    error: Error;
    remaining: number;
  }> = [];

  /** Makes the next `times` calls of `verb` whose ref matches fail with `error`. */
  failOn(verb: ClusterCall["verb"], match: RegExp, error: Error, times = 1): void {
    this.faults.push({ verb, match, error, remaining: times });
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    this.record("get", ref);
    const found = this.objects.get(key(ref));
    return found ? structuredClone(found) : undefined;
  }

  async apply(object: KubeObject, options: ApplyOptions): Promise<KubeObject> {
    return this.store("apply", object, options.dryRun);
  }

  /** An apply or a create: the object as given, with a controller's outcome for Jobs and Pods. */
  private store(verb: "apply" | "create", object: KubeObject, dryRun?: boolean): KubeObject {
    const ref = refOfObject(object);
    this.record(verb, ref);
    if (dryRun) return structuredClone(object);
    const previous = this.objects.get(key(ref));
    const generation = (previous?.metadata.generation ?? 0) + 1;
    const stored: KubeObject = structuredClone({
      ...object,
      metadata: { ...object.metadata, generation },
    });
    if (object.kind === "Job" && this.workloadOutcome !== "hang") {
      const type = this.workloadOutcome === "succeed" ? "Complete" : "Failed";
      stored.status = { conditions: [{ type, status: "True" }] };
    }
    if (object.kind === "Pod" && this.workloadOutcome !== "hang") {
      stored.status = { phase: this.workloadOutcome === "succeed" ? "Succeeded" : "Failed" };
    }
    if (object.kind === "CustomResourceDefinition") this.serveCrd(stored);
    this.objects.set(key(ref), stored);
    return structuredClone(stored);
  }

  async create(object: KubeObject, options: WriteOptions): Promise<KubeObject> {
    const ref = refOfObject(object);
    if (this.objects.has(key(ref))) {
      this.record("create", ref);
      throw new Error(`${key(ref)} already exists`);
    }
    return this.store("create", object, options.dryRun);
  }

  async patch(
    ref: ObjectRef,
    patch: JsonObject,
    type: PatchType,
    options: WriteOptions,
  ): Promise<KubeObject> {
    this.record("patch", ref);
    if (type === "strategic") throw new Error("FakeCluster does not model strategic merge patch");
    const live = this.objects.get(key(ref));
    if (!live) throw new Error(`${key(ref)} not found`);
    this.patches.push({ ref: key(ref), type, patch: structuredClone(patch) });
    const patched = mergePatch(live, patch) as KubeObject;
    if (options.dryRun) return patched;
    this.objects.set(key(ref), patched);
    return structuredClone(patched);
  }

  async openApiV2(): Promise<unknown> {
    return structuredClone(this.openApiDocument);
  }

  async delete(ref: ObjectRef): Promise<boolean> {
    this.record("delete", ref);
    return this.objects.delete(key(ref));
  }

  async replaceManagedFields(
    ref: ObjectRef,
    resourceVersion: string,
    entries: ManagedFieldsEntry[],
  ): Promise<void> {
    this.record("replaceManagedFields", ref);
    const live = this.objects.get(key(ref));
    if (!live) throw new Error(`${key(ref)} not found`);
    if (live.metadata.resourceVersion !== resourceVersion) {
      throw new Error(`${key(ref)}: the object has been modified`);
    }
    live.metadata.managedFields = structuredClone(entries);
  }

  async isNamespaced(_apiVersion: string, kind: string): Promise<boolean> {
    return !CLUSTER_SCOPED.has(kind);
  }

  /** helm's lookup over the stored objects: a GET, or a LIST when `name` is "". */
  async lookup(query: LookupQuery): Promise<JsonObject | undefined> {
    const { apiVersion, kind, namespace, name } = query;
    this.record("lookup", { apiVersion, kind, namespace, name });
    const served = this.apiResourceList.find((r) => r.groupVersion === apiVersion);
    if (!served) {
      throw new LookupReadError("the server could not find the requested resource", true);
    }
    if (!served.kinds.includes(kind)) return undefined;
    const namespaced = !CLUSTER_SCOPED.has(kind);
    const matches = [...this.objects.values()].filter(
      (o) =>
        o.apiVersion === apiVersion &&
        o.kind === kind &&
        (!namespaced || namespace === "" || o.metadata.namespace === namespace),
    );
    if (name === "") {
      return {
        apiVersion,
        kind: `${kind}List`,
        metadata: { resourceVersion: "1" },
        items: structuredClone(matches),
      };
    }
    if (namespaced && namespace === "") return undefined;
    const found = matches.find((o) => o.metadata.name === name);
    return found ? structuredClone(found) : undefined;
  }

  async serverVersion(): Promise<ServerVersionInfo> {
    return { ...this.version };
  }

  async apiResources(): Promise<GroupVersionKinds[]> {
    return structuredClone(this.apiResourceList);
  }

  /** As an API server: an applied CRD is established at once and its kind is served. */
  private serveCrd(crd: KubeObject): void {
    crd.status = { conditions: [{ type: "Established", status: "True" }] };
    const spec = crd.spec as
      | { group?: string; names?: { kind?: string }; versions?: Array<{ name?: string }> }
      | undefined;
    const kind = spec?.names?.kind;
    if (!spec?.group || !kind) return;
    for (const v of spec.versions ?? []) {
      const groupVersion = `${spec.group}/${v.name}`;
      const entry = this.apiResourceList.find((r) => r.groupVersion === groupVersion);
      if (entry) {
        if (!entry.kinds.includes(kind)) entry.kinds.push(kind);
      } else this.apiResourceList.push({ groupVersion, kinds: [kind] });
    }
  }

  /** Puts an object in place without logging a call, e.g. one made by someone else. */
  seed(object: KubeObject): void {
    this.objects.set(
      key({ ...object, name: object.metadata.name, namespace: object.metadata.namespace }),
      structuredClone(object),
    );
  }

  find(kind: string, name: string, namespace?: string): KubeObject | undefined {
    return [...this.objects.values()].find(
      (o) =>
        o.kind === kind &&
        o.metadata.name === name &&
        (namespace === undefined || o.metadata.namespace === namespace),
    );
  }

  private record(verb: ClusterCall["verb"], ref: ObjectRef | LookupQuery): void {
    const id = key(ref);
    this.calls.push({ verb, ref: id });
    const fault = this.faults.find((f) => f.verb === verb && f.match.test(id) && f.remaining > 0);
    if (fault) {
      fault.remaining--;
      throw fault.error;
    }
  }
}

function refOfObject(object: KubeObject): ObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.metadata.name,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  };
}

/** RFC 7386. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) return patch;
  const base =
    target !== null && typeof target === "object" && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete base[k];
    else base[k] = mergePatch(base[k], v);
  }
  return base;
}

/**
 * Identity as helm compares objects: group + kind + namespace + name
 * (docs/release-storage.md#object-identity).
 */
function key(ref: {
  apiVersion: string;
  kind: string;
  namespace?: string | undefined;
  name: string;
}): string {
  const group = ref.apiVersion.includes("/") ? ref.apiVersion.split("/")[0] : "";
  return `${group}/${ref.kind}/${ref.namespace || ""}/${ref.name}`;
}
