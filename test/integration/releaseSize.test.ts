import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionContext } from "../../src/engine/actions/context.js";
import type { KubeClient } from "../../src/kube/client.js";
import { EngineBackend } from "../../src/state/engineBackend.js";
import { writeChart } from "../support/charts.js";
import { runCli } from "../support/cli.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { engineOver } from "../support/sandboxEngine.js";

let fx: SandboxFixture;
let env: NodeJS.ProcessEnv;
let client: KubeClient;
let ctx: ActionContext;
const wh = (...args: string[]) => runCli(args, { env });

/**
 * A chart whose ConfigMap (600 KB of random text: gzip cannot shrink it) fits the API server,
 * while its release record — the template in the chart and the rendered manifest, gzip'd and
 * base64'd — passes 1 MiB.
 */
function chart(name: string, big: boolean) {
  const data = big ? randomBytes(450_000).toString("base64") : "small";
  return writeChart(
    {
      "Chart.yaml": `apiVersion: v2\nname: ${name}\nversion: 1.0.0\n`,
      "templates/cm.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-data\ndata:\n  blob: "${data}"\n`,
    },
    name,
  );
}

const secrets = async () =>
  (
    (await (await fx.sandbox.fetch("/api/v1/namespaces/default/secrets")).json()) as {
      items: Array<{ metadata: { name: string } }>;
    }
  ).items.map((s) => s.metadata.name);

beforeAll(async () => {
  fx = await withSandbox();
  env = { PATH: process.env.PATH, HOME: fx.dir, KUBECONFIG: fx.kubeconfigPath };
  ({ client, ctx } = engineOver(fx.kubeconfigPath));
});
afterAll(async () => {
  client?.close();
  await fx?.close();
});

describe("release size guard", () => {
  it("install refuses a revision whose record would pass 1 MiB, saying the size and the limit, writing nothing", async () => {
    const out = await wh("install", "huge", await chart("huge", true));
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(
      /revision 1 of "huge" would be stored as 1\.\d MiB \(\d+ bytes\), over the 1\.0 MiB a Secret or ConfigMap can hold; nothing was written/,
    );
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(await secrets()).toEqual([]);
    const cm = await fx.sandbox.fetch("/api/v1/namespaces/default/configmaps/huge-data");
    expect(cm.status).toBe(404);
  });

  it("an upgrade past the limit is refused before anything changes; the UI's plan warns first", async () => {
    expect((await wh("install", "grow", await chart("grow", false))).code).toBe(0);
    const big = await chart("grow", true);
    const backend = new EngineBackend(ctx, client, process.cwd());
    const plan = await backend.planUpgrade({
      release: { name: "grow", namespace: "default" },
      chart: big,
      values: { mode: "reuse" },
    });
    expect(plan.sizeWarning).toMatch(
      /^the new revision's record would be 1\.\d MiB, over the 1\.0 MiB a Secret holds: it will be refused and nothing written$/,
    );
    const out = await wh("upgrade", "grow", big);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('revision 2 of "grow" would be stored as');
    expect(await secrets()).toEqual(["sh.helm.release.v1.grow.v1"]);
    const history = await backend.history({ name: "grow", namespace: "default" });
    expect(history).toEqual([expect.objectContaining({ revision: 1, status: "deployed" })]);
    expect(history[0]!.storedBytes).toBeGreaterThan(100);
    expect(history[0]!.storedBytes).toBeLessThan(2000);
  });
});
