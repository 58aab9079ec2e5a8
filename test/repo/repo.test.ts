import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { chartVersions } from "../../src/engine/repo/download.js";
import { repoPaths } from "../../src/engine/repo/paths.js";
import { runCli } from "../support/cli.js";
import { startRepoServer, type RepoServer } from "../support/repoServer.js";
import { chartTgz, parseYaml, repoEnv, serveCharts } from "./helpers.js";

let server: RepoServer;
let env: Awaited<ReturnType<typeof repoEnv>>;

beforeEach(async () => {
  server = await startRepoServer();
  env = await repoEnv();
});
afterEach(() => server.close());

const cli = (args: string[], extra: { stdin?: string; cwd?: string } = {}) =>
  runCli(args, { env, ...extra });
const configFile = () => join(env.HOME, "config", "wheelhouse", "repositories.yaml");
const cacheFile = (name: string) =>
  join(env.HOME, "cache", "wheelhouse", "repository", `${name}-index.yaml`);

const SAMPLE = [
  { name: "web", version: "1.0.0", description: "A web server", keywords: ["http"] },
  { name: "web", version: "1.2.0", description: "A web server", keywords: ["http"] },
  { name: "web", version: "2.0.0-beta.1", description: "A web server", keywords: ["http"] },
  { name: "db", version: "0.3.0", description: "A database", keywords: ["sql"] },
];

describe("repo add, list, update, remove", () => {
  it("adds a repository, caches its index and lists it", async () => {
    await serveCharts(server, SAMPLE);
    const added = await cli(["repo", "add", "mine", server.url]);
    expect(added).toMatchObject({
      code: 0,
      stdout: '"mine" has been added to your repositories\n',
    });
    const list = await cli(["repo", "list"]);
    expect(list.stdout).toBe(`NAME\tURL\nmine\t${server.url}\n`);
    const json = await cli(["repo", "list", "-o", "json"]);
    expect(JSON.parse(json.stdout)).toEqual([{ name: "mine", url: server.url }]);
    expect(parseYaml(await readFile(cacheFile("mine"), "utf8")).entries.web).toHaveLength(3);
    const again = await cli(["repo", "add", "mine", server.url]);
    expect(again.stdout).toMatch(/already exists with the same configuration, skipping/);
  });

  it("refuses an existing name with another URL unless --force-update", async () => {
    await serveCharts(server, SAMPLE);
    await serveCharts(server, SAMPLE, { prefix: "/other" });
    await cli(["repo", "add", "mine", server.url]);
    const clash = await cli(["repo", "add", "mine", `${server.url}/other`]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(/repository name \(mine\) already exists/);
    const forced = await cli(["repo", "add", "mine", `${server.url}/other`, "--force-update"]);
    expect(forced.stdout).toMatch(/"mine" has been updated/);
  });

  it("stores credentials with mode 0600 in Helm's layout and never prints them", async () => {
    server.auth = { username: "ann", password: "s3cret-pw" };
    await serveCharts(server, SAMPLE);
    const denied = await cli(["repo", "add", "locked", server.url]);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/401 Unauthorized: the repository refused the credentials/);
    expect(denied.stderr).toMatch(/--username/);
    await expect(stat(configFile())).rejects.toThrow();

    const ok = await cli(
      ["repo", "add", "locked", server.url, "--username", "ann", "--password-stdin"],
      {
        stdin: "s3cret-pw\n",
      },
    );
    expect(ok.code).toBe(0);
    expect((await stat(configFile())).mode & 0o777).toBe(0o600);
    const doc = parseYaml(await readFile(configFile(), "utf8"));
    expect(doc.repositories[0]).toMatchObject({
      name: "locked",
      url: server.url,
      username: "ann",
      password: "s3cret-pw",
      insecure_skip_tls_verify: false,
      pass_credentials_all: false,
    });
    const outputs = [ok, await cli(["repo", "list"]), await cli(["repo", "list", "-o", "yaml"])];
    for (const o of outputs) expect(o.stdout + o.stderr).not.toContain("s3cret-pw");
    // the chart download carries the credentials too
    const pulled = await cli(["pull", "locked/db", "-d", env.HOME]);
    expect(pulled).toMatchObject({ code: 0 });
  });

  it("follows redirects, and stops a redirect loop", async () => {
    await serveCharts(server, SAMPLE, { prefix: "/real" });
    server.routes.set("/moved/index.yaml", {
      redirect: `${server.url}/real/index.yaml`,
      status: 301,
    });
    const added = await cli(["repo", "add", "moved", `${server.url}/moved`]);
    expect(added.code).toBe(0);
    server.routes.set("/loop/index.yaml", { redirect: "/loop/index.yaml" });
    const loop = await cli(["repo", "add", "loop", `${server.url}/loop`]);
    expect(loop.code).toBe(1);
    expect(loop.stderr).toMatch(/stopped after 10 redirects/);
  });

  it("names the URL on a 404 and adds nothing", async () => {
    const missing = await cli(["repo", "add", "nope", `${server.url}/nothing`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`GET ${server.url}/nothing/index.yaml: 404 Not Found`);
    await expect(stat(configFile())).rejects.toThrow();
  });

  it("rejects a corrupt or oversized index on update and keeps the previous cache", async () => {
    await serveCharts(server, SAMPLE);
    await cli(["repo", "add", "mine", server.url]);
    const before = await readFile(cacheFile("mine"), "utf8");

    server.routes.set("/index.yaml", { body: "entries: [unclosed\n  - : :" });
    const corrupt = await cli(["repo", "update"]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stdout).toMatch(/Unable to get an update from the "mine" chart repository/);
    expect(corrupt.stdout).toContain(`index ${server.url}/index.yaml is not valid YAML`);

    server.routes.set("/index.yaml", { body: "just: a map\n" });
    const notIndex = await cli(["repo", "update", "mine"]);
    expect(notIndex.stdout).toMatch(/has no apiVersion/);

    server.routes.set("/index.yaml", {
      body: Buffer.alloc(21 * 1024 * 1024, 0x20),
    });
    const big = await cli(["repo", "update", "mine"]);
    expect(big.stdout).toMatch(/larger than 20 MiB/);

    expect(await readFile(cacheFile("mine"), "utf8")).toBe(before);
    const search = await cli(["search", "repo", "web"]);
    expect(search.stdout).toContain("mine/web\t1.2.0");
    const leftovers = (await readdir(join(env.HOME, "cache", "wheelhouse", "repository"))).filter(
      (f) => f.endsWith(".tmp"),
    );
    expect(leftovers).toEqual([]);
  });

  it("keeps every repository when several wheelhouse processes add at once", async () => {
    await serveCharts(server, SAMPLE);
    const names = ["a", "b", "c", "d", "e", "f"];
    const results = await Promise.all(names.map((n) => cli(["repo", "add", n, server.url])));
    expect(results.map((r) => r.code)).toEqual(names.map(() => 0));
    const listed = parseYaml(await readFile(configFile(), "utf8")) as {
      repositories: Array<{ name: string }>;
    };
    expect(listed.repositories.map((r) => r.name).sort()).toEqual(names);
    await expect(stat(`${configFile()}.lock`)).rejects.toThrow(/ENOENT/);
  });

  it("takes over a lock left by a crashed process, and waits out a live one", async () => {
    await serveCharts(server, SAMPLE);
    await cli(["repo", "add", "first", server.url]);
    const lock = `${configFile()}.lock`;
    await writeFile(lock, "12345\n");
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    expect((await cli(["repo", "add", "second", server.url])).code).toBe(0);

    await writeFile(lock, `${process.pid}\n`);
    const waiting = cli(["repo", "remove", "first"]);
    await new Promise((r) => setTimeout(r, 150));
    await rm(lock);
    expect((await waiting).code).toBe(0);
    const names = (await cli(["repo", "list", "-o", "json"])).stdout;
    expect(JSON.parse(names).map((r: { name: string }) => r.name)).toEqual(["second"]);
  });

  it("removes a repository and its cache", async () => {
    await serveCharts(server, SAMPLE);
    await cli(["repo", "add", "mine", server.url]);
    const removed = await cli(["repo", "remove", "mine"]);
    expect(removed.stdout).toBe('"mine" has been removed from your repositories\n');
    await expect(stat(cacheFile("mine"))).rejects.toThrow();
    const again = await cli(["repo", "remove", "mine"]);
    expect(again.stderr).toMatch(/no repo named "mine" found/);
  });

  it("honours WHEELHOUSE_REPOSITORY_CONFIG and the --repository-config flag", async () => {
    await serveCharts(server, SAMPLE);
    const file = join(env.HOME, "elsewhere.yaml");
    env.WHEELHOUSE_REPOSITORY_CONFIG = file;
    await cli(["repo", "add", "mine", server.url]);
    expect(parseYaml(await readFile(file, "utf8")).repositories[0].name).toBe("mine");
    delete env.WHEELHOUSE_REPOSITORY_CONFIG;
    const byFlag = await cli(["repo", "list", "--repository-config", file]);
    expect(byFlag.stdout).toContain("mine");
  });
});

describe("search repo", () => {
  beforeEach(async () => {
    await serveCharts(server, SAMPLE);
    await cli(["repo", "add", "mine", server.url]);
  });

  it("shows the newest stable version of each chart, by name", async () => {
    const all = await cli(["search", "repo"]);
    expect(all.stdout).toBe(
      "NAME    \tCHART VERSION\tAPP VERSION\tDESCRIPTION\n" +
        "mine/db \t0.3.0        \t           \tA database\n" +
        "mine/web\t1.2.0        \t           \tA web server\n",
    );
  });

  it("matches keywords and descriptions, lists versions, ranges and pre-releases", async () => {
    const byKeyword = await cli(["search", "repo", "SQL", "-o", "json"]);
    expect(JSON.parse(byKeyword.stdout)).toEqual([
      { name: "mine/db", version: "0.3.0", app_version: "", description: "A database" },
    ]);
    const versions = await cli(["search", "repo", "web", "--versions", "-o", "json"]);
    expect(JSON.parse(versions.stdout).map((r: { version: string }) => r.version)).toEqual([
      "1.2.0",
      "1.0.0",
    ]);
    const devel = await cli(["search", "repo", "web", "--devel", "-o", "json"]);
    expect(JSON.parse(devel.stdout)[0].version).toBe("2.0.0-beta.1");
    const ranged = await cli(["search", "repo", "web", "--version", "<1.1.0", "-o", "json"]);
    expect(JSON.parse(ranged.stdout).map((r: { version: string }) => r.version)).toEqual(["1.0.0"]);
    const none = await cli(["search", "repo", "zzz"]);
    expect(none.stdout).toBe("No results found\n");
  });
});

describe("pull, show and REPO/CHART references", () => {
  beforeEach(async () => {
    await serveCharts(server, SAMPLE);
    await cli(["repo", "add", "mine", server.url]);
  });

  it("pulls the newest stable version, or the one --version picks", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wh-pull-"));
    expect((await cli(["pull", "mine/web", "-d", dir])).code).toBe(0);
    expect((await cli(["pull", "mine/web", "--version", "~1.0", "-d", dir])).code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(["web-1.0.0.tgz", "web-1.2.0.tgz"]);
    // a range that names a pre-release admits pre-releases, as helm's does
    expect((await cli(["pull", "mine/web", "--version", ">=1.0.0-0", "-d", dir])).code).toBe(0);
    expect(await readdir(dir)).toContain("web-2.0.0-beta.1.tgz");
    const none = await cli(["pull", "mine/web", "--version", ">=3", "-d", dir]);
    expect(none.stderr).toMatch(/has no version matching >=3/);
    expect(none.stderr).toMatch(/available: 2\.0\.0-beta\.1, 1\.2\.0, 1\.0\.0/);
  });

  it("unpacks with --untar into DIR/NAME", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wh-pull-"));
    expect((await cli(["pull", "mine/db", "--untar", "-d", dir])).code).toBe(0);
    expect((await readdir(join(dir, "db"))).sort()).toEqual([
      "Chart.yaml",
      "README.md",
      "templates",
      "values.yaml",
    ]);
    const again = await cli(["pull", "mine/db", "--untar", "-d", dir]);
    expect(again.stderr).toMatch(/a file or folder with that name exists/);
  });

  it("refuses a download whose digest does not match the index, writing nothing", async () => {
    server.routes.set("/charts/db-0.3.0.tgz", {
      body: await chartTgz("db", "0.3.0", { description: "changed" }),
    });
    const dir = await mkdtemp(join(tmpdir(), "wh-pull-"));
    const pulled = await cli(["pull", "mine/db", "-d", dir]);
    expect(pulled.code).toBe(1);
    expect(pulled.stderr).toContain(`digest mismatch for ${server.url}/charts/db-0.3.0.tgz`);
    expect(await readdir(dir)).toEqual([]);
  });

  it("lists a chart's versions from the cache for a version picker", async () => {
    const paths = repoPaths(env);
    const stable = await chartVersions(paths, "mine", "web");
    expect(stable.map((v) => v.version)).toEqual(["1.2.0", "1.0.0"]);
    const all = await chartVersions(paths, "mine", "web", { devel: true });
    expect(all.map((v) => v.version)).toEqual(["2.0.0-beta.1", "1.2.0", "1.0.0"]);
    await expect(chartVersions(paths, "nope", "web")).rejects.toThrow(/no repository named "nope"/);
  });

  it("checks the digest of a chart URL that an added repository's index lists", async () => {
    const url = `${server.url}/charts/db-0.3.0.tgz`;
    expect((await cli(["show", "chart", url])).code).toBe(0);
    server.routes.set("/charts/db-0.3.0.tgz", {
      body: await chartTgz("db", "0.3.0", { description: "tampered" }),
    });
    const shown = await cli(["show", "chart", url]);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain(`digest mismatch for ${url}`);
  });

  it("refuses a corrupt archive behind a URL", async () => {
    server.routes.set("/bad.tgz", { body: Buffer.from("not gzip at all") });
    const shown = await cli(["show", "chart", `${server.url}/bad.tgz`]);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toMatch(/bad\.tgz: is not a gzip-compressed archive/);
  });

  it("templates REPO/CHART with --version, and a chart URL", async () => {
    const latest = await cli(["template", "rel", "mine/web"]);
    expect(latest.stdout).toContain('version: "1.2.0"');
    const old = await cli(["template", "rel", "mine/web", "--version", "1.0.0"]);
    expect(old.stdout).toContain('version: "1.0.0"');
    const pre = await cli(["template", "rel", "mine/web", "--devel"]);
    expect(pre.stdout).toContain('version: "2.0.0-beta.1"');
    const byUrl = await cli(["template", "rel", `${server.url}/charts/db-0.3.0.tgz`]);
    expect(byUrl.stdout).toContain('version: "0.3.0"');
    const unknown = await cli(["template", "rel", "other/web"]);
    expect(unknown.stderr).toMatch(
      /neither a chart folder or archive nor a chart in an added repository/,
    );
  });

  it("shows the chart, values and README", async () => {
    const chart = await cli(["show", "chart", "mine/db"]);
    expect(parseYaml(chart.stdout)).toMatchObject({ name: "db", version: "0.3.0" });
    const values = await cli(["show", "values", "mine/db"]);
    expect(values.stdout).toBe("greeting: hello\n");
    const all = await cli(["show", "all", "mine/db"]);
    expect(all.stdout.split("---\n")).toHaveLength(3);
    expect(all.stdout).toContain("# db\n");
  });
});

describe("repo index", () => {
  it("writes a Helm-format index: sorted, newest first, sha256 digests, urls", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wh-index-"));
    for (const [n, v] of [
      ["web", "1.0.0"],
      ["web", "1.10.0"],
      ["web", "1.2.0"],
      ["api", "0.1.0"],
    ] as const)
      await writeFile(join(dir, `${n}-${v}.tgz`), await chartTgz(n, v));
    const done = await cli(["repo", "index", dir, "--url", "https://charts.example.com/"]);
    expect(done.code).toBe(0);
    const text = await readFile(join(dir, "index.yaml"), "utf8");
    const doc = parseYaml(text);
    expect(doc.apiVersion).toBe("v1");
    expect(Object.keys(doc.entries)).toEqual(["api", "web"]);
    expect(doc.entries.web.map((e: { version: string }) => e.version)).toEqual([
      "1.10.0",
      "1.2.0",
      "1.0.0",
    ]);
    expect(doc.entries.api[0].urls).toEqual(["https://charts.example.com/api-0.1.0.tgz"]);
    const { createHash } = await import("node:crypto");
    const digest = createHash("sha256")
      .update(await readFile(join(dir, "api-0.1.0.tgz")))
      .digest("hex");
    expect(doc.entries.api[0].digest).toBe(digest);
    expect(doc.entries.api[0].created).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(doc.generated).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("indexes archives one folder down with their relative path", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wh-index-"));
    const { mkdir } = await import("node:fs/promises");
    await mkdir(join(dir, "web"));
    await writeFile(join(dir, "web", "web-1.0.0.tgz"), await chartTgz("web", "1.0.0"));
    await cli(["repo", "index", dir, "--url", "http://x/"]);
    const doc = parseYaml(await readFile(join(dir, "index.yaml"), "utf8"));
    expect(doc.entries.web[0].urls).toEqual(["http://x/web/web-1.0.0.tgz"]);
  });

  it("--merge keeps entries from an existing index that the folder lacks", async () => {
    const old = await mkdtemp(join(tmpdir(), "wh-index-"));
    await writeFile(join(old, "web-0.9.0.tgz"), await chartTgz("web", "0.9.0"));
    await cli(["repo", "index", old]);
    const dir = await mkdtemp(join(tmpdir(), "wh-index-"));
    await writeFile(join(dir, "web-1.0.0.tgz"), await chartTgz("web", "1.0.0"));
    await cli(["repo", "index", dir, "--merge", join(old, "index.yaml")]);
    const doc = parseYaml(await readFile(join(dir, "index.yaml"), "utf8"));
    expect(doc.entries.web.map((e: { version: string }) => e.version)).toEqual(["1.0.0", "0.9.0"]);
    expect(doc.entries.web[0].urls).toEqual(["web-1.0.0.tgz"]);
  });
});
