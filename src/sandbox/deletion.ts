/**
 * Removing an object for good, and what goes with it: a namespace takes its contents, a
 * CustomResourceDefinition its custom objects, and objects it owns follow unless orphaned.
 */
import { typeKey } from "./identity.js";
import type { Registry } from "./resources.js";
import type { Store } from "./store.js";
import { timestamp } from "./util.js";
import type { KObject, ResourceType, WriteHook } from "./types.js";

export class Remover {
  constructor(
    private readonly registry: Registry,
    private readonly store: Store,
    private readonly fire: WriteHook,
  ) {}

  /** Removes `obj` now (its finalizers are done); `Orphan` propagation leaves its dependents. */
  remove(t: ResourceType, obj: KObject, propagation: string): KObject {
    const ns = obj.metadata.namespace;
    const name = obj.metadata.name ?? "";
    if (t.kind === "Namespace") {
      for (const other of this.registry.all()) {
        if (!other.namespaced) continue;
        const key = typeKey(other);
        for (const child of this.store.list(key, name)) {
          this.store.remove(key, name, child.metadata.name ?? "");
          this.fire(other, child, "DELETED");
        }
      }
    }
    if (t.kind === "CustomResourceDefinition") {
      const served = this.registry.unregisterCrd(obj);
      if (served !== undefined) {
        const key = typeKey(served);
        for (const child of this.store.list(key)) {
          this.store.remove(key, child.metadata.namespace, child.metadata.name ?? "");
        }
      }
    }
    const gone = this.store.remove(typeKey(t), ns, name) ?? obj;
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
      for (const o of this.store.list(typeKey(t), t.namespaced ? ns : undefined)) {
        if ((o.metadata.ownerReferences ?? []).some((r) => r.uid === uid)) {
          this.remove(t, o, "Background");
        }
      }
    }
  }
}
