import { describe, expect, it } from "vitest";
import { FakeCluster } from "../../../test/support/fakeCluster.js";
import type { Hook, HookEvent } from "../release/types.js";
import { HookFailedError, runHooks } from "./runHooks.js";

function hook(
  name: string,
  kind: "Job" | "ConfigMap",
  events: HookEvent[],
  extra: Partial<Hook> = {},
): Hook {
  const apiVersion = kind === "Job" ? "batch/v1" : "v1";
  return {
    name,
    kind,
    path: `web/templates/${name}.yaml`,
    manifest: `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n`,
    events,
    last_run: { phase: "" },
    weight: 0,
    ...extra,
  };
}

let clock = 0;
const options = {
  namespace: "prod",
  fieldManager: "helm",
  method: "ssa" as const,
  timeoutMs: 10_000,
  now: () => new Date(clock),
  sleep: async (ms: number) => {
    clock += ms;
  },
};

describe("runHooks", () => {
  it("runs only the event's hooks, by weight then name, and records each run", async () => {
    const cluster = new FakeCluster();
    const hooks = [
      hook("migrate", "Job", ["pre-upgrade"], { weight: 5 }),
      hook("announce", "ConfigMap", ["pre-upgrade"], { weight: -1 }),
      hook("smoke", "Job", ["post-upgrade"]),
    ];
    let saves = 0;
    await runHooks(cluster, hooks, {
      ...options,
      event: "pre-upgrade",
      onRecord: async () => void saves++,
    });
    expect(cluster.calls.filter((c) => c.verb === "apply").map((c) => c.ref)).toEqual([
      "/ConfigMap/prod/announce",
      "batch/Job/prod/migrate",
    ]);
    expect(hooks.map((h) => h.last_run.phase)).toEqual(["Succeeded", "Succeeded", ""]);
    expect(saves).toBe(4);
  });

  it("deletes the previous copy first by default (before-hook-creation)", async () => {
    const cluster = new FakeCluster();
    await runHooks(cluster, [hook("migrate", "Job", ["pre-install"])], {
      ...options,
      event: "pre-install",
    });
    expect(cluster.calls.map((c) => c.verb)).toEqual(["delete", "apply", "get"]);
  });

  it("stops at a failed Job, marks it Failed and runs hook-failed deletion", async () => {
    const cluster = new FakeCluster();
    cluster.workloadOutcome = "fail";
    const hooks = [
      hook("migrate", "Job", ["pre-upgrade"], { delete_policies: ["hook-failed"] }),
      hook("later", "Job", ["pre-upgrade"], { weight: 1 }),
    ];
    const run = runHooks(cluster, hooks, { ...options, event: "pre-upgrade" });
    await expect(run).rejects.toThrow(HookFailedError);
    await expect(runHooks(cluster, hooks, { ...options, event: "pre-upgrade" })).rejects.toThrow(
      'pre-upgrade hook web/templates/migrate.yaml (Job "migrate") failed: Job prod/migrate failed',
    );
    expect(hooks[0]?.last_run.phase).toBe("Failed");
    expect(cluster.find("Job", "migrate")).toBeUndefined();
    expect(cluster.find("Job", "later")).toBeUndefined();
  });

  it("gives up on a Job that never finishes after the timeout", async () => {
    const cluster = new FakeCluster();
    cluster.workloadOutcome = "hang";
    await expect(
      runHooks(cluster, [hook("slow", "Job", ["post-install"])], {
        ...options,
        event: "post-install",
        timeoutMs: 2_000,
      }),
    ).rejects.toThrow(/timed out after 2s waiting for Job prod\/slow/);
  });

  it("deletes hook-succeeded hooks after the whole event succeeded", async () => {
    const cluster = new FakeCluster();
    await runHooks(
      cluster,
      [hook("once", "Job", ["post-install"], { delete_policies: ["hook-succeeded"] })],
      {
        ...options,
        event: "post-install",
      },
    );
    expect(cluster.find("Job", "once")).toBeUndefined();
  });
});
