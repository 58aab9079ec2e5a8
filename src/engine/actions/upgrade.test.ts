import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeEngine } from "../../../test/support/engine.js";
import { loadChart } from "../chart/loadChart.js";
import { ReleaseLockedError } from "../release/lock.js";
import { ActionError } from "./errors.js";
import { install } from "./install.js";
import { upgrade } from "./upgrade.js";

const webapp = () => loadChart(resolve("demo/charts/webapp"));

describe("upgrade", () => {
  async function installed() {
    const engine = fakeEngine();
    await install(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: { replicaCount: 3 },
    });
    return engine;
  }

  it("supersedes the deployed revision and applies the new one", async () => {
    const engine = await installed();
    const { release } = await upgrade(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: { replicaCount: 5 },
    });
    expect(release).toMatchObject({
      version: 2,
      info: { status: "deployed", description: "Upgrade complete" },
    });
    expect(await engine.statuses("shop")).toEqual(["1:superseded", "2:deployed"]);
    expect(engine.cluster.find("Deployment", "shop-webapp", "default")?.spec).toMatchObject({
      replicas: 5,
    });
  });

  it("reuses the previous values when none are given, as helm does", async () => {
    const engine = await installed();
    const { release } = await upgrade(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: {},
    });
    expect(release.config).toEqual({ replicaCount: 3 });
  });

  it("resets to chart defaults with reset, and merges with reset-then-reuse", async () => {
    const engine = await installed();
    const reset = await upgrade(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: { service: { port: 81 } },
      valuesMode: "reset",
    });
    expect(reset.release.config).toEqual({ service: { port: 81 } });
    const merged = await upgrade(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: { replicaCount: 4 },
      valuesMode: "reset-then-reuse",
    });
    expect(merged.release.config).toEqual({ service: { port: 81 }, replicaCount: 4 });
  });

  it("deletes objects the new manifest no longer has", async () => {
    const engine = await installed();
    expect(engine.cluster.find("StatefulSet", "shop-cache", "default")).toBeDefined();
    await upgrade(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: { cache: { enabled: false } },
    });
    expect(engine.cluster.find("StatefulSet", "shop-cache", "default")).toBeUndefined();
  });

  it("keeps the deployed revision deployed when the upgrade fails, and records why", async () => {
    const engine = await installed();
    engine.cluster.failOn("apply", /Deployment/, new Error("connection reset"));
    await expect(
      upgrade(engine.ctx, {
        name: "shop",
        namespace: "default",
        chart: await webapp(),
        userValues: { replicaCount: 9 },
      }),
    ).rejects.toThrow(/Upgrade "shop" failed: .*connection reset/);
    expect(await engine.statuses("shop")).toEqual(["1:deployed", "2:failed"]);
  });

  it("with atomic, rolls back to the last good revision as a new revision", async () => {
    const engine = await installed();
    engine.cluster.failOn("apply", /Deployment/, new Error("denied"));
    await expect(
      upgrade(engine.ctx, {
        name: "shop",
        namespace: "default",
        chart: await webapp(),
        userValues: { replicaCount: 9 },
        atomic: true,
      }),
    ).rejects.toThrow(/rolled back to revision 1 as revision 3/);
    expect(await engine.statuses("shop")).toEqual(["1:superseded", "2:failed", "3:deployed"]);
    expect(engine.cluster.find("Deployment", "shop-webapp", "default")?.spec).toMatchObject({
      replicas: 3,
    });
  });

  it("refuses while another operation holds the lock", async () => {
    const engine = await installed();
    const latest = await engine.ctx.storage.get("default", "shop", 1);
    latest.info.status = "pending-upgrade";
    await engine.ctx.storage.update(latest);
    await expect(
      upgrade(engine.ctx, {
        name: "shop",
        namespace: "default",
        chart: await webapp(),
        userValues: {},
      }),
    ).rejects.toBeInstanceOf(ReleaseLockedError);
  });

  it("refuses a reviewed plan when the release moved on", async () => {
    const engine = await installed();
    await upgrade(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: { replicaCount: 4 },
    });
    await expect(
      upgrade(engine.ctx, {
        name: "shop",
        namespace: "default",
        chart: await webapp(),
        userValues: {},
        expectedRevision: 2,
      }),
    ).rejects.toBeInstanceOf(ActionError);
    expect(await engine.statuses("shop")).toEqual(["1:superseded", "2:deployed"]);
  });

  it("installs with install when the release does not exist", async () => {
    const engine = fakeEngine();
    const result = await upgrade(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: {},
      install: true,
    });
    expect(result.installed).toBe(true);
    expect(await engine.statuses("shop")).toEqual(["1:deployed"]);
  });
});
