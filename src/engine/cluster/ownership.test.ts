import { describe, expect, it } from "vitest";
import type { KubeObject } from "./kubeObject.js";
import { isKept, ownershipProblem, withOwnership } from "./ownership.js";

const owner = { name: "demo", namespace: "prod" };
const cm = (metadata: Partial<KubeObject["metadata"]> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "settings", namespace: "prod", ...metadata },
});

describe("ownership metadata", () => {
  it("adds helm's label and annotations without touching the others", () => {
    const owned = withOwnership(cm({ labels: { app: "x" } }), owner);
    expect(owned.metadata.labels).toEqual({ app: "x", "app.kubernetes.io/managed-by": "Helm" });
    expect(owned.metadata.annotations).toEqual({
      "meta.helm.sh/release-name": "demo",
      "meta.helm.sh/release-namespace": "prod",
    });
  });

  it("accepts an object the release already owns", () => {
    expect(ownershipProblem(withOwnership(cm(), owner), owner)).toBeUndefined();
  });

  it("refuses an unowned object in helm's words, naming it", () => {
    expect(ownershipProblem(cm(), owner)).toBe(
      'ConfigMap "settings" in namespace "prod" exists and cannot be imported into the current release: ' +
        'invalid ownership metadata; label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm"; ' +
        'annotation validation error: missing key "meta.helm.sh/release-name": must be set to "demo"; ' +
        'annotation validation error: missing key "meta.helm.sh/release-namespace": must be set to "prod"',
    );
  });

  it("refuses an object owned by another release, naming the current owner", () => {
    const other = withOwnership(cm(), { name: "other", namespace: "prod" });
    expect(ownershipProblem(other, owner)).toContain(
      'key "meta.helm.sh/release-name" must equal "demo": current value is "other"',
    );
  });

  it("recognises the keep resource policy", () => {
    expect(isKept(cm({ annotations: { "helm.sh/resource-policy": "keep" } }))).toBe(true);
    expect(isKept(cm())).toBe(false);
  });
});
