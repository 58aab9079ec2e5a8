/**
 * Chart rendering figures (issue 2): a generated chart of 200 templates
 * (~10,000 manifest lines), cold (load + compile + render, first time in the
 * process) and warm (re-render with changed values; templates compiled).
 * Targets on 2-core machines: cold < 300 ms, warm < 50 ms. Prints figures;
 * asserts nothing.
 *
 *   npm run bench:render            # the generated chart
 *   npm run bench:render -- <chart> # any chart folder or .tgz
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";

const TEMPLATES = 200;

/** A chart whose every template is a ~50-line Deployment using includes, loops and pipes. */
function generateChart(): string {
  const root = join(mkdtempSync(join(tmpdir(), "wh-bench-")), "big");
  mkdirSync(join(root, "templates"), { recursive: true });
  writeFileSync(
    join(root, "Chart.yaml"),
    'apiVersion: v2\nname: big\nversion: 1.0.0\nappVersion: "1.0"\n',
  );
  const services: Record<string, unknown> = {};
  for (let i = 0; i < TEMPLATES; i++) {
    services[`svc${i}`] = {
      replicas: (i % 5) + 1,
      image: `registry.example/app${i}`,
      env: { A: "1", B: "two", C: `${i}` },
    };
  }
  writeFileSync(
    join(root, "values.yaml"),
    JSON.stringify(
      {
        tag: "1.0.0",
        services,
        resources: {
          limits: { cpu: "500m", memory: "256Mi" },
          requests: { cpu: "100m", memory: "128Mi" },
        },
      },
      null,
      2,
    ),
  );
  writeFileSync(
    join(root, "templates", "_helpers.hbs"),
    '{{#define "big.labels"}}app.kubernetes.io/instance: {{Release.Name}}\napp.kubernetes.io/managed-by: {{Release.Service}}\nhelm.sh/chart: {{Chart.Name}}-{{Chart.Version}}{{/define}}',
  );
  for (let i = 0; i < TEMPLATES; i++) {
    writeFileSync(
      join(root, "templates", `svc${i}.yaml`),
      `{{#with Values.services.svc${i}}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{trunc 63 (printf "%s-svc${i}" @root.Release.Name)}}
  labels:{{nindent 4 (include "big.labels" @root)}}
    component: svc${i}
spec:
  replicas: {{replicas}}
  selector:
    matchLabels:
      component: svc${i}
  template:
    metadata:
      labels:{{nindent 8 (include "big.labels" @root)}}
        component: svc${i}
      annotations:
        checksum/env: {{sha256sum (toJson env)}}
    spec:
      containers:
        - name: app
          image: "{{image}}:{{default "latest" @root.Values.tag}}"
          env:
{{#each env}}
            - name: {{@key}}
              value: {{quote this}}
{{/each}}
          ports:
            - name: http
              containerPort: 8080
            - name: metrics
              containerPort: 9090
          readinessProbe:
            httpGet:
              path: /ready
              port: http
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
          resources:{{nindent 12 (toYaml @root.Values.resources)}}
{{/with}}
`,
    );
  }
  return root;
}

const chartPath = process.argv[2] ? resolve(process.argv[2]) : generateChart();
// An empty compiled-template cache, so "cold" really compiles; set before the engine loads.
process.env.WHEELHOUSE_TEMPLATE_CACHE = mkdtempSync(join(tmpdir(), "wh-bench-cache-"));
const { renderRelease } = await import("../src/engine/actions/template.js");
const { loadChart } = await import("../src/engine/chart/loadChart.js");
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

// A later process: the chart is loaded again and its templates come from the disk cache.
const cachedStart = performance.now();
const reloaded = await loadChart(chartPath);
renderRelease({ chart: reloaded, userValues: {}, release });
const cached = performance.now() - cachedStart;

const warmRuns: number[] = [];
for (let i = 0; i < 30; i++) {
  const start = performance.now();
  renderRelease({
    chart,
    userValues: { tag: `1.0.${i}` },
    release: { ...release, revision: i + 2 },
  });
  warmRuns.push(performance.now() - start);
}
warmRuns.sort((a, b) => a - b);
const pct = (p: number) =>
  warmRuns[Math.min(warmRuns.length - 1, Math.floor((p / 100) * warmRuns.length))]!;

const lines = first.manifest.split("\n").length;
console.log(
  `chart            ${chart.metadata.name} (${chart.templates.length} templates, ${first.manifests.length} documents, ${lines} manifest lines)`,
);
console.log(`cold render      ${cold.toFixed(1)} ms   (target < 300 ms: load + compile + render)`);
console.log(
  `cold, cached     ${cached.toFixed(1)} ms   (load + render, templates from the disk cache: a second CLI run)`,
);
console.log(
  `warm render p50  ${pct(50).toFixed(1)} ms   p95 ${pct(95).toFixed(1)} ms   (target < 50 ms)`,
);
console.log(`heap used        ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)} MiB`);
