import type { KubeObject } from "./kubeObject.js";

export type ReadinessState = "ready" | "progressing" | "failed" | "missing";

/** Whether a live object is ready, in the terms `--wait` and the status view use. */
export interface Readiness {
  state: ReadinessState;
  /** A short human summary, e.g. "2/3 replicas available". */
  message: string;
}

type Status = Record<string, unknown>;

/**
 * Readiness as helm's legacy waiter and `kubectl rollout status` judge it:
 * workloads must have observed their latest spec and have every replica
 * updated and available; Jobs must complete; Pods run and be Ready or
 * succeed; claims be Bound. Other kinds are ready once they exist.
 */
export function assessReadiness(object: KubeObject | undefined): Readiness {
  if (!object) return { state: "missing", message: "not found in the cluster" };
  const spec = (object.spec ?? {}) as Status;
  const status = (object.status ?? {}) as Status;
  switch (object.kind) {
    case "Deployment":
    case "ReplicaSet":
    case "StatefulSet":
      return replicated(object, spec, status);
    case "DaemonSet":
      return daemonSet(object, status);
    case "Job":
      return job(status);
    case "Pod":
      return pod(status);
    case "PersistentVolumeClaim":
      return status.phase === "Bound"
        ? { state: "ready", message: "Bound" }
        : { state: "progressing", message: `${String(status.phase ?? "Pending")}` };
    case "Service":
      return service(spec, status);
    default:
      return { state: "ready", message: "exists" };
  }
}

function observedLatest(object: KubeObject, status: Status): boolean {
  const generation = object.metadata.generation;
  const observed = status.observedGeneration;
  return generation === undefined || (typeof observed === "number" && observed >= generation);
}

function replicated(object: KubeObject, spec: Status, status: Status): Readiness {
  const want = typeof spec.replicas === "number" ? spec.replicas : 1;
  const updated = num(
    status.updatedReplicas,
    object.kind === "ReplicaSet" ? num(status.replicas) : 0,
  );
  const ready = num(object.kind === "Deployment" ? status.availableReplicas : status.readyReplicas);
  const total = num(status.replicas);
  if (object.kind === "Deployment" && hasCondition(status, "Progressing", "False")) {
    return {
      state: "failed",
      message: conditionMessage(status, "Progressing") ?? "progress deadline exceeded",
    };
  }
  if (!observedLatest(object, status)) {
    return { state: "progressing", message: "waiting for the controller to observe the new spec" };
  }
  if (updated < want)
    return { state: "progressing", message: `${updated}/${want} replicas updated` };
  if (total > updated)
    return { state: "progressing", message: `${total - updated} old replicas pending termination` };
  if (ready < want) {
    const word = object.kind === "Deployment" ? "available" : "ready";
    return { state: "progressing", message: `${ready}/${want} replicas ${word}` };
  }
  return { state: "ready", message: `${ready}/${want} replicas ready` };
}

function daemonSet(object: KubeObject, status: Status): Readiness {
  const want = num(status.desiredNumberScheduled);
  const updated = num(status.updatedNumberScheduled);
  const ready = num(status.numberReady);
  if (!observedLatest(object, status)) {
    return { state: "progressing", message: "waiting for the controller to observe the new spec" };
  }
  if (updated < want) return { state: "progressing", message: `${updated}/${want} pods updated` };
  if (ready < want) return { state: "progressing", message: `${ready}/${want} pods ready` };
  return { state: "ready", message: `${ready}/${want} pods ready` };
}

function job(status: Status): Readiness {
  if (hasCondition(status, "Complete", "True")) return { state: "ready", message: "Complete" };
  if (hasCondition(status, "Failed", "True")) {
    return { state: "failed", message: conditionMessage(status, "Failed") ?? "Job failed" };
  }
  return {
    state: "progressing",
    message: `${num(status.active)} active, ${num(status.succeeded)} succeeded`,
  };
}

function pod(status: Status): Readiness {
  if (status.phase === "Succeeded") return { state: "ready", message: "Succeeded" };
  if (status.phase === "Failed") return { state: "failed", message: "Failed" };
  if (status.phase === "Running" && hasCondition(status, "Ready", "True")) {
    return { state: "ready", message: "Running" };
  }
  return { state: "progressing", message: String(status.phase ?? "Pending") };
}

function service(spec: Status, status: Status): Readiness {
  if (spec.type !== "LoadBalancer")
    return { state: "ready", message: String(spec.type ?? "ClusterIP") };
  const ingress = (status.loadBalancer as Status | undefined)?.ingress;
  return Array.isArray(ingress) && ingress.length > 0
    ? { state: "ready", message: "LoadBalancer ready" }
    : { state: "progressing", message: "waiting for a load balancer address" };
}

function num(value: unknown, fallback = 0): number {
  return typeof value === "number" ? value : fallback;
}

function conditions(status: Status): Status[] {
  return Array.isArray(status.conditions) ? (status.conditions as Status[]) : [];
}

function hasCondition(status: Status, type: string, value: string): boolean {
  return conditions(status).some((c) => c.type === type && c.status === value);
}

function conditionMessage(status: Status, type: string): string | undefined {
  const c = conditions(status).find((x) => x.type === type);
  return typeof c?.message === "string" ? c.message : undefined;
}
