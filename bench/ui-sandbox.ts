/**
 * The built UI's first frame (issues 5 and 13): `wheelhouse -A` started in a
 * real terminal (tmux, 120×40) over N releases × M revisions, timed until the
 * first screenful of real rows — every row on screen shows its name, status
 * and chart (no row still waiting for its payload), and the header counts
 * every release. Target ≤ 1.5 s, process start included. The first run is
 * reported as cold (the page cache is dropped first when we may), the rest as
 * warm. (bench/ui.tsx measures keypress-to-frame latency over 10,000 rows.)
 *
 *   npm run build && npx tsx bench/ui-sandbox.ts [--releases 1000] [--revisions 10] [--runs 4]
 *   npx tsx bench/ui-sandbox.ts --kubeconfig /tmp/real-apiserver/kubeconfig --prefix i13w- [--keep]
 *
 * Without --kubeconfig it seeds a sandbox of its own, which then charges what kube-apiserver
 * 1.19 charges (src/sandbox/cost.ts; --no-cost turns that off). With one, it seeds the
 * namespaces PREFIX{a,b,c,d} through the API unless they already hold the
 * records (a kept seed is reused), and deletes them afterwards unless --keep.
 * Other releases on that cluster are listed too (`-A`); the header's count
 * is printed so the figure says what it covered.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SecretDriver } from "../src/engine/storage/secrets.js";
import { KubeClient } from "../src/kube/client.js";
import { kubeConfigFromString, loadKubeConfig } from "../src/kube/config.js";
import { coreResources } from "../src/kube/coreResources.js";
import { REAL_SERVER_COST, startSandbox, type Sandbox } from "../src/sandbox/index.js";
import { seedReleases } from "./support/seedReleases.js";

const { values: flags } = parseArgs({
  options: {
    releases: { type: "string", default: "1000" },
    revisions: { type: "string", default: "10" },
    runs: { type: "string", default: "4" },
    kubeconfig: { type: "string" },
    prefix: { type: "string", default: "i13w-" },
    keep: { type: "boolean", default: false },
    "no-seed": { type: "boolean", default: false },
    "no-cost": { type: "boolean", default: false },
    /** Another build to time, e.g. of an older commit, for a comparison under the same load. */
    dist: { type: "string", default: "dist" },
  },
});
const releases = Number(flags.releases);
const revisions = Number(flags.revisions);
const dir = mkdtempSync(join(tmpdir(), "wh-bench-ui-"));

let sandbox: Sandbox | undefined;
let kubeconfig: string;
let client: KubeClient;
let namespaces: string[];
if (flags.kubeconfig) {
  kubeconfig = resolve(flags.kubeconfig);
  client = new KubeClient(loadKubeConfig({ kubeconfig }), { timeoutMs: 300_000 });
  namespaces = ["a", "b", "c", "d"].map((s) => `${flags.prefix}${s}`);
} else {
  sandbox = await startSandbox();
  kubeconfig = join(dir, "kubeconfig");
  sandbox.writeKubeconfig(kubeconfig);
  client = new KubeClient(kubeConfigFromString(sandbox.kubeconfigYaml()), { timeoutMs: 120_000 });
  namespaces = ["default", "staging", "production", "team-a"];
}
const secrets = coreResources(client, "secrets");
const seeded = async (): Promise<number> => {
  let n = 0;
  for (const ns of namespaces) n += (await secrets.listMetadata(ns, "owner=helm")).length;
  return n;
};
if (!flags["no-seed"] && (await seeded()) !== releases * revisions) {
  await deleteSeed();
  await seedReleases(client, new SecretDriver(secrets), releases, revisions, namespaces);
}
sandbox?.setCost(flags["no-cost"] ? undefined : REAL_SERVER_COST);

/** Deletes the seeded records (a namespace's deletion alone leaves them on a server without controllers). */
async function deleteSeed(): Promise<void> {
  if (!flags.kubeconfig) return;
  for (const ns of namespaces) {
    execFileSync(
      "kubectl",
      [
        "--kubeconfig",
        kubeconfig,
        "-n",
        ns,
        "delete",
        "secrets",
        "-l",
        "owner=helm",
        "--ignore-not-found",
        "--wait=false",
      ],
      { stdio: "ignore" },
    );
  }
}

/** Drops the page cache so that the first run reads its modules from disk; false when not allowed. */
function dropCaches(): boolean {
  try {
    execFileSync("sync");
    writeFileSync("/proc/sys/vm/drop_caches", "3");
    return true;
  } catch {
    return false;
  }
}

const tmux = (...args: string[]) => execFileSync("tmux", args, { encoding: "utf8" });
const session = `wh-bench-ui-${process.pid}`;
const ROW = /^(\S+)\s+(\S+)\s+(\d+)\s+([a-z-]+)\s+(\S+)/;

/** The release rows of the screen's releases table: name, namespace, revision, status, chart. */
function tableRows(screen: string): string[][] {
  const lines = screen.split("\n");
  const head = lines.findIndex((l) => /NAME\s+NAMESPACE\s+REV/.test(l));
  if (head < 0) return [];
  const column = lines[head]!.indexOf("NAME");
  const rows: string[][] = [];
  for (const line of lines.slice(head + 1)) {
    const m = ROW.exec(line.slice(column));
    if (!m) break;
    rows.push(m.slice(1));
  }
  return rows;
}

async function firstFrame(): Promise<{ ms: number; total: number; rows: number }> {
  const started = performance.now();
  tmux(
    "new-session",
    "-d",
    "-s",
    session,
    "-x",
    "120",
    "-y",
    "40",
    `KUBECONFIG=${kubeconfig} HOME=${dir} node ${resolve(flags.dist, "cli/main.js")} -A`,
  );
  try {
    for (;;) {
      const screen = tmux("capture-pane", "-p", "-t", session);
      const total = Number(/(\d+) releases/.exec(screen)?.[1] ?? 0);
      const rows = tableRows(screen);
      // Real rows: every row on screen has its chart (a row waiting for its payload shows "…").
      const real = rows.length > 0 && rows.every((r) => r[4] !== "…");
      if (real && total >= releases)
        return { ms: performance.now() - started, total, rows: rows.length };
      if (performance.now() - started > 60_000) throw new Error(`no first frame:\n${screen}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    tmux("kill-session", "-t", session);
  }
}

const runs = Number(flags.runs);
const cold = dropCaches();
const results: Array<{ ms: number; total: number; rows: number }> = [];
for (let run = 0; run < runs; run++) {
  results.push(await firstFrame());
  await new Promise((r) => setTimeout(r, 500));
}
const [first, ...rest] = results;
const warm = rest.map((r) => r.ms).sort((a, b) => a - b);
const median = warm.length ? warm[Math.floor(warm.length / 2)]! : NaN;
const where = flags.kubeconfig ? `the API server of ${flags.kubeconfig}` : "the sandbox";
const records = (
  await coreResources(client, "secrets", { consistency: "cached" }).listMetadata(
    undefined,
    "owner=helm",
  )
).length;
console.log(
  `first frame of real rows (${releases} releases × ${revisions} revisions seeded; ${first!.total} releases, ${records} records in the cluster; ${first!.rows} rows on screen; ${where}; load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores):\n` +
    `  ${cold ? "cold (page cache dropped)" : "first run (page cache kept)"} ${first!.ms.toFixed(0)} ms\n` +
    `  warm ${warm.map((t) => `${t.toFixed(0)} ms`).join(", ")} (median ${median.toFixed(0)} ms)\n` +
    `  target ≤ 1500 ms, process start included`,
);
if (!flags.keep) await deleteSeed();
client.close();
await sandbox?.close();
