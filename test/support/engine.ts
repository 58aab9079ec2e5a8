import type { ActionContext } from "../../src/engine/actions/context.js";
import { manifestObjects } from "../../src/engine/apply/manifestObjects.js";
import { withOwnership } from "../../src/engine/cluster/ownership.js";
import type { ReleaseStatus } from "../../src/engine/release/types.js";
import { MemoryDriver } from "../../src/engine/storage/memory.js";
import { ReleaseStorage } from "../../src/engine/storage/releaseStorage.js";
import { FakeCluster } from "./fakeCluster.js";
import { GatedDriver } from "./gatedDriver.js";
import { makeRelease } from "./releases.js";

/** An action context over the memory driver and a fake cluster, with a controllable clock. */
export function fakeEngine(start = new Date("2026-11-25T05:00:00Z")) {
  let now = start.getTime();
  const driver = new MemoryDriver(() => new Date(now));
  const cluster = new FakeCluster();
  const ctx: ActionContext = {
    storage: new ReleaseStorage(driver),
    cluster,
    now: () => new Date(now),
    fieldManager: "helm",
    sleep: async (ms) => {
      now += ms;
    },
  };
  return {
    ctx,
    driver,
    cluster,
    advance(ms: number) {
      now += ms;
    },
    /** Statuses of a release's revisions, oldest first, e.g. ["superseded", "deployed"]. */
    async statuses(name = "demo", namespace = "default") {
      const refs = await ctx.storage.refs(namespace, name);
      return refs.map((r) => `${r.version}:${r.status}`);
    },
  };
}

export const configMap = (value: string) =>
  `---\n# Source: web/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  value: "${value}"\n`;
export const service =
  "---\n# Source: web/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n";

/** Stores revisions with the given statuses and manifests, and makes the deployed one live. */
export async function withHistory(revisions: Array<[ReleaseStatus, string]>) {
  const engine = fakeEngine();
  for (const [i, [status, manifest]] of revisions.entries()) {
    await engine.driver.create(
      makeRelease({ version: i + 1, status, manifest, config: { value: `v${i + 1}` } }),
    );
  }
  const live = revisions.findLast(([status]) => status === "deployed")?.[1] ?? "";
  for (const o of await manifestObjects(live, "default", engine.cluster)) {
    engine.cluster.seed(withOwnership(o, { name: "demo", namespace: "default" }));
  }
  return engine;
}

/**
 * Another client of the same cluster and store as `engine` — a second process, as far as the
 * records can tell — whose storage calls a test can hold to play a race step by step.
 */
export function otherClient(engine: ReturnType<typeof fakeEngine>) {
  const gates = new GatedDriver(engine.driver);
  const ctx: ActionContext = { ...engine.ctx, storage: new ReleaseStorage(gates) };
  return { ctx, gates };
}
