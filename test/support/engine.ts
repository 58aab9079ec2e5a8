import type { ActionContext } from "../../src/engine/actions/context.js";
import { MemoryDriver } from "../../src/engine/storage/memory.js";
import { ReleaseStorage } from "../../src/engine/storage/releaseStorage.js";
import { FakeCluster } from "./fakeCluster.js";

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
