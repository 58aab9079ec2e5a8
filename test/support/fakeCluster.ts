import type {
  ApplyOptions,
  ClusterAccess,
  ObjectRef,
} from "../../src/engine/cluster/clusterAccess.js";
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

export interface ClusterCall {
  verb: "get" | "apply" | "delete" | "replaceManagedFields";
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
    const ref = {
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata.name,
      namespace: object.metadata.namespace,
    };
    this.record("apply", ref);
    if (options.dryRun) return structuredClone(object);
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
    this.objects.set(key(ref), stored);
    return structuredClone(stored);
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

  private record(verb: ClusterCall["verb"], ref: ObjectRef): void {
    const id = key(ref);
    this.calls.push({ verb, ref: id });
    const fault = this.faults.find((f) => f.verb === verb && f.match.test(id) && f.remaining > 0);
    if (fault) {
      fault.remaining--;
      throw fault.error;
    }
  }
}

/** Identity as helm compares objects: group + kind + namespace + name (§3.1). */
function key(ref: {
  apiVersion: string;
  kind: string;
  namespace?: string | undefined;
  name: string;
}): string {
  const group = ref.apiVersion.includes("/") ? ref.apiVersion.split("/")[0] : "";
  return `${group}/${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;
}
