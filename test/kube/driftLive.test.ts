/*
 * `diff live` finds what people change with kubectl, from managedFields
 * (docs/release-storage.md#drift): a fresh install shows no drift; `kubectl set env`, `kubectl
 * label` and `kubectl annotate` each show, named with kubectl's manager. Runs on the sandbox in
 * `npm test` and on a real API server with `npm run test:cluster`, with the real kubectl.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeChart } from "../support/charts.js";
import { runCli } from "../support/cli.js";
import { startTestCluster, type TestCluster } from "./cluster.js";

const run = promisify(execFile);

/** A Deployment, a Service and a ConfigMap, written for Kubernetes 1.19 too. */
const chart = {
  "Chart.yaml": 'apiVersion: v2\nname: drift\nversion: 0.1.0\nappVersion: "1.0"\n',
  "templates/deployment.yaml": `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-app
  labels: { app: {{ .Release.Name }} }
spec:
  replicas: 2
  selector: { matchLabels: { app: {{ .Release.Name }} } }
  template:
    metadata: { labels: { app: {{ .Release.Name }} } }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env: [{ name: MODE, value: prod }]
          ports: [{ name: http, containerPort: 80, protocol: TCP }]
`,
  "templates/service.yaml": `apiVersion: v1
kind: Service
metadata:
  name: {{ .Release.Name }}-svc
spec:
  selector: { app: {{ .Release.Name }} }
  ports: [{ name: http, port: 80, targetPort: http, protocol: TCP }]
`,
  "templates/configmap.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-config
data:
  mode: prod
`,
};

function kubectlAvailable(): boolean {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const available = kubectlAvailable();

let cluster: TestCluster;
let work: string;
let kubeconfig: string;
let chartDir: string;

beforeAll(async () => {
  if (!available) return;
  cluster = await startTestCluster();
  work = mkdtempSync(join(tmpdir(), "wh-drift-"));
  chartDir = await writeChart(chart, "drift");
  if (cluster.sandbox) {
    kubeconfig = join(work, "kubeconfig");
    cluster.sandbox.writeKubeconfig(kubeconfig, cluster.namespace);
  } else {
    kubeconfig = process.env.KUBECONFIG ?? join(process.env.HOME ?? "", ".kube", "config");
  }
});
afterAll(async () => {
  if (!available) return;
  for (const name of ["ssa", "csa"]) await wh("uninstall", name);
  await cluster.close();
  rmSync(work, { recursive: true, force: true });
});

const env = () => ({ PATH: process.env.PATH, HOME: work, KUBECONFIG: kubeconfig });
const wh = (...args: string[]) =>
  runCli([...args, "--namespace", cluster.namespace], { env: env() });
const kubectl = async (...args: string[]) =>
  (
    await run(
      "kubectl",
      [...args, "--namespace", cluster.namespace, "--cache-dir", join(work, "kube-cache")],
      { env: env(), timeout: 60_000 },
    )
  ).stdout;

describe.skipIf(!available)("diff live against kubectl's changes", () => {
  it.each([
    ["ssa", "true"],
    ["csa", "false"],
  ])(
    "%s: no drift after a fresh install, then each kubectl change with its manager",
    async (name, serverSide) => {
      const install = await wh("install", name, chartDir, `--server-side=${serverSide}`);
      expect(install.stderr).toBe("");
      const clean = await wh("diff", "live", name, "--detailed-exitcode");
      expect(clean.stdout).toBe("0 added, 0 changed, 0 removed\n");
      expect(clean.code).toBe(0);

      await kubectl("set", "env", `deployment/${name}-app`, "FOO=bar");
      const env = await wh("diff", "live", name, "--detailed-exitcode");
      expect(env.code).toBe(2);
      expect(env.stdout).toMatch(/\+ +- name: FOO\n\+ +value: bar\n/);
      expect(env.stdout).toContain(
        '.spec.template.spec.containers[name="web"].env[name="FOO"]  added by kubectl-set',
      );

      await kubectl("label", `service/${name}-svc`, "team=payments");
      await kubectl("annotate", `configmap/${name}-config`, "ops.example.com/ticket=OPS-42");
      const all = await wh("diff", "live", name);
      expect(all.stdout).toContain(".metadata.labels.team  added by kubectl-label");
      expect(all.stdout).toContain(
        ".metadata.annotations.ops.example.com/ticket  added by kubectl-annotate",
      );
      expect(all.stdout).toMatch(/0 added, 3 changed, 0 removed\n$/);
    },
  );

  it.each([
    ["ssa", "true"],
    ["csa", "false"],
  ])(
    "%s: an upgrade preview says which live changes the upgrade overwrites, and it does",
    async (name, serverSide) => {
      const release = `up-${name}`;
      expect((await wh("install", release, chartDir, `--server-side=${serverSide}`)).code).toBe(0);
      await kubectl("set", "env", `deployment/${release}-app`, "FOO=bar");
      await kubectl("set", "image", `deployment/${release}-app`, "web=nginx:1.28");
      await kubectl("label", `service/${release}-svc`, "team=payments");

      const preview = await wh("diff", "upgrade", release, chartDir);
      const image = '.spec.template.spec.containers[name="web"].image  changed by kubectl-set';
      const env =
        '.spec.template.spec.containers[name="web"].env[name="FOO"]  added by kubectl-set';
      expect(preview.stdout).toContain(`${env}: kept`);
      expect(preview.stdout).toContain(".metadata.labels.team  added by kubectl-label: kept");
      if (name === "ssa") {
        expect(preview.stdout).toContain("(server-side apply without --force-conflicts):");
        expect(preview.stdout).toContain(`${image}: conflict`);
        expect(preview.stdout).toContain("3 live changes: 2 kept, 1 conflict");
        const refused = await wh("upgrade", release, chartDir);
        expect(refused.code).not.toBe(0);
        expect(refused.stderr).toMatch(/conflict/);
        const forced = await wh("diff", "upgrade", release, chartDir, "--force-conflicts");
        expect(forced.stdout).toContain(`${image}: overwritten`);
        expect((await wh("upgrade", release, chartDir, "--force-conflicts")).code).toBe(0);
      } else {
        expect(preview.stdout).toContain("(client-side apply: a three-way merge):");
        expect(preview.stdout).toContain(`${image}: overwritten`);
        expect((await wh("upgrade", release, chartDir)).code).toBe(0);
        const rollback = await wh("diff", "rollback", release, "1");
        expect(rollback.stdout).toContain("(client-side apply: a three-way merge):");
        expect(rollback.stdout).toContain(".metadata.labels.team  added by kubectl-label: kept");
      }
      // What the preview said would be kept is what drifts now; the rest was overwritten.
      const after = await wh("diff", "live", release);
      expect(after.stdout).toContain(env);
      expect(after.stdout).toContain(".metadata.labels.team  added by kubectl-label");
      expect(after.stdout).not.toContain("].image");
      await wh("uninstall", release);
    },
  );
});
