/** The defaults the real server fills in, and values it allocates. */
import { resourceKey } from "./identity.js";
import { timestamp } from "./util.js";
import { StatusError } from "./errors.js";
import { clone, isObject, setOwn } from "./patch.js";
import type { Store } from "./store.js";
import type { KObject, ResourceType } from "./types.js";

/** The first free cluster IP in 10.96.0.0/16 (10.96.0.1 is the API server's). */
function allocateClusterIp(store: Store): string {
  const used = new Set<unknown>();
  for (const svc of store.list(resourceKey("", "services"))) {
    if (isObject(svc.spec)) used.add(svc.spec.clusterIP);
  }
  for (let n = 2; n < 65_000; n++) {
    const ip = `10.96.${Math.floor(n / 256)}.${n % 256}`;
    if (n % 256 !== 0 && n % 256 !== 255 && !used.has(ip)) return ip;
  }
  throw new StatusError(500, "InternalError", "Internal error occurred: no cluster IPs left");
}

/** Values the server allocated (a Service's cluster IPs) survive an update that leaves them out. */
export function preserveAllocated(t: ResourceType, current: KObject, next: KObject): void {
  if (t.kind !== "Service" || !isObject(current.spec)) return;
  const spec = isObject(next.spec) ? next.spec : {};
  for (const f of ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"]) {
    if ((spec[f] === undefined || spec[f] === "") && current.spec[f] !== undefined) {
      spec[f] = clone(current.spec[f]);
    }
  }
  next.spec = spec;
}

/** Pod spec defaults (as in a pod template), so objects read back the way a real server shows them. */
function defaultPodSpec(spec: unknown): void {
  if (!isObject(spec)) return;
  spec.restartPolicy ??= "Always";
  spec.dnsPolicy ??= "ClusterFirst";
  spec.schedulerName ??= "default-scheduler";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
  for (const list of ["initContainers", "containers"]) {
    const containers = spec[list];
    if (!Array.isArray(containers)) continue;
    for (const c of containers) {
      if (!isObject(c)) continue;
      const image = typeof c.image === "string" ? c.image : "";
      c.imagePullPolicy ??=
        image.endsWith(":latest") || !/:[^/]+$/.test(image) ? "Always" : "IfNotPresent";
      c.terminationMessagePath ??= "/dev/termination-log";
      c.terminationMessagePolicy ??= "File";
      if (Array.isArray(c.ports)) for (const p of c.ports) if (isObject(p)) p.protocol ??= "TCP";
    }
  }
}

function defaultTemplate(spec: Record<string, unknown>): void {
  const template = spec.template;
  if (isObject(template)) defaultPodSpec(template.spec);
}

/** The defaults the real server's registry strategies fill in. */
export function applyDefaults(t: ResourceType, obj: KObject, store: Store): void {
  const spec = isObject(obj.spec) ? obj.spec : undefined;
  switch (t.kind) {
    case "Namespace":
      obj.metadata.labels = {
        ...(obj.metadata.labels ?? {}),
        "kubernetes.io/metadata.name": obj.metadata.name ?? "",
      };
      obj.spec = { finalizers: ["kubernetes"], ...(spec ?? {}) };
      obj.status = isObject(obj.status) ? obj.status : { phase: "Active" };
      break;
    case "Secret":
      if (isObject(obj.stringData)) {
        const data = isObject(obj.data) ? obj.data : {};
        for (const [k, v] of Object.entries(obj.stringData))
          setOwn(data, k, Buffer.from(String(v)).toString("base64"));
        obj.data = data;
        delete obj.stringData;
      }
      if (obj.type === undefined || obj.type === "") obj.type = "Opaque";
      break;
    case "Service": {
      const s = spec ?? {};
      if (s.type === undefined) s.type = "ClusterIP";
      if (s.sessionAffinity === undefined) s.sessionAffinity = "None";
      if (s.type !== "ExternalName" && (s.clusterIP === undefined || s.clusterIP === "")) {
        s.clusterIP = allocateClusterIp(store);
      }
      if (s.clusterIP !== undefined && s.clusterIPs === undefined) s.clusterIPs = [s.clusterIP];
      if (s.type !== "ExternalName") {
        if (s.ipFamilies === undefined) s.ipFamilies = ["IPv4"];
        if (s.ipFamilyPolicy === undefined) s.ipFamilyPolicy = "SingleStack";
        if (s.internalTrafficPolicy === undefined) s.internalTrafficPolicy = "Cluster";
      }
      if (Array.isArray(s.ports)) {
        for (const p of s.ports) {
          if (!isObject(p)) continue;
          if (p.protocol === undefined) p.protocol = "TCP";
          if (p.targetPort === undefined) p.targetPort = p.port;
        }
      }
      obj.spec = s;
      if (obj.status === undefined) obj.status = { loadBalancer: {} };
      break;
    }
    case "Deployment": {
      const s = spec ?? {};
      defaultTemplate(s);
      if (s.replicas === undefined) s.replicas = 1;
      if (s.strategy === undefined)
        s.strategy = {
          type: "RollingUpdate",
          rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" },
        };
      if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
      if (s.progressDeadlineSeconds === undefined) s.progressDeadlineSeconds = 600;
      obj.spec = s;
      break;
    }
    case "StatefulSet": {
      const s = spec ?? {};
      defaultTemplate(s);
      if (s.replicas === undefined) s.replicas = 1;
      if (s.updateStrategy === undefined)
        s.updateStrategy = { type: "RollingUpdate", rollingUpdate: { partition: 0 } };
      if (s.podManagementPolicy === undefined) s.podManagementPolicy = "OrderedReady";
      if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
      obj.spec = s;
      break;
    }
    case "DaemonSet": {
      const s = spec ?? {};
      defaultTemplate(s);
      if (s.updateStrategy === undefined)
        s.updateStrategy = {
          type: "RollingUpdate",
          rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
        };
      if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
      obj.spec = s;
      break;
    }
    case "ReplicaSet": {
      const s = spec ?? {};
      defaultTemplate(s);
      if (s.replicas === undefined) s.replicas = 1;
      obj.spec = s;
      break;
    }
    case "Job": {
      const s = spec ?? {};
      defaultTemplate(s);
      if (s.completions === undefined) s.completions = 1;
      if (s.parallelism === undefined) s.parallelism = 1;
      if (s.backoffLimit === undefined) s.backoffLimit = 6;
      obj.spec = s;
      break;
    }
    case "CustomResourceDefinition": {
      if (
        obj.status === undefined ||
        !isObject(obj.status) ||
        !Array.isArray(obj.status.conditions)
      ) {
        const versions = Array.isArray(spec?.versions)
          ? (spec.versions as Array<Record<string, unknown>>)
          : [];
        const storage = versions.find((v) => v.storage === true) ?? versions[0];
        const now = timestamp();
        obj.status = {
          conditions: [
            {
              type: "NamesAccepted",
              status: "True",
              lastTransitionTime: now,
              reason: "NoConflicts",
              message: "no conflicts found",
            },
            {
              type: "Established",
              status: "True",
              lastTransitionTime: now,
              reason: "InitialNamesAccepted",
              message: "the initial names have been accepted",
            },
          ],
          acceptedNames: clone(spec?.names ?? {}),
          storedVersions: storage === undefined ? [] : [String(storage.name)],
        };
      }
      break;
    }
    default:
      break;
  }
}
