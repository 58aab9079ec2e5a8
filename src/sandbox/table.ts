/** Server-side printing: the `Table` and `PartialObjectMetadata(List)` forms kubectl asks for. */
import type { KObject, ResourceType } from "./types.js";

export type Form = "Table" | "PartialObjectMetadata" | "PartialObjectMetadataList" | "Object";

/** Which representation the Accept header asks for, the first acceptable entry winning. */
export function acceptedForm(accept: string | undefined): Form {
  for (const part of (accept ?? "").split(",")) {
    const p = part.replace(/\s+/g, "");
    if (!p.startsWith("application/json") && !p.startsWith("*/*") && !p.startsWith("application/*"))
      continue;
    if (p.includes("as=Table") && p.includes("g=meta.k8s.io")) return "Table";
    if (p.includes("as=PartialObjectMetadataList") && p.includes("g=meta.k8s.io"))
      return "PartialObjectMetadataList";
    if (p.includes("as=PartialObjectMetadata") && p.includes("g=meta.k8s.io"))
      return "PartialObjectMetadata";
    if (!p.includes("as=")) return "Object";
  }
  return "Object";
}

export function metaVersion(accept: string | undefined): string {
  return /v=v1beta1/.test(accept ?? "") && !/v=v1[;,]|v=v1$/.test(accept ?? "") ? "v1beta1" : "v1";
}

export function partial(obj: KObject, version = "v1"): Record<string, unknown> {
  return {
    kind: "PartialObjectMetadata",
    apiVersion: `meta.k8s.io/${version}`,
    metadata: obj.metadata,
  };
}

export function age(created: string | undefined, now = Date.now()): string {
  if (created === undefined) return "<unknown>";
  const s = Math.max(0, Math.floor((now - Date.parse(created)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 === 0 ? "" : `${s % 60}s`}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

interface Column {
  name: string;
  type: string;
  format?: string;
  description: string;
  cell: (o: KObject) => unknown;
}

function get(o: unknown, path: string): unknown {
  let cur = o;
  for (const p of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}
const num = (o: KObject, path: string): number => {
  const v = get(o, path);
  return typeof v === "number" ? v : 0;
};

function extraColumns(t: ResourceType): Column[] {
  switch (t.kind) {
    case "Deployment":
      return [
        {
          name: "Ready",
          type: "string",
          description: "Number of the pod with ready state",
          cell: (o) => `${num(o, "status.readyReplicas")}/${num(o, "spec.replicas")}`,
        },
        {
          name: "Up-to-date",
          type: "integer",
          description:
            "Total number of non-terminated pods targeted by this deployment that have the desired template spec.",
          cell: (o) => num(o, "status.updatedReplicas"),
        },
        {
          name: "Available",
          type: "integer",
          description:
            "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.",
          cell: (o) => num(o, "status.availableReplicas"),
        },
      ];
    case "StatefulSet":
      return [
        {
          name: "Ready",
          type: "string",
          description: "Number of the pod with ready state",
          cell: (o) => `${num(o, "status.readyReplicas")}/${num(o, "spec.replicas")}`,
        },
      ];
    case "Secret":
      return [
        {
          name: "Type",
          type: "string",
          description: "The type of the secret",
          cell: (o) => o.type ?? "",
        },
        {
          name: "Data",
          type: "string",
          description: "The number of data items",
          cell: (o) => Object.keys((o.data as object | undefined) ?? {}).length,
        },
      ];
    case "ConfigMap":
      return [
        {
          name: "Data",
          type: "string",
          description: "The number of data items",
          cell: (o) =>
            Object.keys((o.data as object | undefined) ?? {}).length +
            Object.keys((o.binaryData as object | undefined) ?? {}).length,
        },
      ];
    case "Namespace":
      return [
        {
          name: "Status",
          type: "string",
          description: "The status of the namespace",
          cell: (o) => get(o, "status.phase") ?? "",
        },
      ];
    case "Service":
      return [
        {
          name: "Type",
          type: "string",
          description: "The type of the service",
          cell: (o) => get(o, "spec.type") ?? "",
        },
        {
          name: "Cluster-IP",
          type: "string",
          description: "The cluster IP",
          cell: (o) => get(o, "spec.clusterIP") ?? "<none>",
        },
      ];
    case "Pod": {
      const statuses = (o: KObject): Array<Record<string, unknown>> => {
        const cs = get(o, "status.containerStatuses");
        return Array.isArray(cs) ? (cs as Array<Record<string, unknown>>) : [];
      };
      const containers = (o: KObject): number => {
        const c = get(o, "spec.containers");
        return Array.isArray(c) ? c.length : 0;
      };
      return [
        {
          name: "Ready",
          type: "string",
          description: "The number of ready containers",
          cell: (o) => `${statuses(o).filter((c) => c.ready === true).length}/${containers(o)}`,
        },
        {
          name: "Status",
          type: "string",
          description: "The phase of the pod",
          cell: (o) =>
            get(o, "status.phase") === "Succeeded"
              ? "Completed"
              : (get(o, "status.phase") ?? "Pending"),
        },
        {
          name: "Restarts",
          type: "string",
          description: "The number of restarts",
          cell: (o) =>
            String(
              statuses(o).reduce(
                (n, c) => n + (typeof c.restartCount === "number" ? c.restartCount : 0),
                0,
              ),
            ),
        },
      ];
    }
    case "Event":
      return [
        {
          name: "Type",
          type: "string",
          description: "Normal or Warning",
          cell: (o) => o.type ?? "",
        },
        {
          name: "Reason",
          type: "string",
          description: "Why the event happened",
          cell: (o) => o.reason ?? "",
        },
        {
          name: "Object",
          type: "string",
          description: "The object the event is about",
          cell: (o) =>
            `${String(get(o, "involvedObject.kind") ?? "").toLowerCase()}/${String(get(o, "involvedObject.name") ?? "")}`,
        },
        {
          name: "Message",
          type: "string",
          description: "What happened",
          cell: (o) => o.message ?? "",
        },
      ];
    case "ReplicaSet":
      return [
        {
          name: "Desired",
          type: "integer",
          description: "Number of desired pods",
          cell: (o) => num(o, "spec.replicas"),
        },
        {
          name: "Current",
          type: "integer",
          description: "Number of actually running pods",
          cell: (o) => num(o, "status.replicas"),
        },
        {
          name: "Ready",
          type: "integer",
          description: "Number of ready pods",
          cell: (o) => num(o, "status.readyReplicas"),
        },
      ];
    case "DaemonSet":
      return [
        {
          name: "Desired",
          type: "integer",
          description: "Desired pods",
          cell: (o) => num(o, "status.desiredNumberScheduled"),
        },
        {
          name: "Ready",
          type: "integer",
          description: "Ready pods",
          cell: (o) => num(o, "status.numberReady"),
        },
      ];
    case "Job":
      return [
        {
          name: "Status",
          type: "string",
          description: "Status of the job",
          cell: (o) =>
            num(o, "status.succeeded") > 0
              ? "Complete"
              : num(o, "status.failed") > 0
                ? "Failed"
                : "Running",
        },
      ];
    case "PersistentVolumeClaim":
      return [
        {
          name: "Status",
          type: "string",
          description: "The phase of the claim",
          cell: (o) => get(o, "status.phase") ?? "Pending",
        },
      ];
    default:
      return [];
  }
}

export function table(
  t: ResourceType,
  objects: KObject[],
  opts: {
    resourceVersion?: string;
    continueToken?: string;
    includeObject?: string;
    version?: string;
    noHeaders?: boolean;
  },
): Record<string, unknown> {
  const columns: Column[] = [
    {
      name: "Name",
      type: "string",
      format: "name",
      description: "Name must be unique within a namespace.",
      cell: (o) => o.metadata.name ?? "",
    },
    ...extraColumns(t),
    {
      name: "Age",
      type: "string",
      description:
        "CreationTimestamp is a timestamp representing the server time when this object was created.",
      cell: (o) => age(o.metadata.creationTimestamp),
    },
  ];
  const version = opts.version ?? "v1";
  const include = opts.includeObject ?? "Metadata";
  const metadata: Record<string, unknown> = {};
  if (opts.resourceVersion !== undefined) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continueToken !== undefined) metadata.continue = opts.continueToken;
  const out: Record<string, unknown> = {
    kind: "Table",
    apiVersion: `meta.k8s.io/${version}`,
    metadata,
    rows: objects.map((o) => {
      const row: Record<string, unknown> = { cells: columns.map((c) => c.cell(o)) };
      if (include === "Object") row.object = o;
      else if (include !== "None") row.object = partial(o, version);
      return row;
    }),
  };
  if (opts.noHeaders !== true) {
    out.columnDefinitions = columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? "",
      description: c.description,
      priority: 0,
    }));
  }
  return out;
}
