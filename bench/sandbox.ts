/**
 * Sandbox figures: 10,000 release-like Secrets (about 9 KiB of data each), a label-selected
 * metadata-only list against a full list, GET/list throughput and latency, and memory.
 * Run: npx tsx bench/sandbox.ts [count]
 * Targets (issue 3): metadata-only list of 10,000 < 300 ms, full list < 1 s.
 */
import { Agent, request } from "node:https";
import { startSandbox } from "../src/sandbox/index.js";

const COUNT = Number(process.argv[2] ?? 10_000);
const sandbox = await startSandbox({ port: 0 });
const base = sandbox.url;
const agent = new Agent({ keepAlive: true, maxSockets: 16, ca: sandbox.ca });

function call(
  url: string,
  method = "GET",
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: {
          "Content-Type": "application/json",
          Authorization: `Bearer ${sandbox.token}`,
          ...headers,
        },
      },
      (res) => {
        let bytes = 0;
        res.on("data", (c: Buffer) => (bytes += c.length));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timed(
  label: string,
  runs: number,
  fn: () => Promise<unknown>,
  concurrency = 1,
): Promise<void> {
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < runs) {
        next += 1;
        const s = performance.now();
        await fn();
        times.push(performance.now() - s);
      }
    }),
  );
  const total = performance.now() - t0;
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(44)} ${String(runs).padStart(6)} req  ${((runs / total) * 1000).toFixed(0).padStart(7)} req/s  p50 ${percentile(times, 50).toFixed(2).padStart(8)} ms  p95 ${percentile(times, 95).toFixed(2).padStart(8)} ms`,
  );
}

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

const heapBefore = process.memoryUsage().heapUsed;
const payload = Buffer.alloc((9 * 1024 * 3) / 4, 7).toString("base64"); // ~9 KiB once base64'd
const releases = Math.ceil(COUNT / 10);

const t0 = performance.now();
let i = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (i < COUNT) {
      const n = i++;
      const name = `r${n % releases}`;
      const version = Math.floor(n / releases) + 1;
      const body = JSON.stringify({
        metadata: {
          name: `sh.helm.release.v1.${name}.v${version}`,
          labels: {
            owner: "helm",
            name,
            status: version === 10 ? "deployed" : "superseded",
            version: String(version),
          },
        },
        type: "helm.sh/release.v1",
        data: { release: payload },
      });
      const r = await call(`${base}/api/v1/namespaces/default/secrets`, "POST", body);
      if (r.status !== 201) throw new Error(`create failed: ${r.status}`);
    }
  }),
);
const createMs = performance.now() - t0;
global.gc?.();
const heapAfter = process.memoryUsage().heapUsed;
console.log(
  `created ${COUNT} Secrets (~9 KiB each) in ${createMs.toFixed(0)} ms (${((COUNT / createMs) * 1000).toFixed(0)}/s)`,
);
console.log(
  `memory: heap +${mib(heapAfter - heapBefore)} (heap ${mib(heapAfter)}, rss ${mib(process.memoryUsage().rss)})`,
);
console.log("");

const metaAccept = {
  Accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json",
};
const single = async (
  label: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<void> => {
  const s = performance.now();
  const r = await call(url, "GET", undefined, headers);
  const ms = performance.now() - s;
  console.log(`${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${mib(r.bytes)}`);
};
await single(
  `metadata-only list, owner=helm (${COUNT})`,
  `${base}/api/v1/namespaces/default/secrets?labelSelector=owner%3Dhelm`,
  metaAccept,
);
await single(
  `full list, owner=helm (${COUNT})`,
  `${base}/api/v1/namespaces/default/secrets?labelSelector=owner%3Dhelm`,
);
await single(
  `metadata-only list, one release (10)`,
  `${base}/api/v1/namespaces/default/secrets?labelSelector=owner%3Dhelm,name%3Dr7`,
  metaAccept,
);
console.log("(targets: metadata-only list of 10,000 < 300 ms, full list < 1 s)");
console.log("");

await timed(
  "GET one Secret (concurrency 8)",
  2000,
  () => call(`${base}/api/v1/namespaces/default/secrets/sh.helm.release.v1.r1.v1`),
  8,
);
await timed("GET /version (concurrency 8)", 2000, () => call(`${base}/version`), 8);
await timed(
  "list one release, metadata-only (conc. 8)",
  500,
  () =>
    call(
      `${base}/api/v1/namespaces/default/secrets?labelSelector=owner%3Dhelm,name%3Dr3`,
      "GET",
      undefined,
      metaAccept,
    ),
  8,
);
await timed(
  "list ConfigMaps in an empty ns (conc. 8)",
  2000,
  () => call(`${base}/api/v1/namespaces/kube-public/configmaps`),
  8,
);

agent.destroy();
await sandbox.close();
