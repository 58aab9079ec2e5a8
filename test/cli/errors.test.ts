import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import {
  kubeconfigYaml,
  startFakeApiServer,
  type FakeApiServer,
} from "../support/fakeApiServer.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

const webapp = resolve("demo/charts/webapp");
const nginxPage = [
  "<!DOCTYPE html>",
  "<html>",
  "<head><title>404 Not Found</title></head>",
  "<body>",
  "<center><h1>404 Not Found</h1></center>",
  "<hr><center>nginx/1.25.3</center>",
  "</body>",
  "</html>",
  "",
].join("\n");

describe("a kubeconfig pointing at a web server that is not Kubernetes", () => {
  let web: FakeApiServer;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    web = await startFakeApiServer(() => ({
      status: 404,
      body: nginxPage,
      headers: { "content-type": "text/html" },
    }));
    dir = await mkdtemp(join(tmpdir(), "wh-errors-"));
    await writeFile(join(dir, "kubeconfig"), kubeconfigYaml(web.url));
    env = { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, "kubeconfig") };
  });
  afterAll(async () => {
    await web.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("says in one line that the server does not look like a Kubernetes API server", async () => {
    const { code, stderr } = await runCli(["list"], { env });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `Error: the server at ${web.url} answered 404 Not Found with an HTML page ("404 Not Found"); it does not look like a Kubernetes API server\n`,
    );
  });

  it("says so for a page served with 200 OK too", async () => {
    web.handle(() => ({ body: nginxPage, headers: { "content-type": "text/html" } }));
    const { code, stderr } = await runCli(["status", "web"], { env });
    expect(code).toBe(1);
    expect(stderr).toMatch(/answered 200 OK with an HTML page .*does not look like a Kubernetes/);
    expect(stderr).not.toContain("<html>");
    expect(stderr.split("\n")).toHaveLength(2);
  });

  it("still prints the client version, says why there is no server version, and exits 0", async () => {
    const { code, stdout, stderr } = await runCli(["version", "--short"], { env });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Client: v\d+\.\d+\.\d+\n$/);
    expect(stderr).toMatch(
      /^WARNING: no server version: the server at .* does not look like a Kubernetes API server\n$/,
    );
  });
});

describe("version without any cluster", () => {
  it("exits 0 with the client version when no kubeconfig exists", async () => {
    const home = await mkdtemp(join(tmpdir(), "wh-errors-"));
    try {
      const { code, stdout, stderr } = await runCli(["version"], {
        env: { PATH: process.env.PATH, HOME: home },
      });
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Client: &version.Version\{SemVer:"v/);
      expect(stderr).toMatch(/^WARNING: no server version: no kubeconfig found/);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });

  it("fails on a --kube-context the kubeconfig does not have: that is a mistake in the command", async () => {
    const home = await mkdtemp(join(tmpdir(), "wh-errors-"));
    try {
      await writeFile(join(home, "kubeconfig"), kubeconfigYaml("http://127.0.0.1:1"));
      const { code, stderr } = await runCli(["version", "--kube-context", "nope"], {
        env: { PATH: process.env.PATH, HOME: home, KUBECONFIG: join(home, "kubeconfig") },
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(/^Error: context "nope" is not in kubeconfig/);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});

describe("a kubeconfig without a current context", () => {
  it("names the flag that picks one, --kube-context", async () => {
    const home = await mkdtemp(join(tmpdir(), "wh-errors-"));
    try {
      const config = kubeconfigYaml("http://127.0.0.1:1").replace(/^current-context: .*\n/m, "");
      await writeFile(join(home, "kubeconfig"), config);
      const { code, stderr } = await runCli(["list"], {
        env: { PATH: process.env.PATH, HOME: home, KUBECONFIG: join(home, "kubeconfig") },
      });
      expect(code).toBe(1);
      expect(stderr).toContain(
        "Hint: pass --kube-context NAME or run `kubectl config use-context NAME`\n",
      );
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});

describe("hints against the sandbox", () => {
  let fx: SandboxFixture;
  let env: NodeJS.ProcessEnv;
  const wh = (...args: string[]) => runCli(args, { env });
  beforeAll(async () => {
    fx = await withSandbox();
    env = { PATH: process.env.PATH, HOME: fx.dir, KUBECONFIG: fx.kubeconfigPath };
  });
  afterAll(() => fx.close());

  it("names --create-namespace when installing into a namespace that does not exist", async () => {
    const { code, stderr } = await wh("install", "web", webapp, "-n", "missing-ns");
    expect(code).toBe(1);
    expect(stderr).toContain(`Error: namespace "missing-ns" does not exist\n`);
    expect(stderr).toContain("--create-namespace");
  });

  it("offers an upgrade command that works when pasted", async () => {
    expect((await wh("install", "shop", webapp, "-n", "errs", "--create-namespace")).code).toBe(0);
    const { code, stderr } = await wh(
      "install",
      "shop",
      webapp,
      "-n",
      "errs",
      "--set",
      "replicaCount=3",
      "--set",
      "extra.note=it's here",
    );
    expect(code).toBe(1);
    const suggested = /upgrade it with `(.*)`, or uninstall it first/.exec(stderr)?.[1];
    expect(suggested).toBe(
      `wheelhouse upgrade shop ${webapp} -n errs --set replicaCount=3 --set 'extra.note=it'\\''s here'`,
    );
    // The words a shell passes to wheelhouse when the line is pasted.
    const words = execFileSync("bash", ["-c", `set -- ${suggested}; printf '%s\\0' "$@"`])
      .toString()
      .split("\0")
      .slice(1, -1);
    const upgraded = await wh(...words);
    expect(upgraded.stderr).toBe("");
    expect(upgraded.code).toBe(0);
    const values = await wh("get", "values", "shop", "-n", "errs", "-o", "json");
    expect(JSON.parse(values.stdout)).toEqual({ replicaCount: 3, extra: { note: "it's here" } });
  });
});
