import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../src/kube/client.js";
import { EngineBackend } from "../../src/state/engineBackend.js";
import { runCli } from "../support/cli.js";
import { PULLED, packagedChart, ociTemp } from "../support/ociCharts.js";
import { registryAvailable, startRegistry, type RegistryFixture } from "../support/registry.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { engineOver } from "../support/sandboxEngine.js";

describe.skipIf(!registryAvailable)(
  "install, upgrade and diff upgrade from oci://, and the TUI's upgrade",
  () => {
    let reg: RegistryFixture;
    let fx: SandboxFixture;
    let env: NodeJS.ProcessEnv;
    let ref: string;
    const cli = (args: string[]) => runCli([...args, "--plain-http"], { env });

    beforeAll(async () => {
      reg = await startRegistry();
      fx = await withSandbox();
      const home = await ociTemp("wh-oci-up-");
      env = { PATH: process.env.PATH, HOME: home, KUBECONFIG: fx.kubeconfigPath };
      for (const version of ["0.1.0", "0.2.0", "0.3.0"])
        await cli(["push", await packagedChart("demo", version), `oci://${reg.host}/charts`]);
      ref = `oci://${reg.host}/charts/demo`;
    });
    afterAll(async () => {
      await reg.close();
      await fx.close();
    });

    it("installs a version, diffs and upgrades to a range", async () => {
      const installed = await cli(["install", "web", ref, "--version", "0.1.0"]);
      expect(installed.stderr).toMatch(PULLED);
      expect(installed.code).toBe(0);
      const diff = await cli(["diff", "upgrade", "web", ref, "--version", "~0.2"]);
      expect(diff.stdout).toMatch(/^-.*version: "0\.1\.0"$/m);
      expect(diff.stdout).toMatch(/^\+ +version: "0\.2\.0"$/m);
      const upgraded = await cli(["upgrade", "web", ref, "--version", "~0.2"]);
      expect(upgraded.code).toBe(0);
      const status = await runCli(["status", "web", "-o", "json"], { env });
      expect(JSON.parse(status.stdout)).toMatchObject({
        version: 2,
        chart: { metadata: { version: "0.2.0" } },
      });
    });

    it("the TUI's upgrade prompt takes oci://…[@range] and oci://…@sha256:", async () => {
      const {
        client,
        ctx,
      }: { client: KubeClient; ctx: ConstructorParameters<typeof EngineBackend>[0] } = engineOver(
        fx.kubeconfigPath,
      );
      const backend = new EngineBackend(ctx, client, process.cwd(), env, undefined, {
        plainHttp: true,
        env,
      });
      try {
        const release = { name: "web", namespace: "default" };
        const newest = await backend.planUpgrade({
          release,
          chart: ref,
          values: { mode: "reuse" },
        });
        expect(newest.chart).toBe("demo-0.3.0");
        const ranged = await backend.planUpgrade({
          release,
          chart: `${ref}@<0.3.0`,
          values: { mode: "reuse" },
        });
        expect(ranged.chart).toBe("demo-0.2.0");
        const pulled = await cli(["pull", ref, "--version", "0.1.0", "-d", fx.dir]);
        const digest = /Digest: (sha256:[a-f0-9]{64})/.exec(pulled.stderr)![1]!;
        const pinned = await backend.planUpgrade({
          release,
          chart: `${ref}@${digest}`,
          values: { mode: "reuse" },
        });
        expect(pinned.chart).toBe("demo-0.1.0");
      } finally {
        backend.close();
        client.close();
      }
    });
  },
);
