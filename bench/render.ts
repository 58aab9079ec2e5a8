/**
 * Chart rendering figures: cold (load + compile + render, first time in the
 * process) and warm (render again; templates already compiled). Targets from
 * issue 2: cold < 300 ms, warm < 50 ms. Prints figures; asserts nothing.
 *
 *   npm run bench:render [-- <chart>]
 */
import { performance } from "node:perf_hooks";
import { resolve } from "node:path";
import { renderRelease } from "../src/engine/actions/template.js";
import { loadChart } from "../src/engine/chart/loadChart.js";

const chartPath = resolve(process.argv[2] ?? "demo/charts/webapp");
const release = {
  name: "bench",
  namespace: "default",
  revision: 1,
  isInstall: true,
  isUpgrade: false,
};

const coldStart = performance.now();
const chart = await loadChart(chartPath);
const first = renderRelease({ chart, userValues: {}, release });
const cold = performance.now() - coldStart;

const warmRuns: number[] = [];
for (let i = 0; i < 200; i++) {
  const start = performance.now();
  renderRelease({
    chart,
    userValues: { replicaCount: i },
    release: { ...release, revision: i + 2 },
  });
  warmRuns.push(performance.now() - start);
}
warmRuns.sort((a, b) => a - b);
const pct = (p: number) =>
  warmRuns[Math.min(warmRuns.length - 1, Math.floor((p / 100) * warmRuns.length))]!;

console.log(
  `chart            ${chart.metadata.name} ${chart.metadata.version} (${first.manifests.length} documents, ${first.manifest.length} bytes)`,
);
console.log(`cold render      ${cold.toFixed(1)} ms   (target < 300 ms: load + compile + render)`);
console.log(
  `warm render p50  ${pct(50).toFixed(2)} ms   p95 ${pct(95).toFixed(2)} ms   (target < 50 ms)`,
);
console.log(`heap used        ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)} MiB`);
