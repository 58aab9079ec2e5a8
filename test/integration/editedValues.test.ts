import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install } from "../../src/engine/actions/install.js";
import type { ActionContext } from "../../src/engine/actions/context.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import type { KubeClient } from "../../src/kube/client.js";
import { EngineBackend } from "../../src/state/engineBackend.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { engineOver } from "../support/sandboxEngine.js";

const webapp = resolve("demo/charts/webapp");
const release = { name: "edited", namespace: "default" };
let fx: SandboxFixture;
let client: KubeClient;
let ctx: ActionContext;
let backend: EngineBackend;

beforeAll(async () => {
  fx = await withSandbox();
  ({ client, ctx } = engineOver(fx.kubeconfigPath));
  backend = new EngineBackend(ctx, client, process.cwd());
  await install(ctx, { ...release, chart: await loadChart(webapp), userValues: {} });
});
afterAll(async () => {
  client.close();
  await fx.close();
});

/** The lines the planned upgrade adds to the resources of one kind. */
async function addedLines(yaml: string, kind: string): Promise<string[]> {
  const plan = await backend.planUpgrade({
    release,
    chart: webapp,
    values: { mode: "edited", yaml },
  });
  return plan.diff.revealed.resources
    .filter((r) => r.kind === kind)
    .flatMap((r) => r.lines.filter((l) => l.op === "add").map((l) => l.text.trim()));
}

describe("values edited in the TUI", () => {
  it("are read as a values file (-f) is: a `<<` merge key reaches the chart as helm sees it", async () => {
    const edited = "defaults: &defaults\n  port: 8443\nservice:\n  <<: *defaults\n";
    expect(await addedLines(edited, "Service")).toContain("port: 8443");
  });

  it("are read with helm's YAML 1.1 typing and its multi-document merge", async () => {
    const edited = "service:\n  port: 0x1F90\n---\nreplicaCount: 4\n";
    expect(await addedLines(edited, "Service")).toContain("port: 8080");
    expect(await addedLines(edited, "Deployment")).toContain("replicas: 4");
  });
});
