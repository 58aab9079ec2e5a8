/**
 * `wheelhouse list -A` against `helm list -A` (helm 4) on the same sandbox
 * holding 1,000 releases × 10 revisions of the webapp demo chart (issue 4).
 * Both run as separate processes under /usr/bin/time; the sandbox counts
 * the release payloads each one fetched. Targets: wheelhouse ≤ 0.15× helm's
 * time, ≤ 0.3× its memory, at most one payload per release. Prints figures.
 *
 *   npx tsx bench/list.ts [releases=1000] [revisions=10]
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { SecretDriver } from "../src/engine/storage/secrets.js";
import { KubeClient } from "../src/kube/client.js";
import { kubeConfigFromString } from "../src/kube/config.js";
import { startSandbox } from "../src/sandbox/index.js";
import { findHelm } from "../src/cli/demo/helmBinary.js";
import { seedReleases } from "./support/seedReleases.js";
import { coreResources } from "../src/kube/coreResources.js";

const run = promisify(execFile);
const releases = Number(process.argv[2] ?? 1000);
const revisions = Number(process.argv[3] ?? 10);
const dir = mkdtempSync(join(tmpdir(), "wh-bench-list-"));
const kubeconfig = join(dir, "kubeconfig");

let payloadGets = 0;
const sandbox = await startSandbox({
  onRequest: (e) => {
    if (e.method === "GET" && /\/secrets\/sh\.helm\.release\.v1\./.test(e.path)) payloadGets++;
  },
});
sandbox.writeKubeconfig(kubeconfig);
const client = new KubeClient(kubeConfigFromString(sandbox.kubeconfigYaml()), {
  timeoutMs: 120_000,
});
const driver = new SecretDriver(coreResources(client, "secrets"));

await seedReleases(client, driver, releases, revisions);

async function measure(
  label: string,
  command: string,
  args: string[],
): Promise<{ seconds: number; kib: number; payloads: number }> {
  payloadGets = 0;
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    KUBECONFIG: kubeconfig,
    HELM_CACHE_HOME: join(dir, "c"),
    HELM_CONFIG_HOME: join(dir, "g"),
    HELM_DATA_HOME: join(dir, "d"),
  };
  const { stderr, stdout } = await run("/usr/bin/time", ["-f", "TIME %e %M", command, ...args], {
    env,
    maxBuffer: 256 * 1024 * 1024,
  });
  const [, secs, kib] = /TIME ([\d.]+) (\d+)/.exec(stderr) ?? [];
  const rows = (JSON.parse(stdout) as unknown[]).length;
  const decoded = /decoded (\d+) release payloads/.exec(stderr)?.[1];
  const result = {
    seconds: Number(secs),
    kib: Number(kib),
    payloads: decoded ? Number(decoded) : payloadGets,
  };
  console.log(
    `${label.padEnd(16)} ${result.seconds.toFixed(2)} s   peak RSS ${(result.kib / 1024).toFixed(0)} MiB   ${rows} releases listed   ${payloadGets} single-record GETs`,
  );
  return result;
}

const wh = await measure("wheelhouse list", process.execPath, [
  resolve("dist/cli/main.js"),
  "list",
  "-A",
  "-o",
  "json",
  "--max",
  "0",
  "--debug",
]);
const helm = findHelm(4);
if (helm) {
  const h = await measure("helm 4 list", helm, ["list", "-A", "-o", "json", "--max", "0"]);
  console.log(
    `ratio            time ${(wh.seconds / h.seconds).toFixed(2)}× helm's (target ≤ 0.15×)   memory ${(wh.kib / h.kib).toFixed(2)}× (target ≤ 0.3×)`,
  );
} else {
  console.log("helm 4 not found (it comes with the devDependencies): no comparison");
}
console.log(
  `payloads         ${wh.payloads} decoded by wheelhouse for ${releases} releases (target ≤ 1 per release)`,
);
client.close();
await sandbox.close();
