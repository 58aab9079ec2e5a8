import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeEngine } from "../../../test/support/engine.js";
import { loadChart } from "../chart/loadChart.js";
import { OperationFailedError } from "./errors.js";
import { install } from "./install.js";

const webapp = () => loadChart(resolve("demo/charts/webapp"));
const worker = () => loadChart(resolve("demo/charts/worker"));

describe("install", () => {
  it("renders, applies with ownership metadata and records revision 1 deployed", async () => {
    const engine = fakeEngine();
    const { release } = await install(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: { replicaCount: 3 },
    });
    expect(release).toMatchObject({
      version: 1,
      info: { status: "deployed", description: "Install complete" },
    });
    expect(release.config).toEqual({ replicaCount: 3 });
    expect(release.info.notes).toContain('installed as "shop"');
    const deployment = engine.cluster.find("Deployment", "shop-webapp", "default");
    expect(deployment?.spec).toMatchObject({ replicas: 3 });
    expect(deployment?.metadata.annotations).toMatchObject({ "meta.helm.sh/release-name": "shop" });
    expect(engine.cluster.find("StatefulSet", "shop-cache", "default")).toBeDefined();
    expect(release.manifest).not.toContain("meta.helm.sh/release-name");
    expect(await engine.statuses("shop")).toEqual(["1:deployed"]);
  });

  it("stores the top chart only, with subchart output in the manifest (as helm)", async () => {
    const engine = fakeEngine();
    const { release } = await install(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: {},
    });
    expect(release.chart?.metadata.name).toBe("webapp");
    expect(release.chart?.templates?.map((t) => t.name)).not.toContain(
      "templates/statefulset.yaml",
    );
    expect(release.manifest).toContain("# Source: webapp/charts/cache/templates/statefulset.yaml");
    expect(release.config).toBeUndefined();
  });

  it("refuses a name that is in use", async () => {
    const engine = fakeEngine();
    const options = { name: "shop", namespace: "default", chart: await webapp(), userValues: {} };
    await install(engine.ctx, options);
    await expect(install(engine.ctx, options)).rejects.toThrow(
      /cannot re-use a name that is still in use/,
    );
    expect(await engine.statuses("shop")).toEqual(["1:deployed"]);
  });

  it("writes nothing when the chart does not render", async () => {
    const engine = fakeEngine();
    await expect(
      install(engine.ctx, {
        name: "shop",
        namespace: "default",
        chart: await webapp(),
        userValues: { replicaCount: "x" },
      }),
    ).rejects.toThrow(/values don't meet the specifications/);
    expect(await engine.statuses("shop")).toEqual([]);
    expect(engine.cluster.calls).toEqual([]);
  });

  it("records the failure on the revision when an apply fails midway", async () => {
    const engine = fakeEngine();
    engine.cluster.failOn("apply", /Deployment/, new Error("admission webhook denied the request"));
    const err = await install(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: {},
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OperationFailedError);
    const stored = await engine.ctx.storage.get("default", "shop", 1);
    expect(stored.info.status).toBe("failed");
    expect(stored.info.description).toMatch(/Release "shop" failed: .*admission webhook denied/);
  });

  it("with atomic, uninstalls again after a failure", async () => {
    const engine = fakeEngine();
    engine.cluster.failOn("apply", /Deployment/, new Error("quota exceeded"));
    await expect(
      install(engine.ctx, {
        name: "shop",
        namespace: "default",
        chart: await webapp(),
        userValues: {},
        atomic: true,
      }),
    ).rejects.toThrow(/quota exceeded; the release was uninstalled \(--atomic\)/);
    expect(await engine.statuses("shop")).toEqual([]);
    expect(engine.cluster.find("ConfigMap", "shop-webapp", "default")).toBeUndefined();
  });

  it("stores hooks apart from the manifest and runs them", async () => {
    const engine = fakeEngine();
    const { release } = await install(engine.ctx, {
      name: "jobs",
      namespace: "default",
      chart: await worker(),
      userValues: {},
    });
    expect(release.hooks?.map((h) => [h.name, h.events, h.last_run.phase])).toEqual([
      ["jobs-worker-migrate", ["pre-install", "pre-upgrade"], "Succeeded"],
    ]);
    expect(release.manifest).not.toContain("kind: Job");
  });

  it("leaves nothing applied in a dry run", async () => {
    const engine = fakeEngine();
    const { release } = await install(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: {},
      dryRun: true,
    });
    expect(release.info.status).toBe("pending-install");
    expect(await engine.statuses("shop")).toEqual([]);
    expect(engine.cluster.find("Deployment", "shop-webapp", "default")).toBeUndefined();
  });
});
