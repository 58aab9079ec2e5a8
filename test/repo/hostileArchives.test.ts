import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { chartEntries, tarball, type TarEntry } from "../support/charts.js";
import { startRepoServer, type RepoServer } from "../support/repoServer.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";
import { repoEnv } from "./helpers.js";

/** Chart archives no packer writes, served by URL: each is refused with the archive and entry named. */
const DEEP_PATH = `demo/${Array.from({ length: 3000 }, () => "d").join("/")}/f`;

let server: RepoServer;
let env: Awaited<ReturnType<typeof repoEnv>>;
const cli = (args: string[]) => runCli(args, { env });

beforeEach(async () => {
  server = await startRepoServer();
  env = await repoEnv();
});
afterEach(() => server.close());

function serve(name: string, extra: TarEntry[]): string {
  server.routes.set(`/${name}`, { body: tarball([...chartEntries(), ...extra]) });
  return `${server.url}/${name}`;
}

describe("pull --untar of a hostile archive", () => {
  it("refuses an entry 3,000 folders deep, naming archive and entry, and writes nothing", async () => {
    const url = serve("deep.tgz", [{ path: DEEP_PATH, data: "x" }]);
    const dest = await mkdtemp(join(tmpdir(), "wh-untar-"));
    const result = await cli(["pull", url, "--untar", "-d", dest]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain("bug in wheelhouse");
    expect(result.stderr).toMatch(new RegExp(`^Error: ${url}: entry "demo/d/d/d[d/]*…[d/]*/f"`));
    expect(result.stderr).toContain(
      `(${DEEP_PATH.length} characters) lies 3000 folders deep in the chart, more than 300`,
    );
    expect(result.stderr.length).toBeLessThan(600);
    expect(await readdir(dest)).toEqual([]);
  });

  it("names the archive and the entry the file system refuses, and leaves no folder behind", async () => {
    // A file name longer than any file system takes (255 bytes), after files that unpack fine.
    const url = serve("long.tgz", [{ path: `demo/templates/${"n".repeat(300)}.yaml`, data: "x" }]);
    const dest = await mkdtemp(join(tmpdir(), "wh-untar-"));
    const result = await cli(["pull", url, "--untar", "-d", dest]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain("bug in wheelhouse");
    expect(result.stderr).toMatch(
      new RegExp(
        `^Error: cannot unpack ${url} into ${dest}/demo: entry "demo/templates/n+…n+\\.yaml" \\(320 characters\\): the path is too long for the file system`,
      ),
    );
    expect(await readdir(dest)).toEqual([]);
  });

  it("refuses a file, then a folder of the same name, before writing anything", async () => {
    const url = serve("clash.tgz", [
      { path: "demo/a", data: "x" },
      { path: "demo/a/b", data: "y" },
    ]);
    const dest = await mkdtemp(join(tmpdir(), "wh-untar-"));
    const result = await cli(["pull", url, "--untar", "-d", dest]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${url}: entry "demo/a/b" needs "a" to be a folder, but the archive has a file "demo/a"`,
    );
    expect(await readdir(dest)).toEqual([]);
  });

  it("keeps a folder that was there, untouched", async () => {
    const dest = await mkdtemp(join(tmpdir(), "wh-untar-"));
    await writeFile(join(dest, "demo"), "mine");
    const result = await cli(["pull", serve("ok.tgz", []), "--untar", "-d", dest]);
    expect(result.stderr).toMatch(/a file or folder with that name exists/);
    expect(await readdir(dest)).toEqual(["demo"]);
  });
});

describe("an entry with a double slash after the chart folder", () => {
  let fx: SandboxFixture;
  beforeAll(async () => {
    fx = await withSandbox();
  });
  afterAll(() => fx.close());

  it("is refused by template and install as an absolute path", async () => {
    const dir = await mkdtemp(join(tmpdir(), "wh-abs-"));
    const file = join(dir, "demo.tgz");
    await writeFile(file, tarball([...chartEntries(), { path: "demo//abs/path", data: "x" }]));
    const message = `${file}: entry "demo//abs/path" has an absolute path`;
    const template = await cli(["template", "r", file]);
    expect(template.code).toBe(1);
    expect(template.stderr).toContain(message);
    const inCluster = (...args: string[]) =>
      runCli(args, { env: { ...env, KUBECONFIG: fx.kubeconfigPath } });
    const install = await inCluster("install", "r", file);
    expect(install.code).toBe(1);
    expect(install.stderr).toContain(message);
    expect(JSON.parse((await inCluster("list", "-a", "-o", "json")).stdout)).toEqual([]);
  });
});
