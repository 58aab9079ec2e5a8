/*
 * helm 3 and wheelhouse taking the same steps on the same objects must leave identical objects.
 * Each scenario runs twice, in two namespaces: once with helm 3 for every step, once with helm 3
 * up to the step under test and wheelhouse for it. Runs on the sandbox in `npm test` and on a real
 * API server with `npm run test:cluster` (a public chart from the corpus is added there when
 * present).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../src/kube/client.js";
import type { KubeResource } from "../../src/kube/types.js";
import { writeChart } from "../support/charts.js";
import { runCli } from "../support/cli.js";
import { helmBinary, helmEnv } from "../support/helm.js";
import { againstRealCluster, startTestCluster, type TestCluster } from "./cluster.js";

const run = promisify(execFile);
const helm3 = helmBinary(3);
const helm4 = helmBinary(4);

const CRD = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.twins.example.com" },
  spec: {
    group: "twins.example.com",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
        },
      },
    ],
  },
};

/**
 * v1: two containers (ports by name), a Service with two ports (no protocol: the case that
 * server-side apply refuses on Kubernetes before 1.20), a ConfigMap and a custom resource.
 * v2 (`--set v2=true`) drops the sidecar, the metrics ports and a field of the custom resource.
 */
const twinChart = {
  "Chart.yaml": 'apiVersion: v2\nname: twin\nversion: 0.1.0\nappVersion: "1.0"\n',
  "values.yaml": "v2: false\n",
  "templates/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-app
  labels: { app: {{ .Release.Name }} }
spec:
  replicas: {{ if .Values.v2 }}3{{ else }}2{{ end }}
  selector:
    matchLabels: { app: {{ .Release.Name }} }
  template:
    metadata:
      labels: { app: {{ .Release.Name }} }
    spec:
      containers:
        - name: app
          image: example/app:{{ if .Values.v2 }}2.0{{ else }}1.0{{ end }}
          ports:
            - name: http
              containerPort: 8080
{{- if not .Values.v2 }}
            - name: metrics
              containerPort: 9090
{{- end }}
          env:
            - name: MODE
              value: {{ if .Values.v2 }}fast{{ else }}safe{{ end }}
{{- if not .Values.v2 }}
        - name: sidecar
          image: example/sidecar:1.0
{{- end }}
`,
  "templates/service.yaml": `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-svc
spec:
  selector: { app: {{ .Release.Name }} }
  ports:
    - name: http
      port: 80
      targetPort: 8080
{{- if not .Values.v2 }}
    - name: metrics
      port: 9090
      targetPort: 9090
{{- end }}
`,
  "templates/configmap.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
data:
  mode: {{ if .Values.v2 }}fast{{ else }}safe{{ end }}
{{- if not .Values.v2 }}
  legacy: "yes"
{{- end }}
`,
  "templates/widget.yaml": `apiVersion: twins.example.com/v1
kind: Widget
metadata:
  name: {{ .Release.Name }}-widget
spec:
  size: {{ if .Values.v2 }}large{{ else }}small{{ end }}
{{- if not .Values.v2 }}
  colour: red
{{- end }}
`,
};

/**
 * The same chart with every port's protocol spelled out: server-side apply on Kubernetes before
 * 1.20 refuses a port without one (helm 4 fails the same way there).
 */
const ssaChart = Object.fromEntries(
  Object.entries(twinChart).map(([path, text]) => [
    path,
    text
      .replace(/(\n(\s+)containerPort: \d+)/g, "$1\n$2protocol: TCP")
      .replace(/(\n(\s+)targetPort: \d+)/g, "$1\n$2protocol: TCP"),
  ]),
);

/** What the server sets, or what differs by namespace and time: not part of the comparison. */
function comparable(object: KubeResource | undefined): unknown {
  if (!object) return undefined;
  const { metadata, status: _status, ...rest } = object as KubeResource & { status?: unknown };
  const {
    uid: _uid,
    resourceVersion: _rv,
    creationTimestamp: _ct,
    generation: _gen,
    namespace: _ns,
    selfLink: _sl,
    managedFields,
    annotations,
    ...meta
  } = metadata as Record<string, unknown> & {
    managedFields?: Array<{ manager: string; operation: string }>;
    annotations?: Record<string, string>;
  };
  const kept = Object.fromEntries(
    Object.entries(annotations ?? {})
      // The twins live in different namespaces.
      .map(([k, v]): [string, string] => [
        k,
        k === "meta.helm.sh/release-namespace" ? "NAMESPACE" : v,
      ])
      .filter(
        ([k]) =>
          !k.startsWith("deployment.kubernetes.io/") &&
          k !== "kubectl.kubernetes.io/last-applied-configuration",
      ),
  );
  const spec = structuredClone((rest as { spec?: Record<string, unknown> }).spec);
  if (spec && object.kind === "Service") {
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  return {
    ...rest,
    ...(spec ? { spec } : {}),
    metadata: { ...meta, annotations: kept },
    managers: (managedFields ?? []).map((m) => `${m.manager}/${m.operation}`).sort(),
  };
}

let cluster: TestCluster;
let client: KubeClient;
let work: string;
let kubeconfig: string;
let chart: string;
let protocolChart: string;
const extraNamespaces: string[] = [];

beforeAll(async () => {
  cluster = await startTestCluster();
  client = cluster.client();
  work = mkdtempSync(join(tmpdir(), "wh-twins-"));
  if (cluster.sandbox) {
    kubeconfig = join(work, "kubeconfig");
    cluster.sandbox.writeKubeconfig(kubeconfig, cluster.namespace);
  } else {
    kubeconfig = process.env.KUBECONFIG ?? join(process.env.HOME ?? "", ".kube", "config");
  }
  await client.objects.apply(CRD as KubeResource, { fieldManager: "twins-test", force: true });
  for (let i = 0; i < 50; i++) {
    const crd = (await client.objects.get({ ...CRD, name: CRD.metadata.name })) as
      { status?: { conditions?: Array<{ type: string; status: string }> } } | undefined;
    if (crd?.status?.conditions?.some((c) => c.type === "Established" && c.status === "True"))
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  chart = await writeChart(twinChart, "twin");
  protocolChart = await writeChart(ssaChart, "twin");
}, 120_000);

afterAll(async () => {
  for (const name of extraNamespaces) {
    await client.objects.delete({ apiVersion: "v1", kind: "Namespace", name }).catch(() => false);
  }
  await cluster?.close();
});

async function namespace(suffix: string): Promise<string> {
  const name = `${cluster.namespace}-${suffix}`;
  await client.objects.apply(
    { apiVersion: "v1", kind: "Namespace", metadata: { name } },
    { fieldManager: "twins-test" },
  );
  extraNamespaces.push(name);
  return name;
}

const env = () => helmEnv(work, kubeconfig);
const helm = async (bin: string, ns: string, ...args: string[]) =>
  (await run(bin, [...args, "--namespace", ns], { env: env(), timeout: 120_000 })).stdout;
async function wh(ns: string, ...args: string[]): Promise<void> {
  const result = await runCli([...args, "--namespace", ns], { env: env() });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
}

/** Another field manager edits the live objects, as `kubectl annotate/label/set env` would. */
async function liveEdits(ns: string, release: string): Promise<void> {
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: ns,
    name: `${release}-app`,
  };
  await client.objects.patch(
    deployment,
    {
      metadata: { annotations: { "ops.example.com/ticket": "OPS-42" } },
      spec: {
        template: { spec: { containers: [{ name: "app", env: [{ name: "DEBUG", value: "1" }] }] } },
      },
    },
    "strategic",
    { fieldManager: "kubectl-set" },
  );
  await client.objects.patch(
    { apiVersion: "v1", kind: "Service", namespace: ns, name: `${release}-svc` },
    { metadata: { labels: { "team.example.com/owner": "payments" } } },
    "strategic",
    { fieldManager: "kubectl-label" },
  );
}

async function objectsOf(ns: string, release: string): Promise<Record<string, unknown>> {
  const refs = [
    { apiVersion: "apps/v1", kind: "Deployment", name: `${release}-app` },
    { apiVersion: "v1", kind: "Service", name: `${release}-svc` },
    { apiVersion: "v1", kind: "ConfigMap", name: `${release}-config` },
    { apiVersion: "twins.example.com/v1", kind: "Widget", name: `${release}-widget` },
  ];
  const out: Record<string, unknown> = {};
  for (const ref of refs)
    out[ref.kind] = comparable(await client.objects.get({ ...ref, namespace: ns }));
  return out;
}

describe.skipIf(!helm3)("client-side apply, step for step with helm 3", () => {
  it("rolls back and upgrades a helm 3 release as helm 3 does, live edits and removed list elements included", async () => {
    const [helmNs, ourNs] = [await namespace("h3"), await namespace("wh")];
    for (const ns of [helmNs, ourNs]) {
      await helm(helm3!, ns, "install", "twin", chart);
      await helm(helm3!, ns, "upgrade", "twin", chart, "--set", "v2=true");
      await liveEdits(ns, "twin");
    }
    await helm(helm3!, helmNs, "rollback", "twin", "1");
    await wh(ourNs, "rollback", "twin", "1");
    const afterRollback = await objectsOf(helmNs, "twin");
    expect(await objectsOf(ourNs, "twin")).toEqual(afterRollback);
    // The sidecar and the metrics ports are back, the live edits are kept.
    expect(JSON.stringify(afterRollback.Deployment)).toContain("sidecar");
    expect(JSON.stringify(afterRollback.Deployment)).toContain("OPS-42");

    await helm(helm3!, helmNs, "upgrade", "twin", chart, "--set", "v2=true");
    await wh(ourNs, "upgrade", "twin", chart, "--set", "v2=true");
    const afterUpgrade = await objectsOf(helmNs, "twin");
    expect(await objectsOf(ourNs, "twin")).toEqual(afterUpgrade);
    expect(JSON.stringify(afterUpgrade.Deployment)).not.toContain("sidecar");
    expect(JSON.stringify(afterUpgrade.Widget)).not.toContain("colour");

    // helm 3 and helm 4 read the result and roll it back.
    const history = JSON.parse(
      await helm(helm3!, ourNs, "history", "twin", "-o", "json"),
    ) as Array<{
      revision: number;
      status: string;
    }>;
    expect(history.map((r) => `${r.revision}:${r.status}`)).toEqual([
      "1:superseded",
      "2:superseded",
      "3:superseded",
      "4:deployed",
    ]);
    // Revision 2 is v2 (no sidecar), revision 3 is v1 (with it).
    await helm(helm3!, ourNs, "rollback", "twin", "2");
    expect(JSON.stringify((await objectsOf(ourNs, "twin")).Deployment)).not.toContain("sidecar");
    if (helm4) {
      await helm(helm4, ourNs, "rollback", "twin", "3");
      expect(JSON.stringify((await objectsOf(ourNs, "twin")).Deployment)).toContain("sidecar");
      expect(await helm(helm4, ourNs, "get", "metadata", "twin")).toMatch(
        /APPLY_METHOD: client-side apply/,
      );
    }
  }, 240_000);
});

describe.skipIf(!helm4)("server-side apply, then helm 4 under auto", () => {
  it("helm 4 takes the next turn server-side on a release wheelhouse installed", async () => {
    const ns = await namespace("ssa");
    await wh(ns, "install", "ours", protocolChart);
    await liveEdits(ns, "ours");
    await helm(helm4!, ns, "upgrade", "ours", protocolChart, "--set", "v2=true");
    expect(await helm(helm4!, ns, "get", "metadata", "ours")).toMatch(
      /APPLY_METHOD: server-side apply/,
    );
    const objects = await objectsOf(ns, "ours");
    expect(JSON.stringify(objects.Deployment)).not.toContain("sidecar");
    await wh(ns, "rollback", "ours", "1");
    expect(JSON.stringify((await objectsOf(ns, "ours")).Deployment)).toContain("sidecar");
  }, 240_000);
});

const nginx = "/work/corpus/bitnami+charts/bitnami/nginx";
describe.skipIf(!helm3 || !againstRealCluster || !existsSync(nginx))(
  "bitnami nginx on a real API server",
  () => {
    it("wheelhouse rolls back and upgrades what helm 3 installed, leaving what helm 3 leaves", async () => {
      const [helmNs, ourNs] = [await namespace("nginx-h3"), await namespace("nginx-wh")];
      const base = ["--set", "pdb.create=false", "--set", "service.type=ClusterIP"];
      for (const ns of [helmNs, ourNs]) {
        await helm(helm3!, ns, "install", "web", nginx, ...base);
        await helm(helm3!, ns, "upgrade", "web", nginx, ...base, "--set", "replicaCount=3");
      }
      await helm(helm3!, helmNs, "rollback", "web", "1");
      await wh(ourNs, "rollback", "web", "1");
      const refs = ["Deployment", "Service"].map((kind) => ({
        apiVersion: kind === "Deployment" ? "apps/v1" : "v1",
        kind,
        name: "web-nginx",
      }));
      for (const ref of refs) {
        expect(comparable(await client.objects.get({ ...ref, namespace: ourNs }))).toEqual(
          comparable(await client.objects.get({ ...ref, namespace: helmNs })),
        );
      }
    }, 300_000);
  },
);
