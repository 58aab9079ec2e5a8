/**
 * The deployment controller's stand-in: a ReplicaSet per pod template (numbered revisions, old
 * ones scaled to 0, rollbacks reusing theirs), and the Deployment's and ReplicaSets' status.
 */
import type { Api } from "./api.js";
import { CONTROLLER, controlledBy, controllerRef, recordEvent } from "./controller.js";
import { resourceKey } from "./identity.js";
import { clone, isObject } from "./patch.js";
import type { KObject } from "./types.js";
import {
  NEVER_READY_ANNOTATION,
  conditions,
  flag,
  omitZero,
  replicasOf,
  spec,
  templateHash,
  type Obj,
} from "./workloadStatus.js";

const REVISION = "deployment.kubernetes.io/revision";
const DEPLOYMENTS = resourceKey("apps", "deployments");

/**
 * Makes or updates the ReplicaSet for the Deployment's current template (and scales the others
 * to 0); returns its name.
 */
function rollOut(api: Api, dep: KObject, replicas: number, hash: string): string {
  const s = spec(dep);
  const ns = dep.metadata.namespace;
  const rsType = api.registry.get("apps", "replicasets");
  let rsName = `${dep.metadata.name ?? ""}-${hash}`;
  if (rsType !== undefined) {
    const owned = controlledBy(api.store.list(api.key(rsType), ns), dep);
    const revisions = owned.map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0));
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
            [REVISION]: String(revision),
          },
          ownerReferences: [controllerRef(dep)],
        },
        spec: { replicas, selector, template },
      };
      mine = api.create(rsType, "v1", ns, rs, { fieldManager: CONTROLLER });
      recordEvent(
        api,
        dep,
        "ScalingReplicaSet",
        `Scaled up replica set ${rsName} from 0 to ${replicas}`,
        "deployment-controller",
      );
    } else {
      const own = Number(mine.metadata.annotations?.[REVISION] ?? 0);
      const max = Math.max(0, ...revisions);
      // Rolling back to an old template reuses its ReplicaSet under a new revision number.
      revision = own < max ? max + 1 : own;
      const was = spec(mine).replicas;
      if (was !== replicas) {
        recordEvent(
          api,
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
          [REVISION]: String(revision),
        };
        next.spec = { ...spec(mine), replicas };
        api.update(rsType, "v1", ns, mine.metadata.name ?? "", next, {
          fieldManager: CONTROLLER,
        });
      }
    }
    rsName = mine.metadata.name ?? rsName;
    for (const old of owned) {
      if (old.metadata.name === rsName || spec(old).replicas === 0) continue;
      recordEvent(
        api,
        dep,
        "ScalingReplicaSet",
        `Scaled down replica set ${old.metadata.name ?? ""} from ${String(spec(old).replicas)} to 0`,
        "deployment-controller",
      );
      const next = clone(old);
      next.spec = { ...spec(old), replicas: 0 };
      api.update(rsType, "v1", ns, old.metadata.name ?? "", next, {
        fieldManager: CONTROLLER,
      });
    }
    const depType = api.registry.get("apps", "deployments");
    const latest = api.store.get(DEPLOYMENTS, ns, dep.metadata.name ?? "");
    if (
      depType !== undefined &&
      latest !== undefined &&
      latest.metadata.annotations?.[REVISION] !== String(revision)
    ) {
      const next = clone(latest);
      next.metadata.annotations = {
        ...(next.metadata.annotations ?? {}),
        [REVISION]: String(revision),
      };
      api.update(depType, "v1", ns, latest.metadata.name ?? "", next, {
        fieldManager: CONTROLLER,
      });
    }
  }
  return rsName;
}

export function deploymentStatus(api: Api, dep: KObject): Obj {
  const replicas = replicasOf(dep);
  const ns = dep.metadata.namespace;
  const rsName = rollOut(api, dep, replicas, templateHash(spec(dep).template));
  const gen =
    api.store.get(DEPLOYMENTS, ns, dep.metadata.name ?? "")?.metadata.generation ??
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

export function replicaSetStatus(api: Api, rs: KObject): Obj {
  const replicas = replicasOf(rs);
  const ownerRef = (rs.metadata.ownerReferences ?? []).find((r) => r.kind === "Deployment");
  const owner =
    ownerRef === undefined
      ? undefined
      : api.store.get(DEPLOYMENTS, rs.metadata.namespace, String(ownerRef.name));
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
