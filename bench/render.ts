/**
 * Chart rendering figures: a generated chart of 200 templates (~10,000
 * manifest lines), cold (load + compile + render, first time in the process)
 * and warm (re-render with changed values; templates compiled). The same
 * chart is generated in Go templates (the default) or Handlebars; for Go
 * templates, `helm template` of the same chart is timed beside it (wall time
 * of the whole helm process, median of 5). Targets on 2-core machines: cold
 * < 300 ms, warm < 50 ms. Prints figures; asserts nothing.
 *
 *   npm run bench:render                       # the generated Go-template chart
 *   npm run bench:render -- --lang handlebars  # the generated Handlebars chart
 *   npm run bench:render -- <chart>            # any chart folder or .tgz
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";

const TEMPLATES = 200;

const args = process.argv.slice(2);
const langAt = args.indexOf("--lang");
const lang = langAt === -1 ? "go" : args.splice(langAt, 2)[1];
if (lang !== "go" && lang !== "handlebars") throw new Error("--lang is go or handlebars");

/** A chart whose every template is a ~50-line Deployment using includes, loops and pipes. */
function generateChart(): string {
  const root = join(mkdtempSync(join(tmpdir(), "wh-bench-")), "big");
  mkdirSync(join(root, "templates"), { recursive: true });
  writeFileSync(
    join(root, "Chart.yaml"),
    'apiVersion: v2\nname: big\nversion: 1.0.0\nappVersion: "1.0"\n' +
      (lang === "handlebars" ? "annotations:\n  wheelhouse.dev/template-engine: handlebars\n" : ""),
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
  if (lang === "go") writeGoTemplates(root);
  else writeHandlebarsTemplates(root);
  return root;
}

function writeGoTemplates(root: string): void {
  writeFileSync(
    join(root, "templates", "_helpers.tpl"),
    '{{- define "big.labels" -}}\napp.kubernetes.io/instance: {{ .Release.Name }}\napp.kubernetes.io/managed-by: {{ .Release.Service }}\nhelm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}\n{{- end }}\n',
  );
  for (let i = 0; i < TEMPLATES; i++) {
    writeFileSync(
      join(root, "templates", `svc${i}.yaml`),
      `{{- with .Values.services.svc${i} }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ printf "%s-svc${i}" $.Release.Name | trunc 63 }}
  labels: {{- include "big.labels" $ | nindent 4 }}
    component: svc${i}
spec:
  replicas: {{ .replicas }}
  selector:
    matchLabels:
      component: svc${i}
  template:
    metadata:
      labels: {{- include "big.labels" $ | nindent 8 }}
        component: svc${i}
      annotations:
        checksum/env: {{ toJson .env | sha256sum }}
    spec:
      containers:
        - name: app
          image: "{{ .image }}:{{ default "latest" $.Values.tag }}"
          env:
{{- range $k, $v := .env }}
            - name: {{ $k }}
              value: {{ quote $v }}
{{- end }}
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
          resources: {{- toYaml $.Values.resources | nindent 12 }}
{{- end }}
`,
    );
  }
}

function writeHandlebarsTemplates(root: string): void {
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
}

const chartPath = args[0] ? resolve(args[0]) : generateChart();
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
  lang === "go"
    ? `reload + render  ${cached.toFixed(1)} ms   (load + parse + render again in the same process)`
    : `cold, cached     ${cached.toFixed(1)} ms   (load + render, templates from the disk cache: a second CLI run)`,
);
console.log(
  `warm render p50  ${pct(50).toFixed(1)} ms   p95 ${pct(95).toFixed(1)} ms   (target < 50 ms)`,
);
console.log(`heap used        ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)} MiB`);

const { findHelm } = await import("../src/cli/demo/helmBinary.js");
const helm = findHelm(4);
if (helm && lang === "go") {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    execFileSync(helm, ["template", "bench", chartPath], { stdio: ["ignore", "ignore", "pipe"] });
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  const helmMs = runs[2]!;
  console.log(
    `helm 4 template  ${helmMs.toFixed(1)} ms   (whole process, median of 5; cold/helm = ${(cold / helmMs).toFixed(2)}x, warm p50/helm = ${(pct(50) / helmMs).toFixed(2)}x)`,
  );
}

// What a user waits for: the built CLI's whole `template` process (npm run build first), with
// an empty compiled-template cache (a first-ever render) and then with that cache filled. The
// CLI's own code cache is warm in both, as after any earlier command.
const cli = resolve("dist/cli/main.js");
if (existsSync(cli)) {
  const scratch = mkdtempSync(join(tmpdir(), "wh-bench-cli-"));
  const timeCli = (templateCache: string, args = ["template", "bench", chartPath]) => {
    const start = performance.now();
    execFileSync(process.execPath, [cli, ...args], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, WHEELHOUSE_TEMPLATE_CACHE: templateCache },
    });
    return performance.now() - start;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  timeCli(join(scratch, "warm-up")); // fills the code cache for `template`
  const firstEver = [0, 1, 2, 3, 4].map((i) => timeCli(join(scratch, `empty-${i}`)));
  const filled = [0, 1, 2, 3, 4].map(() => timeCli(join(scratch, "empty-0")));
  const startOnly = [0, 1, 2, 3, 4].map(() => timeCli("off", ["--version"]));
  console.log(
    `CLI first-ever   ${median(firstEver).toFixed(0)} ms   (whole \`wheelhouse template\` process, empty template cache; median of 5)`,
  );
  console.log(
    `CLI cached       ${median(filled).toFixed(0)} ms   (the same, templates from the cache; \`wheelhouse --version\` takes ${median(startOnly).toFixed(0)} ms)`,
  );
  rmSync(scratch, { recursive: true, force: true });
}
