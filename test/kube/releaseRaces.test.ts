import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionContext } from "../../src/engine/actions/context.js";
import { install } from "../../src/engine/actions/install.js";
import { uninstall } from "../../src/engine/actions/uninstall.js";
import { upgrade } from "../../src/engine/actions/upgrade.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import type { Chart } from "../../src/engine/chart/types.js";
import { KubeClusterAccess } from "../../src/engine/cluster/kubeClusterAccess.js";
import { RevisionExistsError } from "../../src/engine/storage/errors.js";
import { ReleaseStorage } from "../../src/engine/storage/releaseStorage.js";
import { SecretDriver } from "../../src/engine/storage/secrets.js";
import { coreResources } from "../../src/kube/coreResources.js";
import { simpleChart, writeChart } from "../support/charts.js";
import { GatedDriver, nth } from "../support/gatedDriver.js";
import { startTestCluster } from "./cluster.js";
import type { TestCluster } from "./cluster.js";

// The races of docs/release-storage.md#claiming-the-latest-revision played step by step against
// an API server — the sandbox, or a real one with WHEELHOUSE_TEST_CLUSTER=1 — whose
// resourceVersions, conflicts and no-op writes are the server's own.
let cluster: TestCluster;
let chart: Chart;

beforeAll(async () => {
  cluster = await startTestCluster();
  chart = await loadChart(await writeChart(simpleChart()));
}, 60_000);
afterAll(async () => {
  await cluster?.client().request({
    method: "DELETE",
    path: `/api/v1/namespaces/${cluster.namespace}/secrets`,
    query: { labelSelector: "owner=helm" },
    verb: "deletecollection",
    resource: "secrets",
  });
  await cluster?.close();
});

/** A client of its own, as a separate process would be, whose storage calls can be held. */
function client(): { ctx: ActionContext; gates: GatedDriver } {
  const kube = cluster.client();
  const gates = new GatedDriver(new SecretDriver(coreResources(kube, "secrets")));
  const ctx: ActionContext = {
    storage: new ReleaseStorage(gates),
    cluster: new KubeClusterAccess(kube),
    now: () => new Date(),
    fieldManager: "helm",
  };
  return { ctx, gates };
}

async function statuses(name: string): Promise<string[]> {
  const refs = await client().ctx.storage.refs(cluster.namespace, name);
  return refs.map((r) => `${r.version}:${r.status}`);
}

async function configMap(name: string): Promise<unknown> {
  return client().ctx.cluster.get({
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: cluster.namespace,
    name: `${name}-cm`,
  });
}

async function deployedTwice(name: string) {
  const opts = { name, namespace: cluster.namespace, chart, userValues: {} };
  await install(client().ctx, opts);
  await upgrade(client().ctx, { ...opts, userValues: { greeting: "hi" } });
  const up = (ctx: ActionContext, greeting: string, historyMax?: number) =>
    upgrade(ctx, {
      ...opts,
      userValues: { greeting },
      ...(historyMax !== undefined ? { historyMax } : {}),
    });
  return { up };
}

describe("racing operations on an API server", () => {
  it("the loser of two racing upgrades prunes nothing", async () => {
    const { up } = await deployedTwice("prune");
    const slow = client();
    const decided = slow.gates.hold(
      nth(2, (c) => c.op === "get" && c.version === 2),
      {
        after: true,
      },
    );
    const losing = up(slow.ctx, "slow", 2);
    await decided.reached;
    await up(client().ctx, "fast", 2);
    decided.open();
    await expect(losing).rejects.toBeInstanceOf(RevisionExistsError);
    expect(await statuses("prune")).toEqual(["2:superseded", "3:deployed"]);
  });

  it("an upgrade that creates its revision after an uninstall marked the release backs out", async () => {
    const { up } = await deployedTwice("marked");
    const upgrader = client();
    const uninstaller = client();
    const creating = upgrader.gates.hold((c) => c.op === "create");
    const upgrading = up(upgrader.ctx, "late");
    await creating.reached;
    const marked = uninstaller.gates.hold((c) => c.op === "update", { after: true });
    const uninstalling = uninstall(uninstaller.ctx, {
      name: "marked",
      namespace: cluster.namespace,
    });
    await marked.reached;
    creating.open();
    await expect(upgrading).rejects.toThrow(
      /revision 2 of "marked" changed to uninstalling meanwhile: this upgrade applied nothing and withdrew revision 3/,
    );
    marked.open();
    await uninstalling;
    expect(await statuses("marked")).toEqual([]);
    expect(await configMap("marked")).toBeUndefined();
  });

  it("an uninstall that read the release before an upgrade claimed it is refused, deleting nothing", async () => {
    const { up } = await deployedTwice("claimed");
    const upgrader = client();
    const uninstaller = client();
    const marking = uninstaller.gates.hold((c) => c.op === "update");
    const uninstalling = uninstall(uninstaller.ctx, {
      name: "claimed",
      namespace: cluster.namespace,
    });
    await marking.reached;
    const applying = upgrader.gates.hold((c) => c.op === "update" && c.version === 2, {
      after: true,
    });
    const upgrading = up(upgrader.ctx, "won");
    await applying.reached;
    marking.open();
    await expect(uninstalling).rejects.toThrow(/is locked: revision 3 is pending-upgrade/);
    applying.open();
    await upgrading;
    expect(await statuses("claimed")).toEqual(["1:superseded", "2:superseded", "3:deployed"]);
    expect(await configMap("claimed")).toMatchObject({ data: { greeting: "won" } });
  });
});
