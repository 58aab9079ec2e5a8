import { describe, expect, it } from "vitest";
import { FakeCluster } from "../../../test/support/fakeCluster.js";
import type { KubeObject } from "../cluster/kubeObject.js";
import { withOwnership } from "../cluster/ownership.js";
import { applyRelease, type ApplyProgress } from "./applyRelease.js";
import { ApplyError, OwnershipError } from "./errors.js";

const owner = { name: "demo", namespace: "prod" };
const obj = (
  kind: string,
  name: string,
  extra: Record<string, unknown> = {},
  apiVersion = "v1",
): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, namespace: "prod" },
  ...extra,
});
const base = { owner, fieldManager: "helm", method: "ssa" as const, force: false };

describe("applyRelease", () => {
  it("applies every object in order with helm's ownership metadata", async () => {
    const cluster = new FakeCluster();
    await applyRelease(cluster, {
      ...base,
      current: [],
      target: [obj("ConfigMap", "a"), obj("Deployment", "web", {}, "apps/v1")],
    });
    expect(cluster.calls.filter((c) => c.verb === "apply").map((c) => c.ref)).toEqual([
      "/ConfigMap/prod/a",
      "apps/Deployment/prod/web",
    ]);
    expect(cluster.find("Deployment", "web")?.metadata.annotations).toMatchObject({
      "meta.helm.sh/release-name": "demo",
    });
  });

  it("refuses to adopt an existing object it does not own, before applying anything", async () => {
    const cluster = new FakeCluster();
    cluster.seed(obj("ConfigMap", "b"));
    const attempt = applyRelease(cluster, {
      ...base,
      current: [],
      target: [obj("ConfigMap", "a"), obj("ConfigMap", "b")],
    });
    await expect(attempt).rejects.toThrow(OwnershipError);
    await expect(attempt).rejects.toThrow(
      /ConfigMap "b" in namespace "prod" exists and cannot be imported/,
    );
    expect(cluster.calls.some((c) => c.verb === "apply")).toBe(false);
  });

  it("does not re-check objects the release already had", async () => {
    const cluster = new FakeCluster();
    cluster.seed(obj("ConfigMap", "a")); // ownership metadata lost, but it is in the stored manifest
    await applyRelease(cluster, {
      ...base,
      current: [obj("ConfigMap", "a")],
      target: [obj("ConfigMap", "a", { data: { x: "1" } })],
    });
    expect(cluster.find("ConfigMap", "a")?.data).toEqual({ x: "1" });
  });

  it("deletes objects the new manifest dropped, newest first, after every apply succeeded", async () => {
    const cluster = new FakeCluster();
    const old = [obj("ConfigMap", "keep-me"), obj("ConfigMap", "x"), obj("Service", "y")];
    for (const o of old) cluster.seed(withOwnership(o, owner));
    const result = await applyRelease(cluster, {
      ...base,
      current: old,
      target: [obj("ConfigMap", "keep-me")],
    });
    expect(result.deleted.map((r) => r.name)).toEqual(["y", "x"]);
    expect(cluster.find("Service", "y")).toBeUndefined();
  });

  it("spares dropped objects annotated helm.sh/resource-policy: keep", async () => {
    const cluster = new FakeCluster();
    const kept = obj("Secret", "db", {
      metadata: {
        name: "db",
        namespace: "prod",
        annotations: { "helm.sh/resource-policy": "keep" },
      },
    });
    cluster.seed(kept);
    const result = await applyRelease(cluster, { ...base, current: [kept], target: [] });
    expect(result.kept.map((r) => r.name)).toEqual(["db"]);
    expect(cluster.find("Secret", "db")).toBeDefined();
  });

  it("deletes nothing when an apply fails, and names the object that failed", async () => {
    const cluster = new FakeCluster();
    const old = [obj("ConfigMap", "old")];
    cluster.seed(withOwnership(old[0]!, owner));
    cluster.failOn("apply", /Deployment/, new Error("admission webhook denied"));
    const attempt = applyRelease(cluster, {
      ...base,
      current: old,
      target: [obj("ConfigMap", "a"), obj("Deployment", "web", {}, "apps/v1")],
    });
    await expect(attempt).rejects.toThrow(ApplyError);
    await expect(attempt).rejects.toThrow(
      "failed to apply Deployment prod/web: admission webhook denied",
    );
    expect(cluster.find("ConfigMap", "old")).toBeDefined();
  });

  it("treats an apiVersion change as the same object for deletion", async () => {
    const cluster = new FakeCluster();
    const oldHpa = obj("HorizontalPodAutoscaler", "web", {}, "autoscaling/v2beta2");
    cluster.seed(withOwnership(oldHpa, owner));
    const result = await applyRelease(cluster, {
      ...base,
      current: [oldHpa],
      target: [obj("HorizontalPodAutoscaler", "web", {}, "autoscaling/v2")],
    });
    expect(result.deleted).toEqual([]);
  });

  it("reports progress per object", async () => {
    const cluster = new FakeCluster();
    const events: ApplyProgress[] = [];
    await applyRelease(cluster, {
      ...base,
      current: [],
      target: [obj("ConfigMap", "a")],
      onProgress: (e) => events.push(e),
    });
    expect(events.map((e) => `${e.step}:${e.ref.name}:${e.state}`)).toEqual([
      "apply:a:started",
      "apply:a:done",
    ]);
  });
});

describe("applyRelease after client-side apply", () => {
  /** ConfigMap a as helm 3 left it: fields owned by helm through Update. */
  const seeded = (cluster: FakeCluster) => {
    const live = obj("ConfigMap", "a");
    live.metadata.resourceVersion = "7";
    live.metadata.managedFields = [
      {
        manager: "helm",
        operation: "Update",
        apiVersion: "v1",
        fieldsType: "FieldsV1",
        fieldsV1: { "f:data": { "f:drop": {} } },
      },
    ];
    cluster.seed(live);
  };
  const request = { ...base, current: [obj("ConfigMap", "a")], target: [obj("ConfigMap", "a")] };

  it("moves helm's client-side ownership to apply ownership before applying", async () => {
    const cluster = new FakeCluster();
    seeded(cluster);
    await applyRelease(cluster, { ...request, upgradeClientSideFields: true });
    expect(cluster.calls.map((c) => c.verb)).toEqual(["get", "replaceManagedFields", "apply"]);
  });

  it("leaves ownership alone when the release was already applied server-side", async () => {
    const cluster = new FakeCluster();
    seeded(cluster);
    await applyRelease(cluster, request);
    expect(cluster.calls.map((c) => c.verb)).toEqual(["apply"]);
  });

  it("tries once more after a concurrent write, then gives up without applying", async () => {
    const cluster = new FakeCluster();
    seeded(cluster);
    cluster.failOn("replaceManagedFields", /ConfigMap/, new Error("the object has been modified"));
    await applyRelease(cluster, { ...request, upgradeClientSideFields: true });
    expect(cluster.calls.map((c) => c.verb)).toEqual([
      "get",
      "replaceManagedFields",
      "get",
      "replaceManagedFields",
      "apply",
    ]);

    const stubborn = new FakeCluster();
    seeded(stubborn);
    stubborn.failOn(
      "replaceManagedFields",
      /ConfigMap/,
      new Error("the object has been modified"),
      2,
    );
    const attempt = applyRelease(stubborn, { ...request, upgradeClientSideFields: true });
    await expect(attempt).rejects.toThrow(ApplyError);
    expect(stubborn.calls.some((c) => c.verb === "apply")).toBe(false);
  });
});
