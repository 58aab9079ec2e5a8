import { mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { startRepoServer, type RepoServer } from "../support/repoServer.js";
import { repoEnv, serveCharts } from "./helpers.js";

let server: RepoServer;
let env: Awaited<ReturnType<typeof repoEnv>>;
const cli = (args: string[]) => runCli(args, { env });
const configFile = () => join(env.HOME, "config", "wheelhouse", "repositories.yaml");
const cacheDir = () => join(env.HOME, "cache", "wheelhouse", "repository");

beforeEach(async () => {
  server = await startRepoServer();
  env = await repoEnv();
  await serveCharts(server, [{ name: "web", version: "1.0.0" }]);
});
afterEach(() => server.close());

/** A repositories.yaml written by hand (or by another tool), with names `repo add` would refuse. */
async function writeRepositories(names: string[]): Promise<void> {
  await mkdir(dirname(configFile()), { recursive: true });
  const entries = names.map((n) => `  - name: ${JSON.stringify(n)}\n    url: ${server.url}\n`);
  await writeFile(configFile(), `apiVersion: ""\nrepositories:\n${entries.join("")}`);
}

/** Every file under HOME, relative to it. */
async function filesUnder(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

describe("repository names", () => {
  it("refuses a name with a path in it at repo add", async () => {
    const result = await cli(["repo", "add", "../../..", server.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('repository name "../../.." is invalid');
    await expect(stat(configFile())).rejects.toThrow();
  });

  it("never writes, reads or deletes a cache file outside the cache folder", async () => {
    await writeRepositories(["../../..", "ok"]);
    // What a cache path built from the name would reach: HOME/cache/..-index.yaml.
    const outside = join(cacheDir(), "../../..-index.yaml");
    const update = await cli(["repo", "update"]);
    expect(update.code).toBe(1);
    expect(update.stdout).toContain(
      'repository name "../../.." cannot name a file in the cache: it contains "/"',
    );
    expect(update.stdout).toContain('Successfully got an update from the "ok" chart repository');
    expect(await filesUnder(env.HOME)).toEqual([
      "cache/wheelhouse/repository/ok-index.json",
      "cache/wheelhouse/repository/ok-index.yaml",
      "config/wheelhouse/repositories.yaml",
    ]);

    await writeFile(outside, "not the cache's\n");
    const search = await cli(["search", "repo", "web"]);
    expect(search.stdout).toContain("ok/web");
    expect(search.stderr).not.toContain("not the cache's");

    // Removing the entry is how it gets cleaned up; the file its name points at stays.
    const remove = await cli(["repo", "remove", "../../.."]);
    expect(remove.code).toBe(0);
    expect((await stat(outside)).isFile()).toBe(true);
    const list = await cli(["repo", "list", "-o", "json"]);
    expect(JSON.parse(list.stdout)).toEqual([{ name: "ok", url: server.url }]);
  });
});
