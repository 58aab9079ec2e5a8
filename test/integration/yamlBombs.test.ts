/**
 * Billion-laughs documents everywhere a chart or a tool can put one (issue 14): each command fails
 * at once with helm's words, naming the file, and writes nothing to the cluster — no pending
 * revision, no Secret.
 */
import { chmod, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chartYaml, simpleChart, writeChart } from "../support/charts.js";
import { runCli } from "../support/cli.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

/** Nine levels of nine aliases: 387,420,489 strings once expanded, 500 bytes written. */
function laughs(indent = ""): string {
  const lines = [`${indent}a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < 10; i++)
    lines.push(`${indent}a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`)}]`);
  return lines.join("\n") + "\n";
}

const BOMB_DOCUMENT =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  x: "1"\nextra:\n' +
  laughs("  ");

let fx: SandboxFixture;
let env: NodeJS.ProcessEnv;
const wh = (...args: string[]) => runCli(args, { env, cwd: fx.dir });

/** GET from the sandbox with the kubeconfig's token, as a client would (sandbox.fetch sends it). */
function get(path: string): Promise<Response> {
  return fx.sandbox.fetch(path);
}

/** The release records in the namespace (a pending revision is one too). */
async function helmSecrets(): Promise<string[]> {
  const res = await get("/api/v1/namespaces/default/secrets?labelSelector=owner%3Dhelm");
  const list = (await res.json()) as { items: { metadata: { name: string } }[] };
  return list.items.map((s) => s.metadata.name);
}

beforeAll(async () => {
  fx = await withSandbox();
  env = { PATH: process.env.PATH, HOME: fx.dir, KUBECONFIG: fx.kubeconfigPath };
});
afterAll(() => fx.close());

describe("a billion-laughs document", () => {
  it("in a Handlebars template: install fails at once and leaves no revision behind", async () => {
    const chart = await writeChart(simpleChart({ "templates/bomb.yaml": BOMB_DOCUMENT }), "hb");
    const r = await wh("install", "hb", chart);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/templates\/bomb\.yaml.*document contains excessive aliasing/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(await helmSecrets()).toEqual([]);
  });

  it("in a Go template: install fails in helm's words", async () => {
    const chart = await writeChart(
      {
        "Chart.yaml": "apiVersion: v2\nname: go\nversion: 0.1.0\n",
        "templates/bomb.yaml": BOMB_DOCUMENT,
      },
      "go",
    );
    const r = await wh("install", "go", chart);
    expect(r.stderr).toContain(
      "YAML parse error on go/templates/bomb.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing",
    );
    expect(await helmSecrets()).toEqual([]);
  });

  it("in a chart's values.yaml: the chart does not load", async () => {
    const chart = await writeChart(simpleChart({ "values.yaml": laughs() }), "vb");
    const r = await wh("install", "vb", chart);
    expect(r.stderr).toContain(
      "cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: document contains excessive aliasing",
    );
    expect(await helmSecrets()).toEqual([]);
  });

  it("from a post-renderer: install fails before the pending revision is written", async () => {
    await writeFile(
      join(fx.dir, "bomb.yaml"),
      `---\n# Source: pr/templates/configmap.yaml\n${BOMB_DOCUMENT}`,
    );
    await writeFile(join(fx.dir, "bomber"), "#!/bin/sh\ncat >/dev/null\ncat bomb.yaml\n");
    await chmod(join(fx.dir, "bomber"), 0o755);
    const chart = await writeChart(simpleChart({}, "pr"), "pr");
    const r = await wh("install", "pr", chart, "--post-renderer", "./bomber");
    expect(r.stderr).toMatch(
      /post-renderer.*pr\/templates\/configmap\.yaml: document contains excessive aliasing/,
    );
    expect(await helmSecrets()).toEqual([]);
  });

  it("a hook that does not parse: refused before the pending revision", async () => {
    // helm's reader (yaml.v2) takes the repeated key; the manifest reader refuses it. Either way
    // it is found before anything is written, not when the hook runs.
    const hook = (body: string) =>
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: hook\n  annotations:\n    "helm.sh/hook": pre-install\n' +
      body;
    const chart = await writeChart(
      {
        "Chart.yaml": "apiVersion: v2\nname: hk\nversion: 0.1.0\n",
        "templates/hook.yaml": hook('data:\n  a: "1"\n  a: "2"\n'),
      },
      "hk",
    );
    const r = await wh("install", "hk", chart);
    expect(r.stderr).toContain(
      "YAML parse error on hk/templates/hook.yaml: duplicated mapping key",
    );
    expect(await helmSecrets()).toEqual([]);
  });

  it("in an upgrade: refused before a pending-upgrade revision exists", async () => {
    const good = await writeChart(simpleChart({}, "up"), "up");
    expect((await wh("install", "up", good)).code).toBe(0);
    const bad = await writeChart(
      simpleChart({ "Chart.yaml": chartYaml("up"), "templates/bomb.yaml": BOMB_DOCUMENT }, "up"),
      "up",
    );
    const r = await wh("upgrade", "up", bad);
    expect(r.stderr).toContain("document contains excessive aliasing");
    expect(await helmSecrets()).toEqual(["sh.helm.release.v1.up.v1"]);
    expect((await wh("status", "up")).stdout).toMatch(/STATUS: deployed/);
    await wh("uninstall", "up");
  });
});

describe("anchors used a few hundred times", () => {
  it("install as helm installs them", async () => {
    const services = Array.from({ length: 300 }, (_, i) => `  svc${i}: *defaults`).join("\n");
    const chart = await writeChart(
      simpleChart({
        "values.yaml": `greeting: hello\ndefaults: &defaults {port: 80, labels: {tier: web}}\nservices:\n${services}\n`,
        "templates/shared.yaml":
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n  labels: &labels {app: shared, tier: web}\n  annotations: *labels\ndata:\n  port: "{{Values.services.svc299.port}}"\n',
      }),
      "ok",
    );
    const r = await wh("install", "ok", chart);
    expect(r.stderr).toBe("");
    const cm = await get("/api/v1/namespaces/default/configmaps/shared");
    const body = (await cm.json()) as {
      metadata: { labels: object; annotations: object };
      data: object;
    };
    // The aliased map is a copy: helm's ownership annotations do not leak into the labels.
    expect(body.metadata.labels).toEqual({
      app: "shared",
      tier: "web",
      "app.kubernetes.io/managed-by": "Helm",
    });
    expect(body.metadata.annotations).toEqual({
      app: "shared",
      tier: "web",
      "meta.helm.sh/release-name": "ok",
      "meta.helm.sh/release-namespace": "default",
    });
    expect(body.data).toEqual({ port: "80" });
    await wh("uninstall", "ok");
  });
});
