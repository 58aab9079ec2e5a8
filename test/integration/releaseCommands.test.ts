import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

const webapp = resolve("demo/charts/webapp");
let fx: SandboxFixture;
let env: NodeJS.ProcessEnv;
const wh = (...args: string[]) => runCli(args, { env });

beforeAll(async () => {
  fx = await withSandbox();
  env = { PATH: process.env.PATH, HOME: fx.dir, KUBECONFIG: fx.kubeconfigPath };
});
afterAll(() => fx.close());

async function revisions(name: string, ns = "default") {
  const { stdout } = await wh("history", name, "-n", ns, "-o", "json");
  return (
    JSON.parse(stdout) as Array<{ revision: number; status: string; description: string }>
  ).map((r) => `${r.revision}:${r.status}`);
}

describe("release commands against the sandbox", () => {
  it("installs, upgrades, diffs, rolls back and uninstalls a release", async () => {
    const install = await wh("install", "shop", webapp, "--set", "replicaCount=2", "--wait");
    expect(install.stderr).toBe("");
    expect(install.stdout).toMatch(/STATUS: deployed\nREVISION: 1/);

    const preview = await wh(
      "diff",
      "upgrade",
      "shop",
      webapp,
      "--set",
      "replicaCount=5",
      "--detailed-exitcode",
    );
    expect(preview.code).toBe(2);
    expect(preview.stdout).toContain("default, shop-webapp, Deployment (apps) has changed:");
    expect(preview.stdout).toMatch(/- {3}replicas: 2\n\+ {3}replicas: 5/);
    expect(await revisions("shop")).toEqual(["1:deployed"]);

    expect((await wh("upgrade", "shop", webapp, "--set", "replicaCount=5")).code).toBe(0);
    expect(await revisions("shop")).toEqual(["1:superseded", "2:deployed"]);

    const values = await wh("get", "values", "shop", "-o", "json");
    expect(JSON.parse(values.stdout)).toEqual({ replicaCount: 5 });

    const rollbackPreview = await wh("diff", "rollback", "shop", "1");
    expect(rollbackPreview.stdout).toMatch(/- {3}replicas: 5\n\+ {3}replicas: 2/);

    expect((await wh("rollback", "shop", "1")).stdout).toMatch(/Rollback was a success/);
    expect(await revisions("shop")).toEqual(["1:superseded", "2:superseded", "3:deployed"]);
    const manifest = await wh("get", "manifest", "shop");
    expect(manifest.stdout).toContain("replicas: 2");

    const status = await wh("status", "shop");
    expect(status.stdout).toMatch(/STATUS: deployed/);
    expect(status.stdout).toMatch(/Deployment\s+default\/shop-webapp\s+ready/);

    const list = await wh("list", "-o", "json");
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        name: "shop",
        revision: "3",
        status: "deployed",
        chart: "webapp-1.2.0",
      }),
    ]);

    expect((await wh("uninstall", "shop", "--keep-history")).stdout).toMatch(
      /release "shop" uninstalled/,
    );
    expect(await revisions("shop")).toEqual(["1:superseded", "2:superseded", "3:uninstalled"]);
    expect((await wh("uninstall", "shop")).code).toBe(0);
    const gone = await wh("history", "shop");
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/release "shop" not found in namespace "default"/);
  });

  it("previews and rolls back a release uninstalled with its history kept", async () => {
    await wh("install", "kept", webapp, "--set", "replicaCount=2");
    await wh("uninstall", "kept", "--keep-history");
    const preview = await wh("diff", "rollback", "kept", "1", "--detailed-exitcode");
    expect(preview.stderr).toBe("");
    expect(preview.code).toBe(2);
    expect(preview.stdout).toContain("default, kept-webapp, Deployment (apps) has been added:");
    expect(preview.stdout).toMatch(/\+ {3}replicas: 2/);
    expect((await wh("rollback", "kept", "1")).code).toBe(0);
    expect((await revisions("kept")).at(-1)).toBe("2:deployed");
  });

  it("reports drift between the stored manifest and the live objects", async () => {
    await wh("install", "drift", webapp, "-n", "default");
    const clean = await wh("diff", "live", "drift", "--detailed-exitcode");
    expect(clean.code).toBe(0);
    await fx.sandbox.fetch(`/apis/apps/v1/namespaces/default/deployments/drift-webapp`, {
      method: "PATCH",
      headers: { "Content-Type": "application/merge-patch+json" },
      body: JSON.stringify({ spec: { replicas: 9 } }),
    });
    const drifted = await wh("diff", "live", "drift");
    expect(drifted.stdout).toMatch(/- {3}replicas: 2\n\+ {3}replicas: 9/);
  });

  it("masks Secret values in diffs unless asked", async () => {
    await wh("install", "secrets", webapp);
    const masked = await wh("diff", "upgrade", "secrets", webapp, "--set", "secret.apiKey=new-key");
    expect(masked.stdout).toContain("Secret (v1) has changed");
    expect(masked.stdout).not.toContain("bmV3LWtleQ==");
    const shown = await wh(
      "diff",
      "upgrade",
      "secrets",
      webapp,
      "--set",
      "secret.apiKey=new-key",
      "--show-secrets",
    );
    expect(shown.stdout).toMatch(/new-key|bmV3LWtleQ==/);
  });

  it("keeps history intact when the cluster fails mid-upgrade, and says what happened", async () => {
    await wh("install", "fragile", webapp);
    fx.sandbox.setFaults({
      failRequests: [
        { method: "PATCH", pathIncludes: "/deployments/fragile-webapp", status: 500, times: 5 },
      ],
    });
    const failed = await wh("upgrade", "fragile", webapp, "--set", "replicaCount=4");
    fx.sandbox.setFaults({});
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/Error: Upgrade "fragile" failed: /);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect(await revisions("fragile")).toEqual(["1:deployed", "2:failed"]);
    const retried = await wh("upgrade", "fragile", webapp, "--set", "replicaCount=4");
    expect(retried.code).toBe(0);
    expect(await revisions("fragile")).toEqual(["1:superseded", "2:failed", "3:deployed"]);
  });

  it("refuses a locked release and recovers it on request", async () => {
    await wh("install", "stuck", webapp);
    fx.sandbox.setFaults({
      failRequests: [
        { method: "PUT", pathIncludes: "sh.helm.release.v1.stuck.v2", status: 503, times: 100 },
      ],
    });
    const died = await wh("upgrade", "stuck", webapp, "--set", "replicaCount=3");
    fx.sandbox.setFaults({});
    expect(died.code).toBe(1);
    expect(died.stderr).toMatch(/"stuck" was applied, but revision 2 could not be marked deployed/);
    expect(died.stderr).toMatch(
      /revision 2 stays pending-upgrade; once the cluster answers, run `wheelhouse recover stuck -n default`/,
    );
    const refused = await wh("rollback", "stuck", "1");
    expect(refused.stderr).toMatch(
      /release "stuck" in namespace "default" is locked: revision 2 is pending-upgrade/,
    );
    const shown = await wh("recover", "stuck");
    expect(shown.stdout).toMatch(/Revision 2 of "stuck" is pending-upgrade/);
    expect(await revisions("stuck")).toEqual(["1:deployed", "2:pending-upgrade"]);
    expect((await wh("recover", "stuck", "--yes")).code).toBe(0);
    expect(await revisions("stuck")).toEqual(["1:deployed", "2:failed"]);
  });

  it("explains an unreachable cluster without a stack trace", async () => {
    const closed = await withSandbox();
    const kubeconfig = closed.kubeconfigPath;
    await closed.sandbox.close();
    const result = await runCli(["list"], {
      env: { PATH: process.env.PATH, HOME: fx.dir, KUBECONFIG: kubeconfig },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Error: .*127\.0\.0\.1:\d+/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("stores releases where --driver says, and dry runs change nothing", async () => {
    expect((await wh("install", "cm", webapp, "--driver", "configmap")).code).toBe(0);
    const cms = await fx.sandbox.fetch(
      `/api/v1/namespaces/default/configmaps?labelSelector=owner%3Dhelm,name%3Dcm`,
    );
    expect(((await cms.json()) as { items: unknown[] }).items).toHaveLength(1);
    expect((await wh("history", "cm")).code).toBe(1);
    expect((await wh("history", "cm", "--driver", "configmap")).stdout).toMatch(/1\s+.*deployed/);

    const client = await wh(
      "upgrade",
      "cm",
      webapp,
      "--driver",
      "configmap",
      "--set",
      "replicaCount=7",
      "--dry-run=client",
    );
    expect(client.stdout).toMatch(/replicas: 7/);
    const server = await wh(
      "upgrade",
      "cm",
      webapp,
      "--driver",
      "configmap",
      "--set",
      "replicaCount=7",
      "--dry-run",
    );
    expect(server.code).toBe(0);
    const history = await wh("history", "cm", "--driver", "configmap", "-o", "json");
    expect(JSON.parse(history.stdout)).toHaveLength(1);
    const live = await fx.sandbox.fetch(`/apis/apps/v1/namespaces/default/deployments/cm-webapp`);
    expect(((await live.json()) as { spec: { replicas: number } }).spec.replicas).toBe(2);
  });

  it("lets exactly one of two concurrent upgrades win", async () => {
    await wh("install", "race", webapp);
    fx.sandbox.setFaults({ latencyMs: 30 });
    const results = await Promise.all([
      wh("upgrade", "race", webapp, "--set", "replicaCount=3"),
      wh("upgrade", "race", webapp, "--set", "replicaCount=4"),
    ]);
    fx.sandbox.setFaults({});
    const codes = results.map((r) => r.code).sort();
    expect(codes).toEqual([0, 1]);
    const loser = results.find((r) => r.code === 1)!;
    expect(loser.stderr).toMatch(
      /is locked: revision 2 is pending-upgrade|revision 2 of release "race" in namespace "default" was created by another client first/,
    );
    expect(await revisions("race")).toEqual(["1:superseded", "2:deployed"]);
  });

  it("recovers from a process killed mid-upgrade", async () => {
    await wh("install", "killed", webapp);
    fx.sandbox.setFaults({ latencyMs: 150 });
    const child = spawn(
      process.execPath,
      [resolve("dist/cli/main.js"), "upgrade", "killed", webapp, "--set", "replicaCount=4"],
      {
        env,
        stdio: "ignore",
      },
    );
    try {
      await expect
        .poll(async () => (await revisions("killed")).join(","), { timeout: 20_000, interval: 100 })
        .toContain("2:pending-upgrade");
      child.kill("SIGKILL");
    } finally {
      fx.sandbox.setFaults({});
    }
    await new Promise((done) => child.once("exit", done));
    expect(await revisions("killed")).toEqual(["1:deployed", "2:pending-upgrade"]);

    const refused = await wh("upgrade", "killed", webapp, "--set", "replicaCount=5");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is locked: revision 2 is pending-upgrade/);
    expect(refused.stderr).toMatch(/wheelhouse recover killed -n default/);

    expect((await wh("recover", "killed", "--yes")).code).toBe(0);
    expect((await wh("upgrade", "killed", webapp, "--set", "replicaCount=5")).code).toBe(0);
    expect(await revisions("killed")).toEqual(["1:superseded", "2:failed", "3:deployed"]);
  });

  it("prints client and server versions", async () => {
    const result = await wh("version", "--short");
    expect(result.stdout).toMatch(/^Client: v\d+\.\d+\.\d+\nServer: v1\.\d+\.\d+\n$/);
  });
});
