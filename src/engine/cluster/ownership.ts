import type { KubeObject } from "./kubeObject.js";

// Helm's ownership metadata (docs/release-storage.md#ownership-metadata), added at apply
// time and never written into the stored manifest.
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY_VALUE = "Helm";
export const RELEASE_NAME_ANNOTATION = "meta.helm.sh/release-name";
export const RELEASE_NAMESPACE_ANNOTATION = "meta.helm.sh/release-namespace";
export const RESOURCE_POLICY_ANNOTATION = "helm.sh/resource-policy";

export interface ReleaseOwner {
  name: string;
  namespace: string;
}

/** A copy of the object carrying the release's ownership label and annotations. */
export function withOwnership(object: KubeObject, owner: ReleaseOwner): KubeObject {
  return {
    ...object,
    metadata: {
      ...object.metadata,
      labels: { ...object.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
      annotations: {
        ...object.metadata.annotations,
        [RELEASE_NAME_ANNOTATION]: owner.name,
        [RELEASE_NAMESPACE_ANNOTATION]: owner.namespace,
      },
    },
  };
}

/**
 * Why an existing object may not be taken over by this release, in helm's
 * words (validate.go), or undefined when it already belongs to it. wheelhouse
 * never adopts an object silently.
 */
export function ownershipProblem(live: KubeObject, owner: ReleaseOwner): string | undefined {
  const problems: string[] = [];
  const expect = (
    kind: "label" | "annotation",
    values: Record<string, string> | undefined,
    key: string,
    want: string,
  ) => {
    const got = values?.[key];
    if (got === undefined) {
      problems.push(`${kind} validation error: missing key "${key}": must be set to "${want}"`);
    } else if (got !== want) {
      problems.push(
        `${kind} validation error: key "${key}" must equal "${want}": current value is "${got}"`,
      );
    }
  };
  expect("label", live.metadata.labels, MANAGED_BY_LABEL, MANAGED_BY_VALUE);
  expect("annotation", live.metadata.annotations, RELEASE_NAME_ANNOTATION, owner.name);
  expect("annotation", live.metadata.annotations, RELEASE_NAMESPACE_ANNOTATION, owner.namespace);
  if (problems.length === 0) return undefined;
  const where = live.metadata.namespace ? ` in namespace "${live.metadata.namespace}"` : "";
  return (
    `${live.kind} "${live.metadata.name}"${where} exists and cannot be imported into the current release: ` +
    `invalid ownership metadata; ${problems.join("; ")}`
  );
}

/** `helm.sh/resource-policy: keep` objects survive upgrades that drop them and uninstall. */
export function isKept(object: KubeObject): boolean {
  return object.metadata.annotations?.[RESOURCE_POLICY_ANNOTATION]?.trim().toLowerCase() === "keep";
}
