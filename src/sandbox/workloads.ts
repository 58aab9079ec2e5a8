/**
 * Controller stand-ins: workloads report ready (or, on request, never ready / failed)
 * shortly after each change, Deployments get ReplicaSets, PVCs bind, load balancers get an IP.
 */
import type { Api } from "./api.js";
import { CONTROLLER, recordEvent } from "./controller.js";
import { deploymentStatus, replicaSetStatus } from "./deployments.js";
import { objectId, resourceKey } from "./identity.js";
import { clone, deepEqual } from "./patch.js";
import { ensurePods } from "./pods.js";
import type { KObject, ResourceType } from "./types.js";
import {
  FAIL_ANNOTATION,
  NEVER_READY_ANNOTATION,
  conditionTrue,
  daemonSetStatus,
  jobStatus,
  podStatus,
  pvcStatus,
  serviceStatus,
  replicasOf,
  statefulSetStatus,
  type Obj,
} from "./workloadStatus.js";

export { FAIL_ANNOTATION, NEVER_READY_ANNOTATION };

const SIMULATED = new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "Job",
  "Pod",
  "Service",
  "PersistentVolumeClaim",
]);

export class Simulator {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly api: Api,
    private readonly delayMs: number,
  ) {
    api.onWrite((t, obj, type) => {
      if (t.kind === "Namespace" && type === "ADDED") this.defaultServiceAccount(obj);
      this.schedule(t, obj, type);
    });
  }

  /** Every namespace gets a `default` ServiceAccount, as the real controller makes. */
  private defaultServiceAccount(ns: KObject): void {
    const saType = this.api.registry.get("", "serviceaccounts");
    const name = ns.metadata.name ?? "";
    if (
      saType === undefined ||
      this.api.store.get(resourceKey("", "serviceaccounts"), name, "default") !== undefined
    )
      return;
    this.api.create(
      saType,
      "v1",
      name,
      { metadata: { name: "default" } },
      { fieldManager: CONTROLLER },
    );
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Schedules every simulated object (after loading a state file). */
  scheduleAll(): void {
    for (const t of this.api.registry.all()) {
      if (!SIMULATED.has(t.kind) || t.custom) continue;
      for (const o of this.api.store.list(this.api.key(t))) this.schedule(t, o, "MODIFIED");
    }
  }

  private schedule(t: ResourceType, obj: KObject, type: string): void {
    if (this.closed || t.custom || !SIMULATED.has(t.kind)) return;
    const id = `${this.api.key(t)}/${objectId(obj.metadata.namespace, obj.metadata.name ?? "")}`;
    if (type === "DELETED") {
      const timer = this.timers.get(id);
      if (timer !== undefined) clearTimeout(timer);
      this.timers.delete(id);
      return;
    }
    if (this.timers.has(id)) return;
    const timer = setTimeout(() => {
      this.timers.delete(id);
      try {
        this.reconcile(t, obj.metadata.namespace, obj.metadata.name ?? "");
      } catch {
        // The object changed under us (a conflict) or went away: the write that did it reschedules.
      }
    }, this.delayMs);
    timer.unref();
    this.timers.set(id, timer);
  }

  private reconcile(t: ResourceType, ns: string | undefined, name: string): void {
    const current = this.api.store.get(this.api.key(t), ns, name);
    if (current === undefined || current.metadata.deletionTimestamp !== undefined) return;
    let desired: Obj | undefined;
    switch (t.kind) {
      case "Deployment":
        desired = deploymentStatus(this.api, current);
        break;
      case "ReplicaSet":
        ensurePods(this.api, current, replicasOf(current), false);
        desired = replicaSetStatus(this.api, current);
        break;
      case "StatefulSet":
        ensurePods(this.api, current, replicasOf(current), true);
        desired = statefulSetStatus(current);
        break;
      case "DaemonSet":
        ensurePods(this.api, current, 1, false);
        desired = daemonSetStatus(current);
        break;
      case "Job": {
        ensurePods(this.api, current, 1, false, true);
        desired = jobStatus(current);
        const was =
          conditionTrue(current.status, "Complete") || conditionTrue(current.status, "Failed");
        if (!was && conditionTrue(desired, "Complete"))
          recordEvent(this.api, current, "Completed", "Job completed", "job-controller");
        if (!was && conditionTrue(desired, "Failed")) {
          recordEvent(
            this.api,
            current,
            "BackoffLimitExceeded",
            "Job has reached the specified backoff limit",
            "job-controller",
            "Warning",
          );
        }
        break;
      }
      case "Pod":
        desired = podStatus(current);
        break;
      case "Service":
        desired = serviceStatus(current);
        break;
      case "PersistentVolumeClaim":
        desired = pvcStatus(current);
        break;
    }
    const latest = this.api.store.get(this.api.key(t), ns, name);
    if (desired === undefined || latest === undefined || deepEqual(latest.status, desired)) return;
    this.api.update(
      t,
      t.versions[0] ?? "v1",
      ns,
      name,
      { ...clone(latest), status: desired },
      {
        subresource: "status",
        fieldManager: CONTROLLER,
      },
    );
  }
}
