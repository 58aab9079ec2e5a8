/**
 * Controller stand-ins: workloads report ready (or, on request, never ready / failed)
 * shortly after each change, Deployments get ReplicaSets, PVCs bind, load balancers get an IP.
 */
import { randomBytes } from "node:crypto";
import type { Api } from "./api.js";
import { randomSuffix, timestamp } from "./util.js";
import { clone, deepEqual, isObject } from "./patch.js";
import type { KObject, ResourceType } from "./types.js";

import {
  FAIL_ANNOTATION,
  NEVER_READY_ANNOTATION,
  conditionTrue,
  conditions,
  daemonSetStatus,
  flag,
  jobStatus,
  omitZero,
  podStatus,
  pvcStatus,
  serviceStatus,
  spec,
  statefulSetStatus,
  templateHash,
  type Obj,
} from "./workloadStatus.js";

export { FAIL_ANNOTATION, NEVER_READY_ANNOTATION };

/** The most Pods the sandbox makes for one workload. */
const MAX_PODS = 20;

function replicasOf(obj: KObject): number {
  const r = spec(obj).replicas;
  return typeof r === "number" ? r : 1;
}

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
const CONTROLLER = "kube-controller-manager";

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
      this.api.store.get("/serviceaccounts", name, "default") !== undefined
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
    const id = `${this.api.key(t)}/${obj.metadata.namespace ?? ""}/${obj.metadata.name ?? ""}`;
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
        desired = this.deployment(current);
        break;
      case "ReplicaSet":
        this.ensurePods(current, replicasOf(current), false);
        desired = this.replicaSet(current);
        break;
      case "StatefulSet":
        this.ensurePods(current, replicasOf(current), true);
        desired = statefulSetStatus(current);
        break;
      case "DaemonSet":
        this.ensurePods(current, 1, false);
        desired = daemonSetStatus(current);
        break;
      case "Job": {
        this.ensurePods(current, 1, false, true);
        desired = jobStatus(current);
        const was =
          conditionTrue(current.status, "Complete") || conditionTrue(current.status, "Failed");
        if (!was && conditionTrue(desired, "Complete"))
          this.event(current, "Completed", "Job completed", "job-controller");
        if (!was && conditionTrue(desired, "Failed")) {
          this.event(
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

  private deployment(dep: KObject): Obj {
    const s = spec(dep);
    const replicas = typeof s.replicas === "number" ? s.replicas : 1;
    const ns = dep.metadata.namespace;
    const hash = templateHash(s.template);
    const rsType = this.api.registry.get("apps", "replicasets");
    let rsName = `${dep.metadata.name ?? ""}-${hash}`;
    if (rsType !== undefined) {
      const owned = this.api.store
        .list(this.api.key(rsType), ns)
        .filter((rs) =>
          (rs.metadata.ownerReferences ?? []).some(
            (r) => r.uid === dep.metadata.uid && r.controller === true,
          ),
        );
      const revisions = owned.map((rs) =>
        Number(rs.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0),
      );
      let mine = owned.find((rs) => rs.metadata.labels?.["pod-template-hash"] === hash);
      let revision = Math.max(0, ...revisions) + (mine === undefined ? 1 : 0);
      if (mine === undefined) {
        const template = clone(isObject(s.template) ? s.template : {});
        const tmeta = isObject(template.metadata) ? template.metadata : {};
        tmeta.labels = {
          ...((tmeta.labels as Record<string, string> | undefined) ?? {}),
          "pod-template-hash": hash,
        };
        template.metadata = tmeta;
        const selector = clone(isObject(s.selector) ? s.selector : {});
        selector.matchLabels = {
          ...((selector.matchLabels as Record<string, string> | undefined) ?? {}),
          "pod-template-hash": hash,
        };
        const rs: KObject = {
          metadata: {
            name: rsName,
            namespace: ns,
            labels: tmeta.labels as Record<string, string>,
            annotations: {
              "deployment.kubernetes.io/desired-replicas": String(replicas),
              "deployment.kubernetes.io/revision": String(revision),
            },
            ownerReferences: [
              {
                apiVersion: "apps/v1",
                kind: "Deployment",
                name: dep.metadata.name,
                uid: dep.metadata.uid,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          spec: { replicas, selector, template },
        };
        mine = this.api.create(rsType, "v1", ns, rs, { fieldManager: CONTROLLER });
        this.event(
          dep,
          "ScalingReplicaSet",
          `Scaled up replica set ${rsName} from 0 to ${replicas}`,
          "deployment-controller",
        );
      } else {
        const own = Number(mine.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0);
        const max = Math.max(0, ...revisions);
        // Rolling back to an old template reuses its ReplicaSet under a new revision number.
        revision = own < max ? max + 1 : own;
        const was = spec(mine).replicas;
        if (was !== replicas) {
          this.event(
            dep,
            "ScalingReplicaSet",
            `Scaled ${typeof was === "number" && was > replicas ? "down" : "up"} replica set ${mine.metadata.name ?? ""} from ${String(was)} to ${replicas}`,
            "deployment-controller",
          );
        }
        if (was !== replicas || own !== revision) {
          const next = clone(mine);
          next.metadata.annotations = {
            ...(next.metadata.annotations ?? {}),
            "deployment.kubernetes.io/revision": String(revision),
          };
          next.spec = { ...spec(mine), replicas };
          this.api.update(rsType, "v1", ns, mine.metadata.name ?? "", next, {
            fieldManager: CONTROLLER,
          });
        }
      }
      rsName = mine.metadata.name ?? rsName;
      for (const old of owned) {
        if (old.metadata.name === rsName || spec(old).replicas === 0) continue;
        this.event(
          dep,
          "ScalingReplicaSet",
          `Scaled down replica set ${old.metadata.name ?? ""} from ${String(spec(old).replicas)} to 0`,
          "deployment-controller",
        );
        const next = clone(old);
        next.spec = { ...spec(old), replicas: 0 };
        this.api.update(rsType, "v1", ns, old.metadata.name ?? "", next, {
          fieldManager: CONTROLLER,
        });
      }
      const depType = this.api.registry.get("apps", "deployments");
      const latest = this.api.store.get("apps/deployments", ns, dep.metadata.name ?? "");
      if (
        depType !== undefined &&
        latest !== undefined &&
        latest.metadata.annotations?.["deployment.kubernetes.io/revision"] !== String(revision)
      ) {
        const next = clone(latest);
        next.metadata.annotations = {
          ...(next.metadata.annotations ?? {}),
          "deployment.kubernetes.io/revision": String(revision),
        };
        this.api.update(depType, "v1", ns, latest.metadata.name ?? "", next, {
          fieldManager: CONTROLLER,
        });
      }
    }
    const gen =
      this.api.store.get("apps/deployments", ns, dep.metadata.name ?? "")?.metadata.generation ??
      dep.metadata.generation;
    const old = isObject(dep.status) ? dep.status.conditions : undefined;
    if (flag(dep, NEVER_READY_ANNOTATION)) {
      return {
        observedGeneration: gen,
        ...omitZero({ replicas, updatedReplicas: replicas, unavailableReplicas: replicas }),
        conditions: conditions(
          old,
          [
            {
              type: "Available",
              status: "False",
              reason: "MinimumReplicasUnavailable",
              message: "Deployment does not have minimum availability.",
            },
            {
              type: "Progressing",
              status: "True",
              reason: "ReplicaSetUpdated",
              message: `ReplicaSet "${rsName}" is progressing.`,
            },
          ],
          true,
        ),
      };
    }
    return {
      observedGeneration: gen,
      ...omitZero({
        replicas,
        updatedReplicas: replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
      }),
      conditions: conditions(
        old,
        [
          {
            type: "Available",
            status: "True",
            reason: "MinimumReplicasAvailable",
            message: "Deployment has minimum availability.",
          },
          {
            type: "Progressing",
            status: "True",
            reason: "NewReplicaSetAvailable",
            message: `ReplicaSet "${rsName}" has successfully progressed.`,
          },
        ],
        true,
      ),
    };
  }

  /**
   * Keeps `count` Pods (at most MAX_PODS) owned by a workload, made from its pod template.
   * StatefulSets get ordinal names and replace Pods of an older template; Jobs never replace
   * a Pod that finished. Pods carry the workload's sandbox annotations, so they share its fate.
   */
  private ensurePods(owner: KObject, count: number, ordinal: boolean, once = false): void {
    const podType = this.api.registry.get("", "pods");
    if (podType === undefined) return;
    const ns = owner.metadata.namespace;
    const ownerName = owner.metadata.name ?? "";
    const want = Math.min(Math.max(0, count), MAX_PODS);
    const s = spec(owner);
    const template = isObject(s.template) ? s.template : {};
    const tmeta = isObject(template.metadata) ? template.metadata : {};
    const revision = templateHash(template);
    const owned = this.api.store
      .list("/pods", ns)
      .filter((p) =>
        (p.metadata.ownerReferences ?? []).some(
          (r) => r.uid === owner.metadata.uid && r.controller === true,
        ),
      );
    if (once && owned.length > 0) return;
    const extraLabels: Record<string, string> = {};
    if (owner.kind === "StatefulSet" || ordinal)
      extraLabels["controller-revision-hash"] = `${ownerName}-${revision}`;
    if (owner.kind === "Job") {
      extraLabels["batch.kubernetes.io/job-name"] = ownerName;
      extraLabels["job-name"] = ownerName;
      extraLabels["batch.kubernetes.io/controller-uid"] = owner.metadata.uid ?? "";
    }
    const make = (name: string, extra: Record<string, string>): void => {
      const annotations: Record<string, string> = {
        ...((tmeta.annotations as Record<string, string> | undefined) ?? {}),
      };
      for (const a of [NEVER_READY_ANNOTATION, FAIL_ANNOTATION]) {
        const v = owner.metadata.annotations?.[a];
        if (v !== undefined) annotations[a] = v;
      }
      const pod: KObject = {
        metadata: {
          name,
          namespace: ns,
          labels: {
            ...((tmeta.labels as Record<string, string> | undefined) ?? {}),
            ...extraLabels,
            ...extra,
          },
          ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
          ownerReferences: [
            {
              apiVersion: owner.apiVersion,
              kind: owner.kind,
              name: ownerName,
              uid: owner.metadata.uid,
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: { ...clone(isObject(template.spec) ? template.spec : {}), nodeName: "sandbox" },
      };
      this.api.create(podType, "v1", ns, pod, { fieldManager: CONTROLLER });
    };
    const remove = (p: KObject): void => {
      this.api.delete(podType, ns, p.metadata.name ?? "");
    };
    if (ordinal) {
      for (const p of owned) {
        const index = Number((p.metadata.name ?? "").slice(ownerName.length + 1));
        const stale =
          p.metadata.labels?.["controller-revision-hash"] !== `${ownerName}-${revision}`;
        if (!(index < want) || stale) remove(p);
      }
      for (let i = 0; i < want; i++) {
        if (this.api.store.get("/pods", ns, `${ownerName}-${i}`) === undefined) {
          make(`${ownerName}-${i}`, {
            "apps.kubernetes.io/pod-index": String(i),
            "statefulset.kubernetes.io/pod-name": `${ownerName}-${i}`,
          });
        }
      }
      return;
    }
    for (const p of owned.slice(want)) remove(p);
    const base = ownerName.length > 57 ? ownerName.slice(0, 57) : ownerName;
    for (let i = owned.length; i < want; i++) make(`${base}-${randomSuffix()}`, {});
  }

  /** Records a core/v1 Event about an object, as a controller would. */
  private event(
    about: KObject,
    reason: string,
    message: string,
    component: string,
    type = "Normal",
  ): void {
    const evType = this.api.registry.get("", "events");
    if (evType === undefined) return;
    const now = timestamp();
    const name = `${about.metadata.name ?? ""}.${randomBytes(8).toString("hex")}`;
    this.api.create(
      evType,
      "v1",
      about.metadata.namespace,
      {
        metadata: { name, namespace: about.metadata.namespace },
        involvedObject: {
          apiVersion: about.apiVersion,
          kind: about.kind,
          name: about.metadata.name,
          namespace: about.metadata.namespace,
          uid: about.metadata.uid,
          resourceVersion: about.metadata.resourceVersion,
        },
        reason,
        message,
        source: { component },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: component,
        reportingInstance: "",
      },
      { fieldManager: CONTROLLER },
    );
  }

  private replicaSet(rs: KObject): Obj {
    const s = spec(rs);
    const replicas = typeof s.replicas === "number" ? s.replicas : 1;
    const ownerRef = (rs.metadata.ownerReferences ?? []).find((r) => r.kind === "Deployment");
    const owner =
      ownerRef === undefined
        ? undefined
        : this.api.store.get("apps/deployments", rs.metadata.namespace, String(ownerRef.name));
    const ready = !flag(rs, NEVER_READY_ANNOTATION) && !flag(owner, NEVER_READY_ANNOTATION);
    return {
      replicas,
      ...omitZero({
        fullyLabeledReplicas: replicas,
        readyReplicas: ready ? replicas : 0,
        availableReplicas: ready ? replicas : 0,
      }),
      observedGeneration: rs.metadata.generation,
    };
  }
}
