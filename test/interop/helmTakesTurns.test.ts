import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { writeChart } from "../support/charts.js";
import { helmBinary, helmEnv } from "../support/helm.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

const run = promisify(execFile);
const webapp = resolve("demo/charts/webapp");

/** A chart helm itself can render (Go templates), for releases helm installs. */
const goChart = {
  "Chart.yaml": 'apiVersion: v2\nname: plain\nversion: 0.2.0\nappVersion: "3.1"\n',
  "values.yaml": "message: hello\n",
  "templates/cm.yaml":
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  message: {{ .Values.message | quote }}\n",
};

for (const major of [3, 4] as const) {
  const helm = helmBinary(major);
  describe.skipIf(!helm)(`wheelhouse and helm ${major} take turns on one release`, () => {
    let fx: SandboxFixture;
    let env: NodeJS.ProcessEnv;
    const wh = (...args: string[]) => runCli(args, { env });
    const h = async (...args: string[]) => (await run(helm!, args, { env })).stdout;
    const helmJson = async <T>(...args: string[]) =>
      JSON.parse(await h(...args, "-o", "json")) as T;

    beforeAll(async () => {
      fx = await withSandbox();
      env = helmEnv(fx.dir, fx.kubeconfigPath);
    });
    afterAll(() => fx.close());

    it("helm lists, reads and rolls back a release wheelhouse installed and upgraded", async () => {
      expect((await wh("install", "shop", webapp, "--set", "replicaCount=2")).code).toBe(0);
      expect((await wh("upgrade", "shop", webapp, "--set", "replicaCount=4")).code).toBe(0);

      const listed = await helmJson<Array<Record<string, string>>>("list");
      expect(listed).toEqual([
        expect.objectContaining({
          name: "shop",
          revision: "2",
          status: "deployed",
          chart: "webapp-1.2.0",
          app_version: "2.4.1",
        }),
      ]);
      const history = await helmJson<
        Array<{ revision: number; status: string; description: string }>
      >("history", "shop");
      // wheelhouse's descriptions say who acted (docs/release-storage.md#who-and-why).
      expect(history.map((r) => [r.revision, r.status, r.description])).toEqual([
        [1, "superseded", "Install complete · by sandbox-admin"],
        [2, "deployed", "Upgrade complete · by sandbox-admin"],
      ]);
      expect(await helmJson("get", "values", "shop")).toEqual({ replicaCount: 4 });
      const whManifest = (await wh("get", "manifest", "shop")).stdout;
      expect(await h("get", "manifest", "shop")).toBe(whManifest);

      await h("rollback", "shop", "1");
      const after = await wh("history", "shop", "-o", "json");
      expect(JSON.parse(after.stdout)).toEqual([
        expect.objectContaining({ revision: 1, status: "superseded" }),
        expect.objectContaining({ revision: 2, status: "superseded" }),
        expect.objectContaining({ revision: 3, status: "deployed", description: "Rollback to 1" }),
      ]);
      const deployment = await fx.sandbox.fetch(
        `/apis/apps/v1/namespaces/default/deployments/shop-webapp`,
      );
      expect(((await deployment.json()) as { spec: { replicas: number } }).spec.replicas).toBe(2);

      // wheelhouse takes the next turn after helm's rollback.
      expect((await wh("upgrade", "shop", webapp, "--set", "replicaCount=3")).code).toBe(0);
      const last = await helmJson<Array<{ revision: number; status: string }>>("history", "shop");
      expect(last.at(-1)).toMatchObject({ revision: 4, status: "deployed" });
    });

    it("wheelhouse reads, diffs and rolls back a release helm installed", async () => {
      const chart = await writeChart(goChart, "plain");
      await h("install", "plain", chart);
      await h("upgrade", "plain", chart, "--set", "message=bye");

      const list = JSON.parse((await wh("list", "-o", "json")).stdout) as Array<{
        name: string;
        revision: string;
      }>;
      expect(list).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: "plain", revision: "2", status: "deployed" }),
        ]),
      );
      const diff = await wh("diff", "revision", "plain", "1", "2");
      expect(diff.stdout).toMatch(/- {3}message: "hello"\n\+ {3}message: "bye"/);

      expect((await wh("rollback", "plain", "1")).code).toBe(0);
      const history = await helmJson<
        Array<{ revision: number; status: string; description: string }>
      >("history", "plain");
      expect(history.map((r) => [r.revision, r.status, r.description])).toEqual([
        [1, "superseded", "Install complete"],
        [2, "superseded", "Upgrade complete"],
        [3, "deployed", "Rollback to 1 · by sandbox-admin"],
      ]);
      const cm = await fx.sandbox.fetch(`/api/v1/namespaces/default/configmaps/plain-cm`);
      expect(((await cm.json()) as { data: Record<string, string> }).data.message).toBe("hello");
      expect(await h("get", "manifest", "plain", "--revision", "3")).toBe(
        await h("get", "manifest", "plain", "--revision", "1"),
      );

      // helm takes the next turn after wheelhouse's server-side apply, without field conflicts.
      await h("upgrade", "plain", chart, "--set", "message=again");
      const again = await fx.sandbox.fetch(`/api/v1/namespaces/default/configmaps/plain-cm`);
      expect(((await again.json()) as { data: Record<string, string> }).data.message).toBe("again");
      const afterHelm = JSON.parse((await wh("history", "plain", "-o", "json")).stdout) as Array<{
        revision: number;
        status: string;
      }>;
      expect(afterHelm.at(-1)).toMatchObject({ revision: 4, status: "deployed" });
    });

    it.each([
      { how: "client-side under auto, as helm 4", flags: [] as string[], manager: "helm/Update" },
      { how: "server-side when asked", flags: ["--server-side=true"], manager: "helm/Apply" },
    ])(
      "removes fields a client-side-applied helm release stops rendering: $how",
      async ({ flags, manager }) => {
        // Static templates: both helm and wheelhouse render them.
        const chart = (data: string, annotations: string) => ({
          "Chart.yaml": "apiVersion: v2\nname: fields\nversion: 0.1.0\n",
          "templates/cm.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fields-cm\n${annotations}data:\n${data}`,
        });
        const before = await writeChart(
          chart('  keep: "1"\n  drop: "2"\n', '  annotations:\n    team: "payments"\n'),
          "fields",
        );
        const after = await writeChart(chart('  keep: "1"\n', ""), "fields");
        // helm 4 applies server-side by default; client-side is what helm 3 always does.
        await h("install", "fields", before, ...(major === 4 ? ["--server-side=false"] : []));

        expect((await wh("upgrade", "fields", after, ...flags)).code).toBe(0);
        const live = (await (
          await fx.sandbox.fetch(`/api/v1/namespaces/default/configmaps/fields-cm`)
        ).json()) as {
          data: Record<string, string>;
          metadata: {
            annotations?: Record<string, string>;
            managedFields: Array<{ manager: string; operation: string }>;
          };
        };
        expect(live.data).toEqual({ keep: "1" });
        expect(live.metadata.annotations?.team).toBeUndefined();
        expect(live.metadata.managedFields.map((m) => `${m.manager}/${m.operation}`)).toEqual([
          manager,
        ]);
        await h("uninstall", "fields");
      },
    );

    it("helm uninstalls a release wheelhouse installed, objects and history", async () => {
      expect((await wh("install", "gone", webapp)).code).toBe(0);
      await h("uninstall", "gone");
      expect((await wh("history", "gone")).code).toBe(1);
      const deployment = await fx.sandbox.fetch(
        `/apis/apps/v1/namespaces/default/deployments/gone-webapp`,
      );
      expect(deployment.status).toBe(404);
    });

    it("shares releases through the ConfigMap driver too", async () => {
      const cmEnv = { ...env, HELM_DRIVER: "configmap" };
      expect((await runCli(["install", "cfg", webapp], { env: cmEnv })).code).toBe(0);
      const out = JSON.parse(
        (await run(helm!, ["list", "-o", "json"], { env: cmEnv })).stdout,
      ) as Array<{ name: string }>;
      expect(out.map((r) => r.name)).toContain("cfg");
      const secretsOnly = await helmJson<Array<{ name: string }>>("list");
      expect(secretsOnly.map((r) => r.name)).not.toContain("cfg");
    });
  });
}
