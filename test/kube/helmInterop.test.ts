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
import type { ReleaseStatus } from "../../src/engine/release/types.js";
import { saveReadFloor } from "../../src/cli/session/readFloorFile.js";
import { runCli } from "../support/cli.js";
import { againstRealCluster } from "./cluster.js";

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

/**
 * Long histories whose latest revision is not the deployed one, as a cluster ends up after failed,
 * interrupted and pruned operations: the statuses of each release's revisions, oldest first, and
 * the number of the first one kept.
 */
const HISTORIES: Record<string, { first: number; statuses: ReleaseStatus[] }> = {
  steady: { first: 1, statuses: [...Array<ReleaseStatus>(11).fill("superseded"), "deployed"] },
  "stuck-upgrade": {
    first: 1,
    statuses: [...Array<ReleaseStatus>(9).fill("superseded"), "deployed", "pending-upgrade"],
  },
  "failed-last": {
    first: 1,
    statuses: [...Array<ReleaseStatus>(13).fill("superseded"), "deployed", "failed"],
  },
  "pending-rollback": { first: 1, statuses: ["superseded", "deployed", "pending-rollback"] },
  "pending-install": { first: 1, statuses: ["pending-install"] },
  gone: { first: 1, statuses: ["superseded", "superseded", "uninstalled"] },
  // an interrupted supersede: two revisions still say deployed
  "two-deployed": { first: 1, statuses: ["superseded", "deployed", "deployed"] },
  // --history-max pruned revisions 1–6: the numbers do not start at 1, and 10 > 9 as numbers
  pruned: { first: 7, statuses: ["superseded", "superseded", "superseded", "deployed"] },
};

describe("list output against helm 4's", () => {
  const bin = helmBinary(4);
  it.skipIf(!bin)(
    "shows the same releases with the same latest revisions, field for field",
    async () => {
      const driver = new SecretDriver(coreResources(client, "secrets"));
      const writes: Promise<void>[] = [];
      for (const [name, { first, statuses }] of Object.entries(HISTORIES)) {
        statuses.forEach((status, i) => {
          const version = first + i;
          const minute = String(version).padStart(2, "0");
          writes.push(
            driver.create(
              makeRelease({
                name: `lr-${name}`,
                namespace: cluster.namespace,
                version,
                status,
                info: {
                  last_deployed: `2026-11-25T04:${minute}:00Z`,
                  description: `revision ${version}`,
                } as never,
                chart: {
                  ...makeRelease().chart!,
                  metadata: { name: "web", version: `1.0.${version}`, appVersion: `${version}.0` },
                },
              }),
            ),
          );
        });
      }
      await Promise.all(writes);
      const env = { PATH: process.env.PATH ?? "", HOME: work, KUBECONFIG: kubeconfig };
      // The seeding is this user's write: the CLI below must not list older than it (a watch
      // cache may be milliseconds behind), as after a wheelhouse command that wrote.
      saveReadFloor(client.readFloor, client.server, env);
      // The sandbox holds this test's releases only, so -A is compared there; on a shared real
      // server -A would list everyone's, so one namespace is.
      const scope = againstRealCluster ? ["--namespace", cluster.namespace] : ["--all-namespaces"];
      for (const flags of [[], ["--date", "--reverse"], ["--pending"], ["--max", "3"]]) {
        const args = ["list", ...scope, ...flags, "-o", "json"];
        const ours = await runCli(args, { env });
        expect(ours.stderr).toBe("");
        const { stdout: theirs } = await run(bin!, args, {
          env: {
            ...env,
            HELM_CACHE_HOME: join(work, "cache"),
            HELM_CONFIG_HOME: join(work, "config"),
          },
        });
        const helmList = JSON.parse(theirs) as Record<string, string>[];
        const ourList = JSON.parse(ours.stdout) as Record<string, string>[];
        expect(ourList, args.join(" ")).toEqual(helmList);
        if (flags.length === 0) {
          const seeded = helmList.filter((r) => r.name!.startsWith("lr-"));
          expect(seeded.map((r) => `${r.name}@${r.revision} ${r.status}`)).toEqual([
            "lr-failed-last@15 failed",
            "lr-gone@3 uninstalled",
            "lr-pending-install@1 pending-install",
            "lr-pending-rollback@3 pending-rollback",
            "lr-pruned@10 deployed",
            "lr-steady@12 deployed",
            "lr-stuck-upgrade@11 pending-upgrade",
            "lr-two-deployed@3 deployed",
          ]);
        }
      }
    },
    120_000,
  );
});
