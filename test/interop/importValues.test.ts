import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeChart } from "../support/charts.js";
import { runCli } from "../support/cli.js";
import { helmBinary, helmEnv } from "../support/helm.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

const run = promisify(execFile);

/**
 * An umbrella chart importing from its db subchart both ways import-values
 * allows; templates are plain YAML so that helm and wheelhouse both render it.
 */
const umbrella = {
  "Chart.yaml": [
    "apiVersion: v2",
    "name: umbrella",
    "version: 0.1.0",
    "dependencies:",
    "  - name: db",
    "    version: 0.1.0",
    "    import-values:",
    "      - conn",
    "      - child: settings.pool",
    "        parent: pool",
    "      - missing",
    "",
  ].join("\n"),
  "values.yaml": "name: umbrella\npool:\n  max: 50\n",
  "templates/cm.yaml":
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: umbrella\ndata:\n  a: b\n",
  "charts/db/Chart.yaml": "apiVersion: v2\nname: db\nversion: 0.1.0\n",
  "charts/db/values.yaml": [
    "exports:",
    "  conn:",
    "    host: db.local",
    "    port: 5432",
    "settings:",
    "  pool:",
    "    min: 1",
    "    max: 10",
    "",
  ].join("\n"),
  "charts/db/templates/cm.yaml":
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\ndata:\n  a: b\n",
};

const helm = helmBinary(4) ?? helmBinary(3);

describe.skipIf(!helm)("import-values, against helm", () => {
  let fx: SandboxFixture;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fx = await withSandbox();
    env = helmEnv(fx.dir, fx.kubeconfigPath);
  });
  afterAll(() => fx.close());

  it("computes the same values as helm for an umbrella chart importing from a subchart", async () => {
    const chart = await writeChart(umbrella, "umbrella");
    await run(helm!, ["install", "by-helm", chart], { env });
    const helmValues = JSON.parse(
      (await run(helm!, ["get", "values", "by-helm", "--all", "-o", "json"], { env })).stdout,
    ) as Record<string, unknown>;

    const installed = await runCli(
      ["install", "by-wheelhouse", chart, "-n", "other", "--create-namespace"],
      { env },
    );
    expect(installed.stderr).toBe("");
    expect(installed.code).toBe(0);
    const ours = await runCli(
      ["get", "values", "by-wheelhouse", "-n", "other", "--all", "-o", "json"],
      { env },
    );
    const wheelhouseValues = JSON.parse(ours.stdout) as Record<string, unknown>;

    expect(wheelhouseValues).toMatchObject({
      name: "umbrella",
      host: "db.local",
      port: 5432,
      pool: { min: 1, max: 50 },
    });
    expect(wheelhouseValues).toEqual(helmValues);
  });
});
