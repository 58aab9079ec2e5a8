/**
 * `wheelhouse list -A` against `helm list -A` (helm 4), each a separate process under
 * /usr/bin/time, alternating, on the sandbox with its cost model on (src/sandbox/cost.ts) and,
 * with --kubeconfig, on that real cluster too. Targets (issue 13): wheelhouse ≤ 0.15× helm's time
 * and ≤ 0.3× its peak memory, at most one payload decoded per release. Prints figures.
 *
 *   npm run build && npx tsx bench/list.ts [--releases 1000] [--revisions 10] [--runs 5]
 *   npx tsx bench/list.ts --kubeconfig /tmp/real-apiserver/kubeconfig --namespaces i13c-list-0
 *
 * With --kubeconfig, the releases are seeded into --namespaces on the real server (records
 * already there are kept) and every Secret of the real server is copied into the sandbox, so
 * both list the same bytes: a list across namespaces costs what all of them weigh, other users'
 * records included. Without it the sandbox alone is seeded (four namespaces). --in NS compares
 * `list -n NS` instead of `list -A`.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { findHelm } from "../src/cli/demo/helmBinary.js";
import { KubeClient } from "../src/kube/client.js";
import { kubeConfigFromString } from "../src/kube/config.js";
import { coreResources } from "../src/kube/coreResources.js";
import { SecretDriver } from "../src/engine/storage/secrets.js";
import { REAL_SERVER_COST, startSandbox } from "../src/sandbox/index.js";
import type { RequestEvent } from "../src/sandbox/index.js";
import { mirrorSecrets } from "./support/mirror.js";
import { seedReleases } from "./support/seedReleases.js";
import { connectTarget, flag } from "./support/target.js";

const run = promisify(execFile);
const releases = Number(flag("releases", "1000"));
const revisions = Number(flag("revisions", "10"));
const runs = Number(flag("runs", "5"));
const realKubeconfig = flag("kubeconfig");
const dir = mkdtempSync(join(tmpdir(), "wh-bench-list-"));

let log: RequestEvent[] = [];
const sandbox = await startSandbox({ cost: REAL_SERVER_COST, onRequest: (e) => log.push(e) });
const sandboxKubeconfig = join(dir, "sandbox-kubeconfig");
sandbox.writeKubeconfig(sandboxKubeconfig);
const sandboxClient = new KubeClient(kubeConfigFromString(sandbox.kubeconfigYaml()), {
  timeoutMs: 300_000,
});

const targets: Array<{ label: string; kubeconfig: string }> = [
  { label: "sandbox (cost model on)", kubeconfig: sandboxKubeconfig },
];
if (realKubeconfig !== undefined) {
  const real = connectTarget(realKubeconfig);
  const namespaces = (flag("namespaces") ?? "i13c-list-0").split(",");
  await seedReleases(real.client, real.driver, releases, revisions, namespaces);
  await mirrorSecrets(real.client, sandboxClient);
  real.client.close();
  targets.push({ label: `real (${realKubeconfig})`, kubeconfig: realKubeconfig });
} else {
  const driver = new SecretDriver(coreResources(sandboxClient, "secrets"));
  await seedReleases(sandboxClient, driver, releases, revisions);
}
sandbox.setCost(REAL_SERVER_COST);

interface Measure {
  seconds: number;
  kib: number;
  rows: number;
  payloads?: number;
}

async function measure(kubeconfig: string, command: string, args: string[]): Promise<Measure> {
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
    maxBuffer: 512 * 1024 * 1024,
  });
  const [, secs, kib] = /TIME ([\d.]+) (\d+)/.exec(stderr) ?? [];
  const decoded = /decoded (\d+) release payloads/.exec(stderr)?.[1];
  return {
    seconds: Number(secs),
    kib: Number(kib),
    rows: (JSON.parse(stdout) as unknown[]).length,
    payloads: decoded === undefined ? undefined : Number(decoded),
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

// --in NS lists one namespace (-n NS) instead of all of them.
const scope = flag("in") === undefined ? ["-A"] : ["-n", flag("in")!];
const wheelhouse = [resolve("dist/cli/main.js"), "list", ...scope, "-o", "json", "--max", "0"];
const helm = findHelm(4);
if (!helm) console.log("helm 4 not found (it comes with the devDependencies): no comparison");

/** What one command asked of the sandbox, with the time each list was charged. */
function describeRequests(who: string): void {
  const lists = log.filter((e) => e.method === "GET");
  console.log(`  ${who}: ${log.length} requests`);
  for (const e of lists.slice(0, 6))
    console.log(`    ${e.method} ${decodeURIComponent(e.path)}  ${e.ms.toFixed(0)} ms`);
  if (lists.length > 6) console.log(`    … ${lists.length - 6} more GETs`);
}

const report: Record<string, unknown> = {};
for (const target of targets) {
  const wh: Measure[] = [];
  const hm: Measure[] = [];
  for (let i = 0; i < runs; i++) {
    log = [];
    wh.push(await measure(target.kubeconfig, process.execPath, [...wheelhouse, "--debug"]));
    if (i === 0 && target.kubeconfig === sandboxKubeconfig) describeRequests("wheelhouse");
    if (!helm) continue;
    log = [];
    hm.push(await measure(target.kubeconfig, helm, ["list", ...scope, "-o", "json", "--max", "0"]));
    if (i === 0 && target.kubeconfig === sandboxKubeconfig) describeRequests("helm 4");
  }
  const line = (who: string, m: Measure[]) =>
    `  ${who.padEnd(11)} ${median(m.map((x) => x.seconds)).toFixed(2)} s median (${m.map((x) => x.seconds.toFixed(2)).join(" ")})   peak RSS ${(median(m.map((x) => x.kib)) / 1024).toFixed(0)} MiB median   ${m[0]?.rows} releases listed`;
  console.log(`${target.label}, list ${scope.join(" ")}:`);
  console.log(line("wheelhouse", wh));
  const whPayloads = wh[0]?.payloads;
  if (whPayloads !== undefined)
    console.log(`  payloads    ${whPayloads} decoded by wheelhouse (target ≤ 1 per release)`);
  if (hm.length > 0) {
    console.log(line("helm 4", hm));
    const t = median(wh.map((x) => x.seconds)) / median(hm.map((x) => x.seconds));
    const m = median(wh.map((x) => x.kib)) / median(hm.map((x) => x.kib));
    console.log(
      `  ratio       time ${t.toFixed(2)}× helm's (target ≤ 0.15×)   memory ${m.toFixed(2)}× (target ≤ 0.3×)`,
    );
  }
  report[target.label] = { wheelhouse: wh, helm: hm };
}
const out = flag("out");
if (out !== undefined) writeFileSync(out, JSON.stringify(report, null, 1));

sandboxClient.close();
await sandbox.close();
