import { describe, expect, it } from "vitest";
import type { KubeObject } from "./kubeObject.js";
import { assessReadiness } from "./readiness.js";

const obj = (kind: string, fields: Record<string, unknown>, generation = 2): KubeObject => ({
  apiVersion: "apps/v1",
  kind,
  metadata: { name: "x", generation },
  ...fields,
});

describe("readiness", () => {
  it("calls a missing object missing", () => {
    expect(assessReadiness(undefined).state).toBe("missing");
  });

  it("waits for a Deployment's controller to observe the new generation", () => {
    const d = obj("Deployment", {
      spec: { replicas: 2 },
      status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    });
    expect(assessReadiness(d).state).toBe("progressing");
  });

  it("reports how many Deployment replicas are available", () => {
    const d = obj("Deployment", {
      spec: { replicas: 3 },
      status: { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 1 },
    });
    expect(assessReadiness(d)).toEqual({ state: "progressing", message: "1/3 replicas available" });
  });

  it("is ready when every replica is updated and available", () => {
    const d = obj("Deployment", {
      spec: { replicas: 3 },
      status: { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 },
    });
    expect(assessReadiness(d).state).toBe("ready");
  });

  it("treats a Deployment past its progress deadline as failed", () => {
    const d = obj("Deployment", {
      spec: { replicas: 1 },
      status: {
        conditions: [
          { type: "Progressing", status: "False", message: "ReplicaSet has timed out progressing" },
        ],
      },
    });
    expect(assessReadiness(d)).toEqual({
      state: "failed",
      message: "ReplicaSet has timed out progressing",
    });
  });

  it("judges StatefulSets by ready replicas", () => {
    const s = obj("StatefulSet", {
      spec: { replicas: 2 },
      status: { observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 1 },
    });
    expect(assessReadiness(s).message).toBe("1/2 replicas ready");
  });

  it("judges DaemonSets by scheduled, updated and ready pods", () => {
    const ds = obj("DaemonSet", {
      status: {
        observedGeneration: 2,
        desiredNumberScheduled: 3,
        updatedNumberScheduled: 3,
        numberReady: 3,
      },
    });
    expect(assessReadiness(ds).state).toBe("ready");
  });

  it("waits for Jobs to complete and reports failures", () => {
    expect(assessReadiness(obj("Job", { status: { active: 1 } })).state).toBe("progressing");
    expect(
      assessReadiness(
        obj("Job", { status: { conditions: [{ type: "Complete", status: "True" }] } }),
      ).state,
    ).toBe("ready");
    expect(
      assessReadiness(
        obj("Job", {
          status: {
            conditions: [{ type: "Failed", status: "True", message: "BackoffLimitExceeded" }],
          },
        }),
      ),
    ).toEqual({ state: "failed", message: "BackoffLimitExceeded" });
  });

  it("needs a LoadBalancer Service to have an address", () => {
    const svc = (status: unknown): KubeObject => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s" },
      spec: { type: "LoadBalancer" },
      status,
    });
    expect(assessReadiness(svc({})).state).toBe("progressing");
    expect(assessReadiness(svc({ loadBalancer: { ingress: [{ ip: "1.2.3.4" }] } })).state).toBe(
      "ready",
    );
  });

  it("counts any other kind as ready once it exists", () => {
    expect(
      assessReadiness({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }).state,
    ).toBe("ready");
  });
});
