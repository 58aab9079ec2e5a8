import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeEngine } from "../../../test/support/engine.js";
import { loadChart } from "../chart/loadChart.js";
import { resolveApplyMethod } from "./applyMethod.js";
import { install } from "./install.js";
import { rollback } from "./rollback.js";
import { upgrade } from "./upgrade.js";

const webapp = () => loadChart(resolve("demo/charts/webapp"));

describe("resolveApplyMethod, as helm 4.1", () => {
  it("follows the basis revision under auto; a record without a method is helm 3's, client-side", () => {
    expect(resolveApplyMethod("auto", { apply_method: "ssa" })).toBe("ssa");
    expect(resolveApplyMethod("auto", { apply_method: "csa" })).toBe("csa");
    expect(resolveApplyMethod("auto", {})).toBe("csa");
    expect(resolveApplyMethod(true, {})).toBe("ssa");
    expect(resolveApplyMethod(false, { apply_method: "ssa" })).toBe("csa");
  });
});

describe("the apply method of a revision", () => {
  async function installedWith(serverSide: boolean) {
    const engine = fakeEngine();
    await install(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: { replicaCount: 3 },
      serverSide,
    });
    return engine;
  }

  const upgradeShop = async (
    engine: ReturnType<typeof fakeEngine>,
    extra: Partial<Parameters<typeof upgrade>[1]> = {},
  ) =>
    upgrade(engine.ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: { replicaCount: 5 },
      ...extra,
    });

  it("install creates objects client-side with --server-side=false and records csa", async () => {
    const engine = await installedWith(false);
    const verbs = new Set(engine.cluster.calls.map((c) => c.verb));
    expect(verbs.has("create")).toBe(true);
    expect(verbs.has("apply")).toBe(false);
    expect((await engine.ctx.storage.get("default", "shop", 1)).apply_method).toBe("csa");
  });

  it("an upgrade under auto patches a client-side release from its previous manifest", async () => {
    const engine = await installedWith(false);
    engine.cluster.calls.length = 0;
    const { release } = await upgradeShop(engine);
    expect(release.apply_method).toBe("csa");
    expect(engine.cluster.calls.some((c) => c.verb === "apply")).toBe(false);
    const deployment = engine.cluster.patches.find((p) => p.ref.includes("Deployment"));
    expect(deployment?.patch).toMatchObject({ spec: { replicas: 5 } });
    expect(engine.cluster.find("Deployment", "shop-webapp", "default")?.spec).toMatchObject({
      replicas: 5,
    });
    // Objects whose manifest did not change get no patch at all.
    expect(engine.cluster.patches.every((p) => Object.keys(p.patch).length > 0)).toBe(true);
  });

  it("an upgrade under auto stays server-side for a server-side release", async () => {
    const engine = await installedWith(true);
    engine.cluster.calls.length = 0;
    const { release } = await upgradeShop(engine);
    expect(release.apply_method).toBe("ssa");
    expect(engine.cluster.calls.some((c) => c.verb === "patch")).toBe(false);
  });

  it("--server-side=true moves a client-side release to server-side apply", async () => {
    const engine = await installedWith(false);
    const { release } = await upgradeShop(engine, { serverSide: true });
    expect(release.apply_method).toBe("ssa");
  });

  it("a rollback follows the target revision's method, not the latest one's", async () => {
    const engine = await installedWith(false);
    await upgradeShop(engine, { serverSide: true });
    const back = await rollback(engine.ctx, { name: "shop", namespace: "default", revision: 1 });
    expect(back.apply_method).toBe("csa");
    expect((await engine.ctx.storage.get("default", "shop", 2)).apply_method).toBe("ssa");
  });

  it("refuses --force-conflicts under client-side apply, saying why the method was chosen", async () => {
    const engine = await installedWith(false);
    await expect(upgradeShop(engine, { forceConflicts: true })).rejects.toThrow(
      /--force-conflicts needs server-side apply, but revision 1 was applied client-side/,
    );
    expect(await engine.statuses("shop")).toEqual(["1:deployed"]);
  });
});
