import { chmod, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simpleChart, writeChart } from "../support/charts.js";
import { runCli } from "../support/cli.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

let fx: SandboxFixture;
let env: NodeJS.ProcessEnv;
let chart: string;
const wh = (...args: string[]) => runCli(args, { env, cwd: fx.dir });

/** Writes an executable shell script into the sandbox's temp dir; returns its name there. */
async function script(name: string, body: string): Promise<string> {
  await writeFile(join(fx.dir, name), `#!/bin/sh\n${body}\n`);
  await chmod(join(fx.dir, name), 0o755);
  return `./${name}`;
}

const configMap = async (name: string) => {
  const res = await fx.sandbox.fetch(`/api/v1/namespaces/default/configmaps/${name}`);
  return res.status === 200 ? ((await res.json()) as { data: Record<string, string> }) : undefined;
};

beforeAll(async () => {
  fx = await withSandbox();
  env = { PATH: process.env.PATH, HOME: fx.dir, KUBECONFIG: fx.kubeconfigPath };
  chart = await writeChart(simpleChart());
  // Rewrites a value and adds a document named after its argument, as kustomize would patch.
  await script(
    "kustomize-ish",
    `sed 's/greeting: "hello"/greeting: "post-rendered"/'\nprintf -- '---\\napiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: %s\\ndata:\\n  from: post-renderer\\n' "$1"`,
  );
});
afterAll(() => fx.close());

describe("--post-renderer", () => {
  it("rewrites what template prints, and --show-only still picks by Source", async () => {
    const all = await wh(
      "template",
      "web",
      chart,
      "--post-renderer",
      "./kustomize-ish",
      "--post-renderer-args",
      "web-extra",
    );
    expect(all.stderr).toBe("");
    expect(all.stdout).toContain('greeting: "post-rendered"');
    expect(all.stdout).toContain("name: web-extra");
    const one = await wh(
      "template",
      "web",
      chart,
      "-s",
      "templates/configmap.yaml",
      "--post-renderer",
      "./kustomize-ish",
      "--post-renderer-args",
      "web-extra",
    );
    expect(one.stdout).toContain('greeting: "post-rendered"');
    expect(one.stdout).not.toContain("web-extra");
  });

  it("installs and stores the post-rendered manifest, so the next upgrade reconciles against it", async () => {
    const installed = await wh(
      "install",
      "web",
      chart,
      "--post-renderer",
      "./kustomize-ish",
      "--post-renderer-args",
      "web-extra",
    );
    expect(installed.stderr).toBe("");
    expect((await configMap("web-cm"))?.data.greeting).toBe("post-rendered");
    expect((await configMap("web-extra"))?.data.from).toBe("post-renderer");
    expect((await wh("get", "manifest", "web")).stdout).toContain("name: web-extra");

    expect((await wh("upgrade", "web", chart)).code).toBe(0);
    expect((await configMap("web-cm"))?.data.greeting).toBe("hello");
    expect(await configMap("web-extra")).toBeUndefined();
  });

  it("fails before anything is stored when the post-renderer fails, with its stderr", async () => {
    await script("broken", 'echo "kustomize: patch target not found" >&2\nexit 3');
    const run = await wh("install", "nope", chart, "--post-renderer", "./broken");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/post-renderer .*broken exited with status 3/);
    expect(run.stderr).toContain("kustomize: patch target not found");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect((await wh("history", "nope")).stderr).toMatch(/not found/);
    expect(await configMap("nope-cm")).toBeUndefined();
  });

  it("refuses output that is not Kubernetes objects", async () => {
    await script("chatty", "cat >/dev/null\necho 'all done!'");
    const run = await wh("install", "chatty", chart, "--post-renderer", "./chatty");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "the post-renderer returned document 1 without apiVersion, kind and metadata.name",
    );
  });
});
