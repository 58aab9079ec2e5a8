import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionContext } from "../../src/engine/actions/context.js";
import type { KubeClient } from "../../src/kube/client.js";
import { runCli } from "../support/cli.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { engineOver } from "../support/sandboxEngine.js";

const webapp = resolve("demo/charts/webapp");
let fx: SandboxFixture;
let env: NodeJS.ProcessEnv;
let client: KubeClient;
let ctx: ActionContext;
const wh = (...args: string[]) => runCli(args, { env });

beforeAll(async () => {
  fx = await withSandbox();
  env = { PATH: process.env.PATH, HOME: fx.dir, KUBECONFIG: fx.kubeconfigPath };
  ({ client, ctx } = engineOver(fx.kubeconfigPath));
});
afterAll(() => fx.close());

const methodOf = async (name: string, version: number) =>
  (await ctx.storage.get("default", name, version)).apply_method;

const deploymentRef = (release: string) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  namespace: "default",
  name: `${release}-webapp`,
});

describe("apply methods, as helm 4.1 chooses them", () => {
  it("keeps a client-side release client-side under auto, keeping another manager's edit", async () => {
    expect((await wh("install", "csa", webapp, "--server-side=false")).code).toBe(0);
    expect(await methodOf("csa", 1)).toBe("csa");

    // Someone else annotates the live object: a three-way merge leaves that alone.
    await client.objects.patch(
      deploymentRef("csa"),
      { metadata: { annotations: { "ops.example.com/owner": "night-shift" } } },
      "strategic",
      { fieldManager: "kubectl-annotate" },
    );
    const upgraded = await wh("upgrade", "csa", webapp, "--set", "replicaCount=4");
    expect(upgraded.stderr).toBe("");
    expect(await methodOf("csa", 2)).toBe("csa");
    const live = await client.objects.get(deploymentRef("csa"));
    expect(live?.spec).toMatchObject({ replicas: 4 });
    expect(live?.metadata.annotations).toMatchObject({
      "ops.example.com/owner": "night-shift",
      "meta.helm.sh/release-name": "csa",
    });

    expect((await wh("upgrade", "csa", webapp, "--server-side=true")).code).toBe(0);
    expect(await methodOf("csa", 3)).toBe("ssa");
    // A rollback follows the target revision's method.
    expect((await wh("rollback", "csa", "2")).code).toBe(0);
    expect(await methodOf("csa", 4)).toBe("csa");
  });

  it("names the field and its manager on a server-side conflict; --force-conflicts takes it over", async () => {
    expect((await wh("install", "ssa", webapp)).code).toBe(0);
    await client.objects.apply(
      {
        ...deploymentRef("ssa"),
        metadata: { name: "ssa-webapp", namespace: "default" },
        spec: { replicas: 7 },
      },
      { fieldManager: "autoscaler-x", force: true },
    );
    const refused = await wh("upgrade", "ssa", webapp, "--set", "replicaCount=3");
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('.spec.replicas is owned by "autoscaler-x"');
    expect(refused.stderr).toContain("--force-conflicts");
    expect(refused.stderr).not.toMatch(/\n\s+at /);

    const forced = await wh(
      "upgrade",
      "ssa",
      webapp,
      "--set",
      "replicaCount=3",
      "--force-conflicts",
    );
    expect(forced.stderr).toBe("");
    expect((await client.objects.get(deploymentRef("ssa")))?.spec).toMatchObject({ replicas: 3 });
  });

  it("refuses a bad --server-side value, and --force-conflicts under client-side apply", async () => {
    const bad = await wh("upgrade", "csa", webapp, "--server-side=maybe");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('invalid --server-side value "maybe"');
    const forced = await wh(
      "install",
      "csa-forced",
      webapp,
      "--server-side=false",
      "--force-conflicts",
    );
    expect(forced.code).not.toBe(0);
    expect(forced.stderr).toContain("--force-conflicts needs server-side apply");
    expect((await wh("history", "csa-forced")).code).not.toBe(0);
  });
});
