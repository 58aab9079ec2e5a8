import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { startRepoServer, type RepoServer } from "../support/repoServer.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { repoEnv, serveCharts } from "./helpers.js";

let fx: SandboxFixture;
let server: RepoServer;
let env: NodeJS.ProcessEnv;
const wh = (...args: string[]) => runCli(args, { env });

beforeAll(async () => {
  fx = await withSandbox();
  server = await startRepoServer();
  env = { ...(await repoEnv()), KUBECONFIG: fx.kubeconfigPath };
  await serveCharts(server, [
    { name: "web", version: "1.0.0" },
    { name: "web", version: "1.1.0" },
    { name: "web", version: "2.0.0" },
  ]);
  expect((await wh("repo", "add", "charts", server.url)).code).toBe(0);
});
afterAll(async () => {
  await server.close();
  await fx.close();
});

describe("install, diff upgrade and upgrade from a repository", () => {
  it("installs REPO/CHART at a --version range and upgrades to another", async () => {
    const install = await wh("install", "site", "charts/web", "--version", "~1.0.0");
    expect(install.stderr).toBe("");
    expect(install.stdout).toMatch(/STATUS: deployed/);
    const manifest = await wh("get", "manifest", "site");
    expect(manifest.stdout).toContain('version: "1.0.0"');

    const preview = await wh("diff", "upgrade", "site", "charts/web", "--version", "^1");
    expect(preview.stdout).toMatch(/- {3}version: "1\.0\.0"\n\+ {3}version: "1\.1\.0"/);

    const upgrade = await wh("upgrade", "site", "charts/web");
    expect(upgrade.code).toBe(0);
    expect((await wh("get", "manifest", "site")).stdout).toContain('version: "2.0.0"');

    const byUrl = await wh("upgrade", "site", `${server.url}/charts/web-1.1.0.tgz`);
    expect(byUrl.code).toBe(0);
    expect((await wh("get", "manifest", "site")).stdout).toContain('version: "1.1.0"');
  });
});
