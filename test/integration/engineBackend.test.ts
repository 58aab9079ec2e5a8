import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install } from "../../src/engine/actions/install.js";
import { uninstall } from "../../src/engine/actions/uninstall.js";
import { upgrade } from "../../src/engine/actions/upgrade.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import type { KubeClient } from "../../src/kube/client.js";
import { engineOver } from "../support/sandboxEngine.js";
import type { ActionContext } from "../../src/engine/actions/context.js";
import type { OperationProgress } from "../../src/state/backend.js";
import { EngineBackend } from "../../src/state/engineBackend.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { serveDemoRepository } from "../../src/cli/demo/demoRepository.js";

const webapp = resolve("demo/charts/webapp");
let fx: SandboxFixture;
let client: KubeClient;
let ctx: ActionContext;
let backend: EngineBackend;
const shop = { name: "shop", namespace: "default" };

beforeAll(async () => {
  fx = await withSandbox();
  ({ client, ctx } = engineOver(fx.kubeconfigPath));
  backend = new EngineBackend(ctx, client, process.cwd());
  const chart = await loadChart(webapp);
  await install(ctx, {
    name: "shop",
    namespace: "default",
    chart,
    userValues: { replicaCount: 2 },
  });
  await upgrade(ctx, {
    name: "shop",
    namespace: "default",
    chart,
    userValues: { replicaCount: 3 },
  });
});
afterAll(async () => {
  backend.close();
  client.close();
  await fx.close();
});

describe("the engine-backed Backend the TUI runs on", () => {
  it("reports the cluster, namespaces with release counts and the releases", async () => {
    expect(await backend.cluster()).toMatchObject({ context: "sandbox", serverVersion: "v1.31.0" });
    const namespaces = await backend.namespaces();
    expect(namespaces.forbidden).toBe(false);
    expect(namespaces.namespaces).toContainEqual({ name: "default", releases: 1 });
    // Labels first; the chart and app version once the row is on screen.
    expect(await backend.releases({})).toEqual([
      expect.objectContaining({ name: "shop", revision: 2, status: "deployed", pending: true }),
    ]);
    const arrived = new Promise<void>((done) => {
      const watch = backend.watchReleases({}, (change) => {
        if (change.kind === "details") done();
      });
      watch.show([shop]);
    });
    await arrived;
    expect(await backend.releases({})).toEqual([
      expect.objectContaining({
        name: "shop",
        revision: 2,
        status: "deployed",
        chart: "webapp-1.2.0",
        appVersion: "2.4.1",
      }),
    ]);
    expect((await backend.releases({}))[0]?.pending).toBeUndefined();
  });

  it("gives the revision timeline and a revision's values and manifest", async () => {
    expect((await backend.history(shop)).map((r) => `${r.revision}:${r.status}`)).toEqual([
      "1:superseded",
      "2:deployed",
    ]);
    const detail = await backend.revision(shop, 1);
    expect(detail.userValues).toEqual({ replicaCount: 2 });
    expect(detail.computedValues).toMatchObject({ replicaCount: 2, service: { port: 80 } });
    expect(detail.manifest).toContain("replicas: 2");
  });

  it("diffs two revisions with Secrets masked in one copy and revealed in the other", async () => {
    const pair = await backend.diffRevisions(shop, 1, 2);
    expect(pair.masked.summary).toMatchObject({ changed: 1 });
    expect(pair.masked.resources.find((r) => r.change === "changed")?.kind).toBe("Deployment");
  });

  it("diffs two revisions' values path by path, user-supplied and computed", async () => {
    const change = { path: [{ key: "replicaCount" }], change: "changed", before: 2, after: 3 };
    expect(await backend.diffValues(shop, 1, 2)).toEqual({ user: [change], computed: [change] });
  });

  it("plans an upgrade with the values it will store against the deployed ones", async () => {
    const plan = await backend.planUpgrade({
      release: shop,
      chart: webapp,
      values: { mode: "edited", yaml: "replicaCount: 3\nenv: {LOG_LEVEL: debug}\n" },
    });
    const added = { path: [{ key: "env" }, { key: "LOG_LEVEL" }], change: "added", after: "debug" };
    expect(plan.values?.user).toEqual([added]);
    expect(plan.values?.computed).toEqual([{ ...added, change: "changed", before: "info" }]);
    expect(plan.values?.reuseWarning).toBeUndefined();
  });

  it("plans an upgrade with edited values, then applies exactly that plan", async () => {
    const plan = await backend.planUpgrade({
      release: shop,
      chart: webapp,
      values: { mode: "edited", yaml: "replicaCount: 6\n" },
    });
    expect(plan.revision).toBe(3);
    expect(plan.diff.masked.summary.changed).toBeGreaterThan(0);
    const steps: OperationProgress[] = [];
    const result = await backend.executeUpgrade(plan, (p) => steps.push(p));
    expect(result).toMatchObject({ revision: 3, status: "deployed" });
    expect(steps).toContainEqual(
      expect.objectContaining({ resource: "Deployment default/shop-webapp", state: "done" }),
    );
    expect(await backend.currentValuesYaml(shop)).toBe("replicaCount: 6\n");
  });

  it("plans an upgrade to a repository chart, with a version range after @", async () => {
    const repository = await serveDemoRepository(fx.dir);
    try {
      const fromRepo = new EngineBackend(ctx, client, process.cwd(), {
        WHEELHOUSE_REPOSITORY_CONFIG: repository.paths.config,
        WHEELHOUSE_REPOSITORY_CACHE: repository.paths.cache,
      });
      const newest = await fromRepo.planUpgrade({
        release: shop,
        chart: "demo/webapp",
        values: { mode: "reuse" },
      });
      expect(newest.chart).toBe("webapp-1.3.0");
      const pinned = await fromRepo.planUpgrade({
        release: shop,
        chart: "demo/webapp@~1.2.0",
        values: { mode: "reuse" },
      });
      expect(pinned.chart).toBe("webapp-1.2.0");
    } finally {
      await repository.close();
    }
  });

  it("refuses a rollback plan when the release moved on after review", async () => {
    const plan = await backend.planRollback(shop, 1);
    expect(plan).toMatchObject({ target: 1, revision: 4 });
    await upgrade(ctx, {
      name: "shop",
      namespace: "default",
      chart: await loadChart(webapp),
      userValues: { replicaCount: 7 },
    });
    await expect(backend.executeRollback(plan, () => {})).rejects.toThrow(
      /changed since the diff was computed/,
    );
    const fresh = await backend.planRollback(shop, 1);
    expect(await backend.executeRollback(fresh, () => {})).toMatchObject({
      revision: 5,
      status: "deployed",
    });
  });

  it("plans a rollback of a release uninstalled with its history kept: every object added", async () => {
    const legacy = { name: "legacy", namespace: "default" };
    await install(ctx, { ...legacy, chart: await loadChart(webapp), userValues: {} });
    await uninstall(ctx, { ...legacy, keepHistory: true });
    const plan = await backend.planRollback(legacy, 1);
    expect(plan).toMatchObject({ target: 1, revision: 2, nothingDeployed: true });
    expect(plan.diff.masked.summary).toMatchObject({ changed: 0, removed: 0 });
    expect(plan.diff.masked.resources.every((r) => r.change === "added")).toBe(true);
    expect(plan.diff.masked.summary.added).toBeGreaterThan(0);
  });

  it("calls back when release records change", async () => {
    let calls = 0;
    const watch = backend.watchReleases({}, () => calls++);
    try {
      await new Promise((r) => setTimeout(r, 500));
      const before = calls;
      await upgrade(ctx, {
        name: "shop",
        namespace: "default",
        chart: await loadChart(webapp),
        userValues: { replicaCount: 1 },
      });
      await expect.poll(() => calls, { timeout: 5000 }).toBeGreaterThan(before);
    } finally {
      watch.stop();
    }
  });
});
