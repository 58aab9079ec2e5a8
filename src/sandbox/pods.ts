/** Pods for workloads, made from their pod templates as the workload controllers would. */
import type { Api } from "./api.js";
import { CONTROLLER, controlledBy, controllerRef } from "./controller.js";
import { resourceKey } from "./identity.js";
import { clone, isObject } from "./patch.js";
import { randomSuffix } from "./util.js";
import type { KObject } from "./types.js";
import { FAIL_ANNOTATION, NEVER_READY_ANNOTATION, spec, templateHash } from "./workloadStatus.js";

/** The most Pods the sandbox makes for one workload. */
const MAX_PODS = 20;
const PODS = resourceKey("", "pods");

/**
 * Keeps `count` Pods (at most MAX_PODS) owned by a workload, made from its pod template.
 * StatefulSets get ordinal names and replace Pods of an older template; Jobs never replace
 * a Pod that finished. Pods carry the workload's sandbox annotations, so they share its fate.
 */
export function ensurePods(
  api: Api,
  owner: KObject,
  count: number,
  ordinal: boolean,
  once = false,
): void {
  const podType = api.registry.get("", "pods");
  if (podType === undefined) return;
  const ns = owner.metadata.namespace;
  const ownerName = owner.metadata.name ?? "";
  const want = Math.min(Math.max(0, count), MAX_PODS);
  const s = spec(owner);
  const template = isObject(s.template) ? s.template : {};
  const tmeta = isObject(template.metadata) ? template.metadata : {};
  const revision = templateHash(template);
  const owned = controlledBy(api.store.list(PODS, ns), owner);
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
        ownerReferences: [controllerRef(owner)],
      },
      spec: { ...clone(isObject(template.spec) ? template.spec : {}), nodeName: "sandbox" },
    };
    api.create(podType, "v1", ns, pod, { fieldManager: CONTROLLER });
  };
  const remove = (p: KObject): void => {
    api.delete(podType, ns, p.metadata.name ?? "");
  };
  if (ordinal) {
    for (const p of owned) {
      const index = Number((p.metadata.name ?? "").slice(ownerName.length + 1));
      const stale = p.metadata.labels?.["controller-revision-hash"] !== `${ownerName}-${revision}`;
      if (!(index < want) || stale) remove(p);
    }
    for (let i = 0; i < want; i++) {
      if (api.store.get(PODS, ns, `${ownerName}-${i}`) === undefined) {
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
