/** The resource registry: built-in kinds and kinds served because a CRD defines them. */
import { resourceKey } from "./identity.js";
import type { KObject, ResourceType } from "./types.js";

const ALL_VERBS = [
  "create",
  "delete",
  "deletecollection",
  "get",
  "list",
  "patch",
  "update",
  "watch",
];

interface Def {
  verbs?: string[];
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  status?: boolean;
}

const BUILT_IN: Def[] = [
  {
    group: "",
    version: "v1",
    resource: "namespaces",
    kind: "Namespace",
    namespaced: false,
    shortNames: ["ns"],
    status: true,
  },
  { group: "", version: "v1", resource: "secrets", kind: "Secret", namespaced: true },
  {
    group: "",
    version: "v1",
    resource: "configmaps",
    kind: "ConfigMap",
    namespaced: true,
    shortNames: ["cm"],
  },
  {
    group: "",
    version: "v1",
    resource: "services",
    kind: "Service",
    namespaced: true,
    shortNames: ["svc"],
    categories: ["all"],
    status: true,
  },
  {
    group: "",
    version: "v1",
    resource: "serviceaccounts",
    kind: "ServiceAccount",
    namespaced: true,
    shortNames: ["sa"],
  },
  {
    group: "",
    version: "v1",
    resource: "pods",
    kind: "Pod",
    namespaced: true,
    shortNames: ["po"],
    categories: ["all"],
    status: true,
  },
  {
    group: "",
    version: "v1",
    resource: "persistentvolumeclaims",
    kind: "PersistentVolumeClaim",
    namespaced: true,
    shortNames: ["pvc"],
    status: true,
  },
  {
    group: "",
    version: "v1",
    resource: "events",
    kind: "Event",
    namespaced: true,
    shortNames: ["ev"],
  },
  {
    group: "",
    version: "v1",
    resource: "endpoints",
    kind: "Endpoints",
    namespaced: true,
    shortNames: ["ep"],
  },
  {
    group: "apps",
    version: "v1",
    resource: "deployments",
    kind: "Deployment",
    namespaced: true,
    shortNames: ["deploy"],
    categories: ["all"],
    status: true,
  },
  {
    group: "apps",
    version: "v1",
    resource: "statefulsets",
    kind: "StatefulSet",
    namespaced: true,
    shortNames: ["sts"],
    categories: ["all"],
    status: true,
  },
  {
    group: "apps",
    version: "v1",
    resource: "daemonsets",
    kind: "DaemonSet",
    namespaced: true,
    shortNames: ["ds"],
    categories: ["all"],
    status: true,
  },
  {
    group: "apps",
    version: "v1",
    resource: "replicasets",
    kind: "ReplicaSet",
    namespaced: true,
    shortNames: ["rs"],
    categories: ["all"],
    status: true,
  },
  {
    group: "batch",
    version: "v1",
    resource: "jobs",
    kind: "Job",
    namespaced: true,
    categories: ["all"],
    status: true,
  },
  {
    group: "batch",
    version: "v1",
    resource: "cronjobs",
    kind: "CronJob",
    namespaced: true,
    shortNames: ["cj"],
    categories: ["all"],
    status: true,
  },
  {
    group: "networking.k8s.io",
    version: "v1",
    resource: "ingresses",
    kind: "Ingress",
    namespaced: true,
    shortNames: ["ing"],
    status: true,
  },
  {
    group: "networking.k8s.io",
    version: "v1",
    resource: "networkpolicies",
    kind: "NetworkPolicy",
    namespaced: true,
    shortNames: ["netpol"],
  },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    resource: "roles",
    kind: "Role",
    namespaced: true,
  },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    resource: "rolebindings",
    kind: "RoleBinding",
    namespaced: true,
  },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    resource: "clusterroles",
    kind: "ClusterRole",
    namespaced: false,
  },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    resource: "clusterrolebindings",
    kind: "ClusterRoleBinding",
    namespaced: false,
  },
  {
    group: "policy",
    version: "v1",
    resource: "poddisruptionbudgets",
    kind: "PodDisruptionBudget",
    namespaced: true,
    shortNames: ["pdb"],
    status: true,
  },
  {
    group: "autoscaling",
    version: "v2",
    resource: "horizontalpodautoscalers",
    kind: "HorizontalPodAutoscaler",
    namespaced: true,
    shortNames: ["hpa"],
    categories: ["all"],
    status: true,
  },
  {
    group: "authorization.k8s.io",
    version: "v1",
    resource: "selfsubjectaccessreviews",
    kind: "SelfSubjectAccessReview",
    namespaced: false,
    verbs: ["create"],
  },
  {
    group: "authorization.k8s.io",
    version: "v1",
    resource: "selfsubjectrulesreviews",
    kind: "SelfSubjectRulesReview",
    namespaced: false,
    verbs: ["create"],
  },
  {
    group: "authentication.k8s.io",
    version: "v1",
    resource: "selfsubjectreviews",
    kind: "SelfSubjectReview",
    namespaced: false,
    verbs: ["create"],
  },
  {
    group: "apiextensions.k8s.io",
    version: "v1",
    resource: "customresourcedefinitions",
    kind: "CustomResourceDefinition",
    namespaced: false,
    shortNames: ["crd", "crds"],
    status: true,
  },
];

/** Groups in the order discovery lists them (core first). */
const GROUP_ORDER = [
  "",
  "apps",
  "batch",
  "networking.k8s.io",
  "rbac.authorization.k8s.io",
  "policy",
  "autoscaling",
  "apiextensions.k8s.io",
];

export class Registry {
  private readonly types = new Map<string, ResourceType>();

  constructor() {
    for (const d of BUILT_IN) {
      this.types.set(resourceKey(d.group, d.resource), {
        group: d.group,
        versions: [d.version],
        resource: d.resource,
        singular: d.kind.toLowerCase(),
        kind: d.kind,
        listKind: `${d.kind}List`,
        namespaced: d.namespaced,
        shortNames: d.shortNames ?? [],
        categories: d.categories ?? [],
        verbs: d.verbs ?? ALL_VERBS,
        statusSubresource: d.status ?? false,
        custom: false,
      });
    }
  }

  all(): ResourceType[] {
    return [...this.types.values()];
  }

  get(group: string, resource: string): ResourceType | undefined {
    return this.types.get(resourceKey(group, resource));
  }

  /** The type served at group/version/resource, if that version is served. */
  lookup(group: string, version: string, resource: string): ResourceType | undefined {
    const t = this.types.get(resourceKey(group, resource));
    return t !== undefined && t.versions.includes(version) ? t : undefined;
  }

  /** Served groups with their versions, core group first, then built-ins, then CRD groups. */
  groups(): Array<{ group: string; versions: string[] }> {
    const byGroup = new Map<string, string[]>();
    const order = [...GROUP_ORDER];
    for (const t of this.types.values()) {
      if (!order.includes(t.group)) order.push(t.group);
      const vs = byGroup.get(t.group) ?? [];
      for (const v of t.versions) if (!vs.includes(v)) vs.push(v);
      byGroup.set(t.group, vs);
    }
    return order
      .filter((g) => byGroup.has(g))
      .map((g) => ({ group: g, versions: sortVersions(byGroup.get(g) ?? []) }));
  }

  typesIn(group: string, version: string): ResourceType[] {
    return this.all().filter((t) => t.group === group && t.versions.includes(version));
  }

  /** Serves (or re-serves) the kind a CustomResourceDefinition defines. */
  registerCrd(crd: KObject): ResourceType | undefined {
    const spec = crd.spec as Record<string, unknown> | undefined;
    if (spec === undefined) return undefined;
    const names = (spec.names ?? {}) as Record<string, unknown>;
    const group = String(spec.group ?? "");
    const plural = String(names.plural ?? "");
    const kind = String(names.kind ?? "");
    if (group === "" || plural === "" || kind === "") return undefined;
    const versions = ((spec.versions ?? []) as Array<Record<string, unknown>>).filter(
      (v) => v.served !== false,
    );
    const storage = versions.find((v) => v.storage === true);
    const ordered = [
      ...(storage !== undefined ? [String(storage.name)] : []),
      ...versions.filter((v) => v !== storage).map((v) => String(v.name)),
    ];
    const hasStatus = versions.some(
      (v) => (v.subresources as Record<string, unknown> | undefined)?.status !== undefined,
    );
    const type: ResourceType = {
      group,
      versions: ordered,
      resource: plural,
      singular: String(names.singular ?? kind.toLowerCase()),
      kind,
      listKind: String(names.listKind ?? `${kind}List`),
      namespaced: spec.scope !== "Cluster",
      shortNames: (names.shortNames as string[] | undefined) ?? [],
      categories: (names.categories as string[] | undefined) ?? [],
      verbs: ALL_VERBS,
      statusSubresource: hasStatus,
      custom: true,
    };
    this.types.set(resourceKey(group, plural), type);
    return type;
  }

  unregisterCrd(crd: KObject): ResourceType | undefined {
    const spec = crd.spec as Record<string, unknown> | undefined;
    const names = (spec?.names ?? {}) as Record<string, unknown>;
    const key = resourceKey(String(spec?.group ?? ""), String(names.plural ?? ""));
    const t = this.types.get(key);
    if (t?.custom === true) {
      this.types.delete(key);
      return t;
    }
    return undefined;
  }
}

/** Kubernetes version priority: GA before beta before alpha, higher numbers first. */
export function sortVersions(versions: string[]): string[] {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (m === null) return [3, 0, 0];
    const stage = m[2] === undefined ? 0 : m[2] === "beta" ? 1 : 2;
    return [stage, -Number(m[1]), -Number(m[3] ?? 0)];
  };
  return [...versions].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || a.localeCompare(b);
  });
}
