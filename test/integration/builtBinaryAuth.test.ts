import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeApiServer, type FakeApiServer } from "../support/fakeApiServer.js";

// The binary ships client-node as a tree-shaken bundle (scripts/bundle-client-node.mjs);
// these run the built binary so that auth through the bundle is what gets tested.
const run = promisify(execFile);
const wheelhouse = resolve("dist/cli/main.js");

let api: FakeApiServer;
let dir: string;

beforeEach(async () => {
  api = await startFakeApiServer((req) =>
    req.path !== "/version"
      ? { status: 404 }
      : req.headers.authorization === "Bearer from-exec-plugin"
        ? { body: { major: "1", minor: "31", gitVersion: "v1.31.2" } }
        : { status: 401, body: { kind: "Status", code: 401, reason: "Unauthorized" } },
  );
  dir = mkdtempSync(join(tmpdir(), "wheelhouse-auth-"));
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

function kubeconfigWithExecPlugin(plugin: string): string {
  const file = join(dir, "config");
  writeFileSync(
    file,
    [
      "apiVersion: v1",
      "kind: Config",
      "current-context: exec",
      "clusters:",
      "- name: exec",
      "  cluster:",
      `    server: ${api.url}`,
      "users:",
      "- name: exec",
      "  user:",
      "    exec:",
      "      apiVersion: client.authentication.k8s.io/v1",
      `      command: ${plugin}`,
      "      interactiveMode: Never",
      "contexts:",
      "- name: exec",
      "  context: {cluster: exec, user: exec}",
      "",
    ].join("\n"),
  );
  return file;
}

describe("the built binary's kube access", () => {
  it("authenticates with a token from an exec credential plugin", async () => {
    const plugin = join(dir, "credential-plugin");
    writeFileSync(
      plugin,
      "#!/bin/sh\necho '" +
        JSON.stringify({
          apiVersion: "client.authentication.k8s.io/v1",
          kind: "ExecCredential",
          status: { token: "from-exec-plugin" },
        }) +
        "'\n",
    );
    chmodSync(plugin, 0o755);
    const { stdout } = await run(process.execPath, [wheelhouse, "version", "-o", "json"], {
      env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kubeconfigWithExecPlugin(plugin) },
    });
    expect(JSON.parse(stdout)).toMatchObject({ server: { gitVersion: "v1.31.2" } });
    expect(api.requests.map((r) => r.headers.authorization)).toContain("Bearer from-exec-plugin");
  });

  it("says the plugin failed instead of crashing when it cannot run", async () => {
    const result = await run(process.execPath, [wheelhouse, "version"], {
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        KUBECONFIG: kubeconfigWithExecPlugin(join(dir, "no-such-plugin")),
      },
    }).catch((err: { code: number; stdout: string; stderr: string }) => err);
    // The server part of `version` is optional: it warns and exits 0.
    expect(result).not.toHaveProperty("code");
    expect(result.stdout).toMatch(/^Client: /m);
    expect(result.stderr).toMatch(/^WARNING: no server version: .*no-such-plugin/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
