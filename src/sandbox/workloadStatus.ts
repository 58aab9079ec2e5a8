/**
 * What the sandbox's controller stand-ins write into objects' status: the
 * status each workload kind reports once reconciled (ready, or never ready or
 * failed on request), with conditions that keep their transition times.
 */
import { createHash } from "node:crypto";
import { timestamp } from "./util.js";
import { isObject } from "./patch.js";
import type { KObject } from "./types.js";

/** Keeps a workload (or PVC, Pod, LoadBalancer Service, Job) from ever becoming ready. */
export const NEVER_READY_ANNOTATION = "sandbox.wheelhouse.dev/never-ready";
/** Makes a Job (or a run-to-completion Pod) fail. */
export const FAIL_ANNOTATION = "sandbox.wheelhouse.dev/fail";

const HASH_CHARS = "bcdfghjklmnpqrstvwxz2456789";

export type Obj = Record<string, unknown>;
interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: null;
}

/**
 * JSON with object keys sorted and empty values (null, {}, []) left out, so templates that the
 * real server would decode to the same thing hash equally whatever their key order or empties.
 */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => [k, canonicalJson(v[k])] as const)
      .filter(([, j]) => j !== "null" && j !== "{}" && j !== "[]")
      .map(([k, j]) => `${JSON.stringify(k)}:${j}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

export function templateHash(template: unknown): string {
  const digest = createHash("sha256")
    .update(canonicalJson(template ?? {}))
    .digest();
  let out = "";
  for (let k = 0; k < 10; k++) out += HASH_CHARS[(digest[k] ?? 0) % HASH_CHARS.length];
  return out;
}

export function conditionTrue(status: unknown, type: string): boolean {
  const conds = isObject(status) && Array.isArray(status.conditions) ? status.conditions : [];
  return conds.some((c) => isObject(c) && c.type === type && c.status === "True");
}

/** An annotation on the object itself or on its pod template (where charts' podAnnotations go). */
export function flag(obj: KObject | undefined, annotation: string): boolean {
  if (obj === undefined) return false;
  if (obj.metadata.annotations?.[annotation] === "true") return true;
  const template =
    isObject(obj.spec) && isObject(obj.spec.template) ? obj.spec.template : undefined;
  const meta =
    template !== undefined && isObject(template.metadata) ? template.metadata : undefined;
  const annotations =
    meta !== undefined && isObject(meta.annotations) ? meta.annotations : undefined;
  return annotations?.[annotation] === "true";
}

export function spec(obj: KObject): Obj {
  return isObject(obj.spec) ? obj.spec : {};
}

/** spec.replicas, 1 when unset (the API server's default). */
export function replicasOf(obj: KObject): number {
  const r = spec(obj).replicas;
  return typeof r === "number" ? r : 1;
}

export function omitZero(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0 && v !== undefined));
}

export function conditions(
  existing: unknown,
  wanted: Condition[],
  updateTime: boolean,
): Condition[] {
  const old = Array.isArray(existing) ? (existing as Condition[]) : [];
  const now = timestamp();
  return wanted.map((c) => {
    const prev = old.find((o) => o.type === c.type);
    const same = prev !== undefined && prev.status === c.status && prev.reason === c.reason;
    const out: Condition = { ...c };
    if (updateTime) out.lastUpdateTime = same ? (prev.lastUpdateTime ?? now) : now;
    out.lastTransitionTime = same ? (prev.lastTransitionTime ?? now) : now;
    return out;
  });
}

export function statefulSetStatus(sts: KObject): Obj {
  const s = spec(sts);
  const replicas = replicasOf(sts);
  const revision = `${sts.metadata.name ?? ""}-${templateHash(s.template)}`;
  const ready = !flag(sts, NEVER_READY_ANNOTATION);
  return {
    observedGeneration: sts.metadata.generation,
    replicas,
    ...omitZero({
      readyReplicas: ready ? replicas : 0,
      currentReplicas: replicas,
      updatedReplicas: replicas,
      availableReplicas: ready ? replicas : 0,
    }),
    currentRevision: revision,
    updateRevision: revision,
    collisionCount: 0,
  };
}

export function daemonSetStatus(ds: KObject): Obj {
  const ready = !flag(ds, NEVER_READY_ANNOTATION);
  return {
    observedGeneration: ds.metadata.generation,
    currentNumberScheduled: 1,
    desiredNumberScheduled: 1,
    numberMisscheduled: 0,
    updatedNumberScheduled: 1,
    numberReady: ready ? 1 : 0,
    ...(ready ? { numberAvailable: 1 } : { numberUnavailable: 1 }),
  };
}

export function jobStatus(j: KObject): Obj {
  const s = spec(j);
  const old = isObject(j.status) ? j.status : {};
  const startTime = typeof old.startTime === "string" ? old.startTime : timestamp();
  if (flag(j, NEVER_READY_ANNOTATION)) {
    return { startTime, active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} };
  }
  const completionTime = typeof old.completionTime === "string" ? old.completionTime : timestamp();
  if (flag(j, FAIL_ANNOTATION)) {
    const backoff = typeof s.backoffLimit === "number" ? s.backoffLimit : 6;
    return {
      startTime,
      failed: backoff + 1,
      ready: 0,
      terminating: 0,
      uncountedTerminatedPods: {},
      conditions: conditions(
        old.conditions,
        [
          {
            type: "FailureTarget",
            status: "True",
            reason: "BackoffLimitExceeded",
            message: "Job has reached the specified backoff limit",
            lastProbeTime: null,
          },
          {
            type: "Failed",
            status: "True",
            reason: "BackoffLimitExceeded",
            message: "Job has reached the specified backoff limit",
            lastProbeTime: null,
          },
        ],
        false,
      ),
    };
  }
  const completions = typeof s.completions === "number" ? s.completions : 1;
  return {
    startTime,
    completionTime,
    succeeded: completions,
    ready: 0,
    terminating: 0,
    uncountedTerminatedPods: {},
    conditions: conditions(
      old.conditions,
      [
        {
          type: "SuccessCriteriaMet",
          status: "True",
          reason: "CompletionsReached",
          message: "Reached expected number of succeeded pods",
          lastProbeTime: null,
        },
        {
          type: "Complete",
          status: "True",
          reason: "CompletionsReached",
          message: "Reached expected number of succeeded pods",
          lastProbeTime: null,
        },
      ],
      false,
    ),
  };
}

export function podStatus(p: KObject): Obj {
  const s = spec(p);
  const old = isObject(p.status) ? p.status : {};
  const startTime = typeof old.startTime === "string" ? old.startTime : timestamp();
  const containers = Array.isArray(s.containers) ? (s.containers as Obj[]) : [];
  if (flag(p, NEVER_READY_ANNOTATION)) {
    return {
      phase: "Pending",
      conditions: conditions(old.conditions, [{ type: "PodScheduled", status: "True" }], false),
      qosClass: "BestEffort",
      startTime,
    };
  }
  const runsToCompletion = s.restartPolicy === "Never" || s.restartPolicy === "OnFailure";
  const failed = flag(p, FAIL_ANNOTATION);
  const finished = runsToCompletion || failed;
  const phase = failed ? "Failed" : runsToCompletion ? "Succeeded" : "Running";
  const ready = phase === "Running" ? "True" : "False";
  const state = finished
    ? {
        terminated: {
          exitCode: failed ? 1 : 0,
          reason: failed ? "Error" : "Completed",
          startedAt: startTime,
          finishedAt: startTime,
        },
      }
    : { running: { startedAt: startTime } };
  return {
    phase,
    conditions: conditions(
      old.conditions,
      [
        { type: "Initialized", status: "True" },
        { type: "Ready", status: ready, ...(finished ? { reason: "PodCompleted" } : {}) },
        { type: "ContainersReady", status: ready, ...(finished ? { reason: "PodCompleted" } : {}) },
        { type: "PodScheduled", status: "True" },
      ],
      false,
    ),
    hostIP: "10.0.0.1",
    podIP: "10.244.0.10",
    podIPs: [{ ip: "10.244.0.10" }],
    startTime,
    qosClass: "BestEffort",
    containerStatuses: containers.map((c) => ({
      name: c.name,
      image: c.image,
      imageID: "",
      ready: ready === "True",
      restartCount: 0,
      started: !finished,
      state,
    })),
  };
}

export function serviceStatus(svc: KObject): Obj {
  if (spec(svc).type !== "LoadBalancer" || flag(svc, NEVER_READY_ANNOTATION)) {
    return { loadBalancer: {} };
  }
  return { loadBalancer: { ingress: [{ ip: "127.0.0.1", ipMode: "VIP" }] } };
}

export function pvcStatus(claim: KObject): Obj {
  const s = spec(claim);
  if (flag(claim, NEVER_READY_ANNOTATION)) return { phase: "Pending" };
  const resources = isObject(s.resources) ? s.resources : {};
  const requests = isObject(resources.requests) ? resources.requests : {};
  return {
    phase: "Bound",
    accessModes: s.accessModes ?? ["ReadWriteOnce"],
    capacity: { storage: requests.storage ?? "1Gi" },
  };
}
