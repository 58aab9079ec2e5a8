import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeChart } from "../support/charts.js";
import { runCli } from "../support/cli.js";
import { helmBinary, helmEnv } from "../support/helm.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

const run = promisify(execFile);
const webapp = resolve("demo/charts/webapp");
const helm = helmBinary(4);
/** A chart helm itself can render (Go templates). */
const goChart = {
  "Chart.yaml": 'apiVersion: v2\nname: plain\nversion: 0.2.0\nappVersion: "3.1"\n',
  "templates/cm.yaml":
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  n: {{ .Values.n | default 1 | quote }}\n",
};
let plain: string;

let fx: SandboxFixture;
let env: NodeJS.ProcessEnv;
const wh = (...args: string[]) => runCli(args, { env });

beforeAll(async () => {
  fx = await withSandbox();
  env = helmEnv(fx.dir, fx.kubeconfigPath);
  plain = await writeChart(goChart, "plain");
});
afterAll(() => fx.close());

interface Element {
  revision: number;
  description: string;
  by?: string;
  reason?: string;
}
const historyJson = async (name: string) =>
  JSON.parse((await wh("history", name, "-o", "json")).stdout) as Element[];

describe("who and why in history", () => {
  it("records who the server says acted and the --description reason, and reads them back", async () => {
    expect((await wh("install", "who", webapp, "--description", 'rotate "certs"')).code).toBe(0);
    expect((await wh("upgrade", "who", webapp, "--set", "replicaCount=3")).code).toBe(0);
    expect((await wh("rollback", "who", "1", "--description", "bad replicas")).code).toBe(0);

    expect(await historyJson("who")).toEqual([
      expect.objectContaining({
        revision: 1,
        description: 'Install complete · by sandbox-admin · "rotate \\"certs\\""',
        by: "sandbox-admin",
        reason: 'rotate "certs"',
      }),
      expect.objectContaining({
        revision: 2,
        description: "Upgrade complete · by sandbox-admin",
        by: "sandbox-admin",
      }),
      expect.objectContaining({ revision: 3, by: "sandbox-admin", reason: "bad replicas" }),
    ]);
    const table = (await wh("history", "who")).stdout.split("\n");
    expect(table[0]).toMatch(/APP VERSION\s+BY\s+REASON\s+DESCRIPTION$/);
    expect(table[1]).toMatch(/sandbox-admin\s+rotate "certs"\s+Install complete$/);
    expect(table[3]).toMatch(/sandbox-admin\s+bad replicas\s+Rollback to 1$/);
  });

  it("keeps the reason of an uninstall kept for history", async () => {
    expect((await wh("install", "gone", webapp)).code).toBe(0);
    const out = await wh("uninstall", "gone", "--keep-history", "--description", "retired");
    expect(out.code).toBe(0);
    expect((await historyJson("gone")).at(-1)).toMatchObject({
      description: 'Uninstallation complete · by sandbox-admin · "retired"',
      reason: "retired",
    });
  });

  it.skipIf(!helm)(
    "helm history shows it, and a revision helm wrote shows nothing odd",
    async () => {
      expect((await wh("install", "turns", plain, "--description", "first")).code).toBe(0);
      await run(helm!, ["upgrade", "turns", plain, "--set", "n=2"], { env });
      const { stdout } = await run(helm!, ["history", "turns"], { env });
      expect(stdout).toContain('Install complete · by sandbox-admin · "first"');
      expect(stdout).toMatch(/2\s.*deployed.*Upgrade complete\s*\n$/);

      const ours = (await wh("history", "turns")).stdout.split("\n");
      expect(ours[1]).toMatch(/sandbox-admin\s+first\s+Install complete$/);
      expect(ours[2]).toMatch(/3\.1\s+Upgrade complete$/);
      expect((await historyJson("turns"))[1]).toEqual(
        expect.not.objectContaining({ by: expect.anything() }),
      );
    },
  );

  it.skipIf(!helm)("a history only helm wrote keeps helm's columns", async () => {
    await run(helm!, ["install", "plain", plain], { env });
    const header = (await wh("history", "plain")).stdout.split("\n")[0]!;
    expect(header).toMatch(/^REVISION\s+UPDATED\s+STATUS\s+CHART\s+APP VERSION\s+DESCRIPTION$/);
  });
});
