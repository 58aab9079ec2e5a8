import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockDigest } from "../../src/engine/repo/dependencyManager.js";
import { runCli } from "../support/cli.js";
import { simpleChart, writeChart } from "../support/charts.js";
import { helmBinary, helmEnv } from "../support/helm.js";
import { startRepoServer, type RepoServer } from "../support/repoServer.js";
import { chartTgz, parseYaml, repoEnv } from "./helpers.js";

const run = promisify(execFile);

/** Serves every file of a folder at /<file>. */
async function serveFolder(server: RepoServer, dir: string): Promise<void> {
  for (const file of await readdir(dir))
    server.routes.set(`/${file}`, { body: await readFile(join(dir, file)) });
}

async function chartsFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "wh-interop-repo-"));
  for (const [name, version] of [
    ["web", "1.0.0"],
    ["web", "1.1.0"],
    ["web", "2.0.0"],
    ["db", "0.5.0"],
  ] as const)
    await writeFile(
      join(dir, `${name}-${version}.tgz`),
      await chartTgz(name, version, { description: `the ${name} chart` }),
    );
  return dir;
}

for (const major of [3, 4] as const) {
  const helm = helmBinary(major);
  describe.skipIf(!helm)(`repositories shared with helm ${major}`, () => {
    let server: RepoServer;
    let env: Awaited<ReturnType<typeof repoEnv>>;
    let hEnv: NodeJS.ProcessEnv;
    const h = async (...args: string[]) => (await run(helm!, args, { env: hEnv })).stdout;

    beforeEach(async () => {
      server = await startRepoServer();
      env = await repoEnv();
      hEnv = helmEnv(join(env.HOME, "helm"), join(env.HOME, "no-kubeconfig"));
    });
    afterEach(() => server.close());

    it("helm adds, searches and pulls from a repository indexed by `wheelhouse repo index`", async () => {
      const dir = await chartsFolder();
      expect((await runCli(["repo", "index", dir, "--url", server.url], { env })).code).toBe(0);
      await serveFolder(server, dir);
      await h("repo", "add", "whrepo", server.url);
      const search = JSON.parse(await h("search", "repo", "whrepo/", "--versions", "-o", "json"));
      expect(
        search.map((r: { name: string; version: string }) => `${r.name}@${r.version}`),
      ).toEqual(["whrepo/db@0.5.0", "whrepo/web@2.0.0", "whrepo/web@1.1.0", "whrepo/web@1.0.0"]);
      // helm reads wheelhouse's repositories.yaml too
      await runCli(["repo", "add", "fromwh", server.url], { env });
      const ours = join(env.HOME, "config", "wheelhouse", "repositories.yaml");
      const listed = JSON.parse(await h("repo", "list", "--repository-config", ours, "-o", "json"));
      expect(listed).toEqual([{ name: "fromwh", url: server.url }]);
      const out = await mkdtemp(join(tmpdir(), "wh-helm-pull-"));
      await h("pull", "whrepo/web", "--version", "~1.0", "-d", out);
      await h("pull", "whrepo/db", "-d", out, "--untar");
      expect((await readdir(out)).sort()).toEqual(["db", "web-1.0.0.tgz"]);
      expect(await readFile(join(out, "web-1.0.0.tgz"))).toEqual(
        await readFile(join(dir, "web-1.0.0.tgz")),
      );
    });

    it("wheelhouse adds, searches and pulls from a repository indexed by `helm repo index`", async () => {
      const dir = await chartsFolder();
      await h("repo", "index", dir);
      await serveFolder(server, dir);
      expect((await runCli(["repo", "add", "hrepo", server.url], { env })).code).toBe(0);
      const search = await runCli(["search", "repo", "hrepo/", "--versions", "-o", "json"], {
        env,
      });
      expect(JSON.parse(search.stdout).map((r: { version: string }) => r.version)).toEqual([
        "0.5.0",
        "2.0.0",
        "1.1.0",
        "1.0.0",
      ]);
      // wheelhouse reads helm's repositories.yaml
      await h("repo", "add", "fromhelm", server.url);
      const helms = join(env.HOME, "helm", "helm-config", "repositories.yaml");
      const listed = await runCli(["repo", "list", "--repository-config", helms, "-o", "json"], {
        env,
      });
      expect(JSON.parse(listed.stdout)).toEqual([{ name: "fromhelm", url: server.url }]);
      const out = await mkdtemp(join(tmpdir(), "wh-pull-"));
      const pulled = await runCli(["pull", "hrepo/web", "--version", "<2", "-d", out], { env });
      expect(pulled).toMatchObject({ code: 0, stderr: "" });
      expect(await readdir(out)).toEqual(["web-1.1.0.tgz"]);
    });

    it("computes the same Chart.lock digest as `helm dependency update`, and builds from helm's lock", async () => {
      const dir = await chartsFolder();
      await h("repo", "index", dir);
      await serveFolder(server, dir);
      await h("repo", "add", "shared", server.url);
      expect((await runCli(["repo", "add", "shared", server.url], { env })).code).toBe(0);
      const app = await writeChart(
        simpleChart(
          {
            "Chart.yaml":
              `apiVersion: v2\nname: app\nversion: 1.0.0\ndependencies:\n` +
              `  - name: web\n    version: "^1.0.0"\n    repository: ${server.url}\n` +
              `  - name: db\n    version: ">=0.1.0"\n    repository: ${server.url}\n    condition: db.enabled\n` +
              `  - name: web\n    alias: oldweb\n    version: "1.0.0"\n    repository: "@shared"\n    tags: [legacy]\n`,
          },
          "app",
        ),
        "app",
      );
      await h("dependency", "update", app);
      const helmLock = parseYaml(await readFile(join(app, "Chart.lock"), "utf8"));
      const declared = parseYaml(await readFile(join(app, "Chart.yaml"), "utf8")).dependencies;
      // Helm hashes the dependencies with "@shared" replaced by the repository's URL.
      const requested = declared.map((d: { repository: string }) =>
        d.repository === "@shared" ? { ...d, repository: server.url } : d,
      );
      expect(lockDigest(requested, helmLock.dependencies)).toBe(helmLock.digest);

      await run("rm", ["-rf", join(app, "charts")]);
      const built = await runCli(["dependency", "build", app], { env });
      expect(built).toMatchObject({ code: 0, stderr: "" });
      expect((await readdir(join(app, "charts"))).sort()).toEqual([
        "db-0.5.0.tgz",
        "web-1.0.0.tgz",
        "web-1.1.0.tgz",
      ]);

      const ours = await runCli(["dependency", "update", app], { env });
      expect(ours.code).toBe(0);
      const ourLock = parseYaml(await readFile(join(app, "Chart.lock"), "utf8"));
      expect(ourLock.digest).toBe(helmLock.digest);
      expect(ourLock.dependencies).toEqual(helmLock.dependencies);
    });
  });
}
