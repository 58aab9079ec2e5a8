import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigMapDriver } from "../../src/engine/storage/configmaps.js";
import { SecretDriver } from "../../src/engine/storage/secrets.js";
import type { KubeClient } from "../../src/kube/client.js";
import { makeRelease } from "../support/releases.js";
import { startTestCluster } from "./cluster.js";
import type { TestCluster } from "./cluster.js";
import { helmBinary } from "../support/helm.js";
import { coreResources } from "../../src/kube/coreResources.js";

const run = promisify(execFile);

/**
 * Byte-compatibility of release storage with the real helm 3 and helm 4
 * binaries: each reads what the other wrote, through the same API server.
 */
const helms = ([3, 4] as const).map((major) => ({ major, bin: helmBinary(major) }));
for (const { major, bin } of helms) {
  if (!bin) {
    console.warn(
      `\n!!! helm ${major} binary not found (AWS CDK kubectl layer missing or no unzip): SKIPPING helm ${major} interop tests !!!\n`,
    );
  }
}

let cluster: TestCluster;
let client: KubeClient;
let work: string;
let kubeconfig: string;

beforeAll(async () => {
  cluster = await startTestCluster();
  client = cluster.client();
  work = mkdtempSync(join(tmpdir(), "wh-helm-interop-"));
  if (cluster.sandbox) {
    kubeconfig = join(work, "kubeconfig");
    cluster.sandbox.writeKubeconfig(kubeconfig, cluster.namespace);
  } else {
    kubeconfig = process.env.KUBECONFIG ?? join(process.env.HOME ?? "", ".kube", "config");
  }
  const chart = join(work, "chart");
  mkdirSync(join(chart, "templates"), { recursive: true });
  writeFileSync(
    join(chart, "Chart.yaml"),
    'apiVersion: v2\nname: tiny\nversion: 0.3.0\nappVersion: "2.0"\n',
  );
  writeFileSync(join(chart, "values.yaml"), "greeting: hello\n");
  writeFileSync(
    join(chart, "templates", "cm.yaml"),
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\ndata:\n  greeting: {{ .Values.greeting }}\n",
  );
}, 60_000);
afterAll(async () => {
  await cluster?.close();
});

async function helm(
  bin: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  const { stdout } = await run(bin, [...args, "--namespace", cluster.namespace], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: work,
      KUBECONFIG: kubeconfig,
      HELM_CACHE_HOME: join(work, "cache"),
      HELM_CONFIG_HOME: join(work, "config"),
      HELM_DATA_HOME: join(work, "data"),
      ...env,
    },
    timeout: 60_000,
  });
  return stdout;
}

describe.each(helms)("helm $major", ({ major, bin }) => {
  it.skipIf(!bin)(
    "reads the history and manifest of a release wheelhouse stored in Secrets",
    async () => {
      const name = `ours-h${major}`;
      const driver = new SecretDriver(coreResources(client, "secrets"));
      await driver.create(
        makeRelease({ name, namespace: cluster.namespace, version: 1, status: "superseded" }),
      );
      await driver.create(
        makeRelease({
          name,
          namespace: cluster.namespace,
          version: 2,
          status: "deployed",
          info: { description: "Upgrade complete" } as never,
        }),
      );
      const history = JSON.parse(await helm(bin!, ["history", name, "-o", "json"])) as {
        revision: number;
        status: string;
        chart: string;
        description: string;
      }[];
      expect(history.map((h) => [h.revision, h.status, h.chart])).toEqual([
        [1, "superseded", "web-1.0.0"],
        [2, "deployed", "web-1.0.0"],
      ]);
      expect(history[1]?.description).toBe("Upgrade complete");
      const manifest = await helm(bin!, ["get", "manifest", name]);
      expect(manifest.trim()).toBe(makeRelease().manifest.trim());
      const listed = JSON.parse(await helm(bin!, ["list", "-o", "json"])) as { name: string }[];
      expect(listed.map((r) => r.name)).toContain(name);
    },
  );

  it.skipIf(!bin)(
    "reads a release wheelhouse stored in ConfigMaps with HELM_DRIVER=configmap",
    async () => {
      const name = `cm-h${major}`;
      await new ConfigMapDriver(coreResources(client, "configmaps")).create(
        makeRelease({ name, namespace: cluster.namespace, version: 1 }),
      );
      const history = JSON.parse(
        await helm(bin!, ["history", name, "-o", "json"], { HELM_DRIVER: "configmap" }),
      ) as { revision: number; status: string }[];
      expect(history).toMatchObject([{ revision: 1, status: "deployed" }]);
    },
  );

  it.skipIf(!bin)(
    "is read back by wheelhouse after helm installs and upgrades",
    async () => {
      const name = `theirs-h${major}`;
      await helm(bin!, ["install", name, join(work, "chart")]);
      await helm(bin!, ["upgrade", name, join(work, "chart"), "--set", "greeting=hi"]);
      const driver = new SecretDriver(coreResources(client, "secrets"));
      const refs = await driver.listRefs({ namespace: cluster.namespace, name });
      expect(refs.map((r) => [r.version, r.status]).sort()).toEqual([
        [1, "superseded"],
        [2, "deployed"],
      ]);
      const latest = await driver.get(cluster.namespace, name, 2);
      expect(latest.chart?.metadata).toMatchObject({
        name: "tiny",
        version: "0.3.0",
        appVersion: "2.0",
      });
      expect(latest.config).toEqual({ greeting: "hi" });
      expect(latest.manifest).toContain(`name: ${name}-cm`);
      expect(latest.manifest).toContain("greeting: hi");
      if (major === 4) expect(latest.apply_method).toBe("ssa");
      const decoded = await driver.query({ namespace: cluster.namespace, name });
      expect(decoded.every((r) => !("unreadable" in r))).toBe(true);
    },
    60_000,
  );
});
