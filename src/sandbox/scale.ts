/** The autoscaling/v1 Scale subresource of Deployments, StatefulSets and ReplicaSets. */
import { invalid } from "./errors.js";
import { isObject } from "./patch.js";
import type { KObject } from "./types.js";

export const SCALABLE = new Set(["Deployment", "StatefulSet", "ReplicaSet"]);

/** The Scale of a workload: its spec.replicas, status.replicas and selector. */
export function scaleOf(obj: KObject): KObject {
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

/** The resourceVersion a written Scale expects (when it names one). */
export function scaleResourceVersion(scale: unknown): string | undefined {
  const meta = isObject(scale) && isObject(scale.metadata) ? scale.metadata : {};
  return typeof meta.resourceVersion === "string" && meta.resourceVersion !== ""
    ? meta.resourceVersion
    : undefined;
}

/** The replica count a written Scale asks for: a whole number, not negative. */
export function scaleReplicas(name: string, scale: unknown): number {
  const replicas = isObject(scale) && isObject(scale.spec) ? scale.spec.replicas : undefined;
  if (typeof replicas !== "number" || replicas < 0 || !Number.isInteger(replicas)) {
    throw invalid("Scale", "autoscaling", name, [
      {
        field: "spec.replicas",
        reason: "FieldValueInvalid",
        message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
      },
    ]);
  }
  return replicas;
}
