import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install } from "../../src/engine/actions/install.js";
import type { ActionContext } from "../../src/engine/actions/context.js";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import type { KubeClient } from "../../src/kube/client.js";
import { toAppError } from "../../src/state/appTypes.js";
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

  it("start from the user-supplied values, or from the chart's defaults commented out, never `{}`", async () => {
    const empty = await backend.currentValuesYaml(release);
    expect(empty).not.toContain("{}");
    expect(empty).toMatch(/^# No user-supplied values: the chart's defaults apply\./);
    expect(empty).toContain("\n# replicaCount: 2\n");
    const valued = { name: "valued", namespace: "default" };
    await install(ctx, {
      ...valued,
      chart: await loadChart(webapp),
      userValues: { replicaCount: 3, image: { tag: "1.2.3" } },
    });
    expect(await backend.currentValuesYaml(valued)).toBe("image:\n  tag: 1.2.3\nreplicaCount: 3\n");
  });

  it("that are not valid YAML say the line and column, and show the lines up to it", async () => {
    const edited = "replicaCount: 2\nservice:\n  port: 80\n type: NodePort\n";
    const failure = await backend
      .planUpgrade({ release, chart: webapp, values: { mode: "edited", yaml: edited } })
      .then(
        () => undefined,
        (err: unknown) => toAppError(err),
      );
    expect(failure).toEqual({
      kind: "values",
      message:
        "the edited values are not valid YAML: line 4, column 2: bad indentation of a mapping entry",
      details: [
        "1 | replicaCount: 2",
        "2 | service:",
        "3 |   port: 80",
        "4 |  type: NodePort",
        "  |  ^",
      ].join("\n"),
    });
  });

  it("that are a list, not a map, say so", async () => {
    const failure = await backend
      .planUpgrade({ release, chart: webapp, values: { mode: "edited", yaml: "- 1\n- 2\n" } })
      .then(
        () => undefined,
        (err: unknown) => toAppError(err),
      );
    expect(failure?.message).toBe(
      "the edited values must be a map of keys to values, as a values file is",
    );
  });
});

describe("the chart of an upgrade", () => {
  it("is loaded and named before any values are edited", async () => {
    expect(await backend.checkChart(webapp)).toMatch(/^webapp-\d+\.\d+\.\d+$/);
    await expect(backend.checkChart(resolve("demo/charts/no-such-chart"))).rejects.toThrow(
      /no-such-chart/,
    );
  });
});
