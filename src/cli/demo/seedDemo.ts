import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { ActionContext } from "../../engine/actions/context.js";
import { install } from "../../engine/actions/install.js";
import { rollback } from "../../engine/actions/rollback.js";
import { uninstall } from "../../engine/actions/uninstall.js";
import { planUpgrade, upgrade } from "../../engine/actions/upgrade.js";
import { loadChart } from "../../engine/chart/loadChart.js";
import type { Chart } from "../../engine/chart/types.js";
import type { Values } from "../../engine/values/types.js";
import { readDataYaml, writeDataYaml } from "../../engine/yaml/index.js";
import type { Sandbox } from "../../sandbox/index.js";
import { findHelm } from "./helmBinary.js";

const run = promisify(execFile);

interface SeedStep {
  do:
    | "install"
    | "upgrade"
    | "rollback"
    | "uninstall-keep-history"
    | "fail-upgrade"
    | "stuck-upgrade";
  values?: Values;
  revision?: number;
  hoursLater?: number;
}

interface SeedPlan {
  namespaces: string[];
  releases: Array<{ name: string; namespace: string; chart: string; steps: SeedStep[] }>;
  helmReleases?: Array<{ name: string; namespace: string; chart: string; upgrades?: Values[] }>;
}

export interface SeedResult {
  releases: number;
  revisions: number;
  /** Why the helm-installed release is missing, when it is. */
  helmSkipped?: string;
}

const HOUR = 3_600_000;

/** The demo folder: charts and seed.yaml, next to dist/ and src/. */
export const DEMO_DIR = new URL("../../../demo/", import.meta.url).pathname;

/**
 * Populates a sandbox from demo/seed.yaml through the engine — the same
 * code paths the CLI runs — with a clock that spreads each release's
 * history over the past weeks. Failures are produced the way they happen
 * for real: an injected API error, a process that died mid-upgrade.
 */
export async function seedDemo(
  sandbox: Sandbox,
  ctx: ActionContext,
  helmEnv: NodeJS.ProcessEnv,
  /** Where helm's values files are written. */
  workDir: string,
): Promise<SeedResult> {
  const plan = readDataYaml(await readFile(join(DEMO_DIR, "seed.yaml"), "utf8")) as SeedPlan;
  const charts = new Map<string, Chart>();
  const chart = async (name: string) => {
    let loaded = charts.get(name);
    if (!loaded) {
      loaded = await loadChart(join(DEMO_DIR, "charts", name));
      charts.set(name, loaded);
    }
    return loaded;
  };
  for (const ns of plan.namespaces) {
    await ctx.cluster.apply(
      { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
      { fieldManager: "wheelhouse-demo", force: true },
    );
  }

  const realNow = Date.now();
  let revisions = 0;
  await Promise.all(
    plan.releases.map(async (release, index) => {
      const span = release.steps.reduce((sum, s) => sum + (s.hoursLater ?? 0), 0);
      let clock = realNow - (span + 2 + index * 5) * HOUR;
      const releaseCtx: ActionContext = { ...ctx, now: () => new Date(clock) };
      const base = { name: release.name, namespace: release.namespace };
      for (const step of release.steps) {
        clock += (step.hoursLater ?? 0) * HOUR;
        const userValues = step.values ?? {};
        switch (step.do) {
          case "install":
            await install(releaseCtx, { ...base, chart: await chart(release.chart), userValues });
            break;
          case "upgrade":
            await upgrade(releaseCtx, {
              ...base,
              chart: await chart(release.chart),
              userValues,
              valuesMode: "reset",
            });
            break;
          case "rollback":
            await rollback(releaseCtx, {
              ...base,
              ...(step.revision ? { revision: step.revision } : {}),
            });
            break;
          case "uninstall-keep-history":
            await uninstall(releaseCtx, { ...base, keepHistory: true });
            break;
          case "fail-upgrade":
            await failedUpgrade(sandbox, releaseCtx, base, await chart(release.chart), userValues);
            break;
          case "stuck-upgrade": {
            // What a process killed mid-upgrade leaves behind: the pending record, nothing applied.
            const planned = await planUpgrade(releaseCtx, {
              ...base,
              chart: await chart(release.chart),
              userValues,
              valuesMode: "reset",
            });
            await releaseCtx.storage.create(planned.pending);
            break;
          }
        }
        revisions += step.do === "uninstall-keep-history" ? 0 : 1;
      }
    }),
  );

  const result: SeedResult = { releases: plan.releases.length, revisions };
  const helm = findHelm(4);
  if (!helm) {
    result.helmSkipped = "helm is not installed (it comes with the devDependencies)";
    return result;
  }
  for (const r of plan.helmReleases ?? []) {
    const chartDir = join(DEMO_DIR, "charts", r.chart);
    const args = ["--namespace", r.namespace];
    await run(helm, ["install", r.name, chartDir, ...args], { env: helmEnv });
    for (const [i, values] of (r.upgrades ?? []).entries()) {
      const file = join(workDir, `${r.name}-upgrade-${i + 1}.yaml`);
      await writeFile(file, writeDataYaml(values));
      await run(helm, ["upgrade", r.name, chartDir, ...args, "-f", file], { env: helmEnv });
    }
    result.releases += 1;
    result.revisions += 1 + (r.upgrades?.length ?? 0);
  }
  return result;
}

async function failedUpgrade(
  sandbox: Sandbox,
  ctx: ActionContext,
  base: { name: string; namespace: string },
  chart: Chart,
  userValues: Values,
): Promise<void> {
  sandbox.setFaults({
    failRequests: [
      {
        method: "PATCH",
        pathIncludes: `/namespaces/${base.namespace}/deployments/${base.name}-`,
        status: 500,
        times: 1,
      },
    ],
  });
  try {
    await upgrade(ctx, { ...base, chart, userValues, valuesMode: "reset" });
  } catch {
    // Expected: the revision is recorded failed, the previous one stays deployed.
  } finally {
    sandbox.setFaults({});
  }
}
