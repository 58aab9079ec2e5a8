/**
 * Calibrates and checks the sandbox's cost model (src/sandbox/cost.ts) against a real API server.
 *
 * The sandbox is given a copy of every Secret on the real server (so both hold the same bytes),
 * then each kind of list of helm release Secrets is timed with curl, alternating: the real server,
 * the sandbox without cost, the sandbox with REAL_SERVER_COST. The fastest runs and the medians
 * are printed side by side. With --fit, fitted on the fastest runs, the model's constants are fitted (non-negative least squares, each list weighted by
 * 1/its real time) to what the real server takes beyond the sandbox, and printed for cost.ts.
 *
 *   npx tsx bench/seed.ts --kubeconfig K --namespaces i13c-cal-300 --releases 300 --revisions 10
 *   npx tsx bench/calibrate-sandbox.ts --kubeconfig K --namespace i13c-cal-300 --fit
 *   npx tsx bench/calibrate-sandbox.ts --kubeconfig K --namespace i13c-list-0     # the check
 *
 * Options: --runs N (default 7), --all-namespaces (also lists across every namespace), --out FILE
 * (every sample, as JSON).
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { KubeClient } from "../src/kube/client.js";
import { kubeConfigFromString } from "../src/kube/config.js";
import { REAL_SERVER_COST, ZERO_COST, listCostMs, startSandbox } from "../src/sandbox/index.js";
import type { CostModel, ListFacts } from "../src/sandbox/index.js";
import { mirrorSecrets } from "./support/mirror.js";
import { connectTarget, flag } from "./support/target.js";

const run = promisify(execFile);
const kubeconfig = flag("kubeconfig", process.env.KUBECONFIG);
const namespace = flag("namespace");
if (kubeconfig === undefined || namespace === undefined) {
  console.error("usage: bench/calibrate-sandbox.ts --kubeconfig FILE --namespace NS [--fit]");
  process.exit(2);
}
const runs = Number(flag("runs", "7"));
const fit = process.argv.includes("--fit");

const real = connectTarget(kubeconfig);
const sandbox = await startSandbox({ cost: ZERO_COST });
const sandboxClient = new KubeClient(kubeConfigFromString(sandbox.kubeconfigYaml()), {
  timeoutMs: 300_000,
});
await mirrorSecrets(real.client, sandboxClient);

const METADATA =
  "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
const PROTOBUF = "application/vnd.kubernetes.protobuf,application/json";
/**
 * Errors are relative to the real time, or to 10 ms for quicker requests: under that the machine's
 * jitter (a few ms, shared cores) is larger than anything the model could get right.
 */
const FLOOR_MS = 10;

interface Kind {
  label: string;
  path: string;
  selector: string;
  metadata?: boolean;
  /** Accept protobuf first, as client-go (helm, kubectl) does. */
  protobuf?: boolean;
  gzip?: boolean;
  /** GETs of single records (path is the collection; the names follow) instead of a list. */
  gets?: boolean;
  cached: boolean;
}

const nsPath = `/api/v1/namespaces/${namespace}`;
const shapes: Array<Omit<Kind, "cached">> = [
  { label: "empty (ConfigMaps)", path: `${nsPath}/configmaps`, selector: "owner=helm" },
  {
    label: "one release's history",
    path: `${nsPath}/secrets`,
    selector: "owner=helm,name=rel-0001",
  },
  {
    label: "deployed, metadata",
    path: `${nsPath}/secrets`,
    selector: "owner=helm,status=deployed",
    metadata: true,
  },
  { label: "deployed", path: `${nsPath}/secrets`, selector: "owner=helm,status=deployed" },
  {
    label: "deployed, gzip",
    path: `${nsPath}/secrets`,
    selector: "owner=helm,status=deployed",
    gzip: true,
  },
  { label: "all, metadata", path: `${nsPath}/secrets`, selector: "owner=helm", metadata: true },
  { label: "all", path: `${nsPath}/secrets`, selector: "owner=helm" },
  { label: "all, gzip", path: `${nsPath}/secrets`, selector: "owner=helm", gzip: true },
  { label: "all, protobuf", path: `${nsPath}/secrets`, selector: "owner=helm", protobuf: true },
  {
    label: "all, protobuf, gzip",
    path: `${nsPath}/secrets`,
    selector: "owner=helm",
    protobuf: true,
    gzip: true,
  },
  { label: "get one record", path: `${nsPath}/secrets`, selector: "", gets: true, gzip: true },
];
if (process.argv.includes("--all-namespaces")) {
  shapes.push(
    { label: "-A one release", path: "/api/v1/secrets", selector: "owner=helm,name=rel-0001" },
    {
      label: "-A all, protobuf, gzip (helm)",
      path: "/api/v1/secrets",
      selector: "owner=helm",
      protobuf: true,
      gzip: true,
    },
    {
      label: "-A all, metadata, gzip",
      path: "/api/v1/secrets",
      selector: "owner=helm",
      metadata: true,
      gzip: true,
    },
    {
      label: "-A deployed, metadata",
      path: "/api/v1/secrets",
      selector: "owner=helm,status=deployed",
      metadata: true,
      gzip: true,
    },
  );
}
const kinds: Kind[] = shapes.flatMap((s) => [
  { ...s, cached: false },
  { ...s, cached: true },
]);

interface Sample {
  seconds: number;
  bytes: number;
  facts?: ListFacts;
}

/**
 * One curl run of a kind on one server, timed from the end of the TLS handshake (a client pays
 * it once per connection, not per request): one list, or GETs of 20 records over one kept-alive
 * connection (after a first that opens it), of which the median is taken.
 */
async function curl(server: string, auth: string[], kind: Kind): Promise<Sample> {
  const query = new URLSearchParams();
  if (kind.selector !== "") query.set("labelSelector", kind.selector);
  if (kind.cached) query.set("resourceVersion", "0");
  const q = query.size > 0 ? `?${query}` : "";
  const urls = kind.gets
    ? Array.from(
        { length: 21 },
        (_, i) =>
          `${server}${kind.path}/sh.helm.release.v1.rel-${String(i).padStart(4, "0")}.v1${q}`,
      )
    : [`${server}${kind.path}${q}`];
  const accept = kind.metadata ? METADATA : kind.protobuf ? PROTOBUF : undefined;
  const args = [
    "-s",
    "-w",
    "%{http_code} %{time_total} %{time_connect} %{time_appconnect} %{size_download} %header{x-sandbox-list-cost}\\n",
    ...auth,
    ...(accept === undefined ? [] : ["-H", `Accept: ${accept}`]),
    ...(kind.gzip ? ["--compressed"] : []),
    ...urls.flatMap((u) => ["-o", "/dev/null", u]),
  ];
  const { stdout } = await run("curl", args, { maxBuffer: 1 << 20 });
  const transfers = stdout
    .trim()
    .split("\n")
    .slice(kind.gets ? 1 : 0)
    .map((line) => {
      const [code, total, connect, tls, bytes, ...rest] = line.split(" ");
      if (code !== "200") throw new Error(`${kind.label}: HTTP ${code} from ${server}`);
      const header = rest.join(" ").trim();
      return {
        // Connecting and the TLS handshake (0 on a reused connection) are not the server's work
        // on the request. (Not pretransfer: over HTTP/2 it may include waiting for the answer.)
        seconds: Number(total) - Math.max(Number(connect), Number(tls)),
        bytes: Number(bytes),
        facts: header === "" ? undefined : (JSON.parse(header) as ListFacts),
      };
    });
  const times = transfers.map((t) => t.seconds).sort((x, y) => x - y);
  return { ...transfers[0]!, seconds: times[Math.floor(times.length / 2)]! };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Per list kind, the fastest of the runs (what the server costs; the machine's 2 cores are shared,
 * and load from elsewhere only ever adds time) and the median (what one tends to get).
 */
interface Row {
  kind: Kind;
  real: number;
  bare: number;
  modelled: number;
  realMedian: number;
  modelledMedian: number;
  facts: ListFacts;
}

// Round-robin over the kinds, so that load from elsewhere on the machine falls on all of them.
const samples = kinds.map(() => ({
  real: [] as number[],
  bare: [] as number[],
  modelled: [] as number[],
  facts: undefined as ListFacts | undefined,
}));
const sandboxAuth = ["-k", "-H", `Authorization: Bearer ${sandbox.token}`];
for (let i = 0; i < runs; i++) {
  for (const [k, kind] of kinds.entries()) {
    const s = samples[k]!;
    s.real.push((await curl(real.server, real.curlAuth, kind)).seconds * 1000);
    sandbox.setCost(ZERO_COST);
    const bare = await curl(sandbox.url, sandboxAuth, kind);
    s.bare.push(bare.seconds * 1000);
    s.facts = bare.facts;
    sandbox.setCost(REAL_SERVER_COST);
    s.modelled.push((await curl(sandbox.url, sandboxAuth, kind)).seconds * 1000);
  }
}
const rows: Row[] = kinds.map((kind, k) => {
  const s = samples[k]!;
  if (s.facts === undefined) throw new Error(`${kind.label}: the sandbox reported no cost facts`);
  const row = {
    kind,
    real: Math.min(...s.real),
    bare: Math.min(...s.bare),
    modelled: Math.min(...s.modelled),
    realMedian: median(s.real),
    modelledMedian: median(s.modelled),
    facts: s.facts,
  };
  console.log(
    `${describe(kind).padEnd(36)} ${String(s.facts.items).padStart(6)} items  fastest: real ${ms(row.real)}  sandbox ${ms(row.bare)}  with cost ${ms(row.modelled)}  ${pct(row.modelled, row.real)}   median: real ${ms(row.realMedian)}  with cost ${ms(row.modelledMedian)}  ${pct(row.modelledMedian, row.realMedian)}`,
  );
  return row;
});

function describe(kind: Kind): string {
  return `${kind.label}, ${kind.cached ? "cached" : "consistent"}`;
}
function ms(x: number): string {
  return `${x.toFixed(0).padStart(5)} ms`;
}
function relative(predicted: number, actual: number): number {
  return (predicted - actual) / Math.max(actual, FLOOR_MS);
}
function pct(predicted: number, actual: number): string {
  const e = relative(predicted, actual);
  return `${e >= 0 ? "+" : ""}${(e * 100).toFixed(0)}%${Math.abs(e) > 0.3 ? " (over 30%)" : ""}`;
}

const worst = (f: (r: Row) => number) => `${(Math.max(...rows.map(f)) * 100).toFixed(0)}%`;
console.log(
  `worst error of the sandbox with REAL_SERVER_COST: ${worst((r) => Math.abs(relative(r.modelled, r.real)))} (fastest runs), ${worst((r) => Math.abs(relative(r.modelledMedian, r.realMedian)))} (medians)`,
);

const out = flag("out");
if (out !== undefined)
  writeFileSync(out, JSON.stringify({ namespace, runs, samples, rows }, null, 1));

const MIB = 1024 * 1024;
/** One column per CostModel constant, in ms per unit of that constant. */
const columns: Array<[keyof CostModel, (f: ListFacts) => number]> = [
  ["baseMs", () => 1],
  ["consistentBaseMs", (f) => (f.consistent ? 1 : 0)],
  ["scanMsPerMiB", (f) => (f.consistent ? f.scopeBytes / MIB : 0)],
  ["keptMsPerMiB", (f) => (f.consistent ? f.keptBytes / MIB : 0)],
  ["keptMsPerMiB2", (f) => (f.consistent ? (f.keptBytes / MIB) ** 2 : 0)],
  ["cacheObjectUs", (f) => (f.consistent ? 0 : f.cacheObjects / 1000)],
  ["cacheScopeUs", (f) => (f.consistent ? 0 : f.scopeObjects / 1000)],
  ["itemUs", (f) => f.items / 1000],
  ["serializeMsPerMiB", (f) => (f.protobuf ? 0 : f.responseBytes / MIB)],
  ["gzipMsPerMiB", (f) => (f.gzip && !f.protobuf ? f.responseBytes / MIB : 0)],
  ["protobufSerializeMsPerMiB", (f) => (f.protobuf ? f.responseBytes / MIB : 0)],
  ["protobufGzipMsPerMiB", (f) => (f.gzip && f.protobuf ? f.responseBytes / MIB : 0)],
];

/** Non-negative least squares by coordinate descent (a few columns, a few dozen rows). */
function nnls(a: number[][], b: number[]): number[] {
  const n = a[0]?.length ?? 0;
  const x = new Array<number>(n).fill(0);
  const r = [...b];
  for (let sweep = 0; sweep < 20_000; sweep++) {
    let moved = 0;
    for (let j = 0; j < n; j++) {
      let num = 0;
      let den = 0;
      for (let i = 0; i < a.length; i++) {
        num += a[i]![j]! * r[i]!;
        den += a[i]![j]! ** 2;
      }
      if (den === 0) continue;
      const next = Math.max(0, x[j]! + num / den);
      const d = next - x[j]!;
      if (d === 0) continue;
      for (let i = 0; i < a.length; i++) r[i]! -= a[i]![j]! * d;
      x[j] = next;
      moved = Math.max(moved, Math.abs(d));
    }
    if (moved < 1e-9) break;
  }
  return x;
}

if (fit) {
  const weight = (r: Row) => 1 / Math.max(r.real, FLOOR_MS);
  const a = rows.map((r) => columns.map(([, f]) => f(r.facts) * weight(r)));
  const b = rows.map((r) => (r.real - r.bare) * weight(r));
  const x = nnls(a, b);
  const fitted = Object.fromEntries(
    columns.map(([name], j) => [name, Number(x[j]!.toPrecision(3))]),
  ) as unknown as CostModel;
  console.log("\nfitted constants (for REAL_SERVER_COST in src/sandbox/cost.ts):");
  console.log(JSON.stringify(fitted, null, 2));
  let worstFit = 0;
  for (const r of rows) {
    const predicted = r.bare + listCostMs(fitted, r.facts);
    worstFit = Math.max(worstFit, Math.abs(relative(predicted, r.real)));
    console.log(
      `${describe(r.kind).padEnd(36)} real ${ms(r.real)}  fitted ${ms(predicted)}  ${pct(predicted, r.real)}`,
    );
  }
  console.log(`worst error of the fitted model at this scale: ${(worstFit * 100).toFixed(0)}%`);
}

sandboxClient.close();
real.client.close();
await sandbox.close();
