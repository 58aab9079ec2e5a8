import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeEngine, otherClient } from "../../../test/support/engine.js";
import { nth } from "../../../test/support/gatedDriver.js";
import { loadChart } from "../chart/loadChart.js";
import { RevisionExistsError } from "../storage/errors.js";
import type { ActionContext } from "./context.js";
import { install } from "./install.js";
import { upgrade } from "./upgrade.js";

const webapp = () => loadChart(resolve("demo/charts/webapp"));

/** Two clients of one release: `slow` is held wherever a test says, `fast` runs straight through. */
async function twoClients() {
  const engine = fakeEngine();
  const up = async (ctx: ActionContext, replicaCount: number, historyMax?: number) =>
    upgrade(ctx, {
      name: "shop",
      namespace: "default",
      chart: await webapp(),
      userValues: { replicaCount },
      ...(historyMax !== undefined ? { historyMax } : {}),
    });
  await install(engine.ctx, {
    name: "shop",
    namespace: "default",
    chart: await webapp(),
    userValues: { replicaCount: 1 },
  });
  await up(engine.ctx, 2);
  return { engine, slow: otherClient(engine), up };
}

describe("racing upgrades", () => {
  it("the loser of two racing upgrades deletes no history, even with --history-max", async () => {
    const { engine, slow, up } = await twoClients();
    expect(await engine.statuses("shop")).toEqual(["1:superseded", "2:deployed"]);
    // The slow client has planned revision 3 and checked that revision 2 is still the latest
    // (its second read of it) when the fast client's whole upgrade runs.
    const decided = slow.gates.hold(
      nth(2, (c) => c.op === "get" && c.version === 2),
      {
        after: true,
      },
    );
    const losing = up(slow.ctx, 4, 2);
    await decided.reached;
    await up(engine.ctx, 3, 2);
    decided.open();
    await expect(losing).rejects.toBeInstanceOf(RevisionExistsError);
    // Revision 2 is the one to roll back to: pruning it is the fast client's business only.
    expect(await engine.statuses("shop")).toEqual(["2:superseded", "3:deployed"]);
    expect(engine.cluster.find("Deployment", "shop-webapp", "default")?.spec).toMatchObject({
      replicas: 3,
    });
  });

  it("a finished upgrade whose previous revision another client superseded (or pruned) reports success", async () => {
    const { engine, slow, up } = await twoClients();
    // The slow client has marked revision 3 deployed and listed the deployed revisions to
    // supersede (2 and 3) when a second upgrade runs, superseding both and pruning history.
    const superseding = slow.gates.hold((c) => c.op === "listRefs" && c.status === "deployed", {
      after: true,
    });
    const first = up(slow.ctx, 3);
    await superseding.reached;
    await up(engine.ctx, 4, 2);
    superseding.open();
    await expect(first).resolves.toMatchObject({ release: { version: 3 } });
    const statuses = await engine.statuses("shop");
    expect(statuses.at(-1)).toBe("4:deployed");
    expect(statuses.filter((s) => s.endsWith(":deployed"))).toEqual(["4:deployed"]);
  });

  it("an upgrade that cannot claim the release (the server failed the write) withdraws its revision", async () => {
    const { engine, slow, up } = await twoClients();
    const update = engine.driver.update.bind(engine.driver);
    engine.driver.update = async (release, options) => {
      if (release.version === 2) throw new Error("etcdserver: request timed out");
      return update(release, options);
    };
    await expect(up(slow.ctx, 3)).rejects.toThrow(/request timed out/);
    engine.driver.update = update;
    expect(await engine.statuses("shop")).toEqual(["1:superseded", "2:deployed"]);
    expect(engine.cluster.find("Deployment", "shop-webapp", "default")?.spec).toMatchObject({
      replicas: 2,
    });
  });
});
