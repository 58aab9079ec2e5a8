/**
 * Start-up of short commands (issue 13): the built CLI (`node dist/cli/main.js`,
 * as a user runs it) against helm 4, in alternating runs, on a few releases:
 * `list`, `history REL`, `status REL`, `get values REL`, `template CHART`, with
 * bare `node -e 0` as the floor. Prints medians (min–max) and ratios to helm.
 * Target: list and history ≤ 1.5× helm.
 *
 *   npm run build && npx tsx bench/cli-start.ts [--kubeconfig FILE] [--namespace NS] [--runs N]
 *                                               [--main OTHER/dist/cli/main.js]
 *
 * Without --kubeconfig it starts a sandbox, which charges what kube-apiserver 1.19 charges
 * (src/sandbox/cost.ts; --no-cost turns that off). With one (e.g. the real API server
 * at /tmp/real-apiserver/kubeconfig) it seeds release records into its own
 * namespace (default wh-bench-start-RANDOM) through the API and deletes them
 * and the namespace afterwards.
 *
 * Two floors are printed beside them: bare `node -e 0`, and Node making the same kind of
 * request as `list` (TLS and the kubeconfig's credentials, no wheelhouse): what any Node client
 * of this server costs before it does anything of its own.
 *
 * "first" is each command's first run: after a build, and after the compiled-
 * code cache was emptied (a cold start); the medians are warm runs.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { findHelm } from "../src/cli/demo/helmBinary.js";
import { renderRelease } from "../src/engine/actions/template.js";
import { loadChart } from "../src/engine/chart/loadChart.js";
import { toStoredChart } from "../src/engine/release/storedChart.js";
import type { Release } from "../src/engine/release/types.js";
import { SecretDriver } from "../src/engine/storage/secrets.js";
import { KubeClient } from "../src/kube/client.js";
import { loadKubeConfig } from "../src/kube/config.js";
import { coreResources } from "../src/kube/coreResources.js";
import { REAL_SERVER_COST, startSandbox } from "../src/sandbox/index.js";

const { values: flags } = parseArgs({
  options: {
    kubeconfig: { type: "string" },
    namespace: { type: "string" },
    runs: { type: "string", default: "15" },
    // Another build's launcher, e.g. to compare with the commit before a change.
    main: { type: "string", default: "dist/cli/main.js" },
    "no-cost": { type: "boolean", default: false },
  },
});
const runs = Number(flags.runs);
const helm = findHelm(4);
if (!helm) throw new Error("helm 4 not found (it comes with the devDependencies)");
const main = resolve(flags.main);
const chartDir = resolve("demo/charts/webapp");
const dir = mkdtempSync(join(tmpdir(), "wh-bench-start-"));
const created = join(dir, "created");
const RELEASES = ["alpha", "bravo", "charlie"];
const REVISIONS = 3;

const sandbox = flags.kubeconfig ? undefined : await startSandbox();
const kubeconfig = flags.kubeconfig ?? join(dir, "kubeconfig");
sandbox?.writeKubeconfig(kubeconfig);
const namespace = flags.namespace ?? `wh-bench-start-${randomBytes(3).toString("hex")}`;
const client = new KubeClient(loadKubeConfig({ kubeconfig }));
const driver = new SecretDriver(coreResources(client, "secrets"));
const env = {
  PATH: process.env.PATH,
  HOME: dir,
  KUBECONFIG: kubeconfig,
  HELM_CACHE_HOME: join(dir, "helm-cache"),
  HELM_CONFIG_HOME: join(dir, "helm-config"),
  HELM_DATA_HOME: join(dir, "helm-data"),
  // wheelhouse's compiled-code cache, if any, lives under here: emptied for "first".
  XDG_CACHE_HOME: join(dir, "cache"),
};

/** Release records through the API, as helm writes them: a few releases of a few revisions. */
async function seed(): Promise<void> {
  await client.objects.apply({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: namespace },
  });
  const chart = await loadChart(chartDir);
  for (const [i, name] of RELEASES.entries()) {
    for (let version = 1; version <= REVISIONS; version++) {
      const rendered = renderRelease({
        chart,
        userValues: { replicaCount: version },
        release: {
          name,
          namespace,
          revision: version,
          isInstall: version === 1,
          isUpgrade: version > 1,
        },
      });
      const at = new Date(Date.UTC(2026, 10, 1, i, version)).toISOString();
      const release: Release = {
        name,
        namespace,
        version,
        info: {
          first_deployed: at,
          last_deployed: at,
          description: version === 1 ? "Install complete" : "Upgrade complete",
          status: version === REVISIONS ? "deployed" : "superseded",
          notes: rendered.notes,
        },
        chart: toStoredChart(rendered.chart),
        config: { replicaCount: version },
        manifest: rendered.manifest,
      };
      await driver.create(release);
    }
  }
}

async function cleanUp(): Promise<void> {
  for (const name of RELEASES) {
    for (let version = 1; version <= REVISIONS; version++) {
      await driver.delete(namespace, name, version).catch(() => undefined);
    }
  }
  await client.objects.delete({ apiVersion: "v1", kind: "Namespace", name: namespace });
}

/** Wall time of one process, spawn to exit, in ms; throws when it fails. */
function timeRun(command: string, args: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", fail);
    child.on("exit", (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) done(ms);
      else fail(new Error(`${command} ${args.join(" ")} exited ${code}: ${stderr}`));
    });
  });
}

/**
 * `node -e SCRIPT` that sends the request `list -n` sends first, with the kubeconfig's TLS
 * settings and credentials worked out here (client-node), so the child loads only node:https.
 */
async function bareRequest(): Promise<string[]> {
  const loaded = loadKubeConfig({ kubeconfig });
  const applied: { agent?: { options?: { path?: unknown } } } = {};
  await loaded.kubeConfig.applyToHTTPSOptions(applied);
  // client-node puts the TLS settings on an agent of its own; the child makes its own.
  const { agent, ...rest } = applied;
  const { path: _unused, ...tls } = agent?.options ?? {};
  const options = { ...tls, ...rest };
  const server = loaded.kubeConfig.getCurrentCluster()?.server;
  const url = `${server}/api/v1/namespaces/${namespace}/secrets?labelSelector=owner=helm`;
  const script = `const o = ${JSON.stringify(
    options,
    function (this: Record<string, unknown>, k, v: unknown) {
      const raw = this[k]; // before Buffer's toJSON
      return Buffer.isBuffer(raw) ? raw.toString("latin1") : v;
    },
  )};
for (const k of ["ca", "cert", "key"]) if (typeof o[k] === "string") o[k] = Buffer.from(o[k], "latin1");
require("node:https").get(${JSON.stringify(url)}, o, (r) => { let b = ""; r.on("data", (c) => (b += c)); r.on("end", () => r.statusCode === 200 || (console.error(r.statusCode, b), process.exit(1))); });`;
  return ["-e", script];
}

interface Case {
  label: string;
  wheelhouse: string[];
  helm: string[];
}

const ns = ["-n", namespace];
const cases: Case[] = [
  { label: "list", wheelhouse: ["list", ...ns], helm: ["list", ...ns] },
  {
    label: "history REL",
    wheelhouse: ["history", "alpha", ...ns],
    helm: ["history", "alpha", ...ns],
  },
  { label: "status REL", wheelhouse: ["status", "alpha", ...ns], helm: ["status", "alpha", ...ns] },
  {
    label: "get values REL",
    wheelhouse: ["get", "values", "alpha", ...ns],
    helm: ["get", "values", "alpha", ...ns],
  },
  // The chart `helm create` writes: Go templates, helpers, the usual objects.
  {
    label: "template CHART",
    wheelhouse: ["template", "x", created],
    helm: ["template", "x", created],
  },
];

interface Figures {
  first: number;
  median: number;
  min: number;
  max: number;
}

function figures(first: number, times: number[]): Figures {
  const sorted = [...times].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { first, median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

const ms = (n: number) => `${n.toFixed(0)}`.padStart(4);
const show = (f: Figures) => `${ms(f.median)} (${ms(f.min)}–${ms(f.max)})  first ${ms(f.first)}`;

await seed();
sandbox?.setCost(flags["no-cost"] ? undefined : REAL_SERVER_COST);
await new Promise((done, fail) =>
  spawn(helm, ["create", created], { env, stdio: "ignore" }).on("exit", done).on("error", fail),
);
try {
  console.log(
    `${flags.main}: ${sandbox ? "sandbox" : kubeconfig}, namespace ${namespace}: ${RELEASES.length} releases × ${REVISIONS} revisions; ${runs} alternating runs each; ms`,
  );
  const floorRuns: number[] = [];
  const floorFirst = await timeRun(process.execPath, ["-e", "0"]);
  const request = await bareRequest();
  const requestRuns: number[] = [];
  const requestFirst = await timeRun(process.execPath, request);
  console.log(
    `${"command".padEnd(16)}${"wheelhouse median (min–max)".padEnd(38)}${"helm 4 median (min–max)".padEnd(38)}ratio`,
  );
  for (const c of cases) {
    rmSync(env.XDG_CACHE_HOME, { recursive: true, force: true });
    const whFirst = await timeRun(process.execPath, [main, ...c.wheelhouse]);
    const helmFirst = await timeRun(helm, c.helm);
    const wh: number[] = [];
    const hm: number[] = [];
    for (let i = 0; i < runs; i++) {
      wh.push(await timeRun(process.execPath, [main, ...c.wheelhouse]));
      hm.push(await timeRun(helm, c.helm));
      floorRuns.push(await timeRun(process.execPath, ["-e", "0"]));
      requestRuns.push(await timeRun(process.execPath, request));
    }
    const w = figures(whFirst, wh);
    const h = figures(helmFirst, hm);
    console.log(
      `${c.label.padEnd(16)}${show(w).padEnd(38)}${show(h).padEnd(38)}${(w.median / h.median).toFixed(2)}×`,
    );
  }
  const floor = figures(floorFirst, floorRuns);
  console.log(`${"node -e 0".padEnd(16)}${show(floor)}   (the floor)`);
  const requestFloor = figures(requestFirst, requestRuns);
  console.log(
    `${"node + 1 request".padEnd(16)}${show(requestFloor)}   (the floor of a Node client: https, one list)`,
  );
} finally {
  await cleanUp();
  client.close();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
}
