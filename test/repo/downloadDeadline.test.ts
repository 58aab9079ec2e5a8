import { mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadChartReference } from "../../src/engine/repo/loadChartReference.js";
import { DEFAULT_DOWNLOAD_TIMEOUT_MS } from "../../src/engine/repo/http.js";
import { runCli } from "../support/cli.js";
import { HANDLEBARS_ANNOTATION, simpleChart, writeChart } from "../support/charts.js";
import { startRepoServer, type RepoServer } from "../support/repoServer.js";
import { repoEnv, serveCharts } from "./helpers.js";

/**
 * A server that sends its headers at once and then one byte every 20 ms of a 1 MiB body: it
 * never stays quiet long enough for a socket's idle timeout, and never finishes. Every download
 * must still end at its deadline (here 300ms, given with --timeout), say which URL, how long and
 * how much arrived, and leave nothing behind.
 */
const DRIP = { drip: true as const, length: 1024 * 1024, everyMs: 20 };
const DEADLINE = /did not finish within 300ms \(\d+ bytes? received of 1048576\)/;

let server: RepoServer;
let env: Awaited<ReturnType<typeof repoEnv>>;
const cli = (args: string[], cwd?: string) => runCli(args, { env, ...(cwd ? { cwd } : {}) });
const configFile = () => join(env.HOME, "config", "wheelhouse", "repositories.yaml");
const cacheDir = () => join(env.HOME, "cache", "wheelhouse", "repository");
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

beforeEach(async () => {
  server = await startRepoServer();
  env = await repoEnv();
});
afterEach(() => server.close());

describe("downloads end at their deadline", () => {
  it("repo add --timeout stops a dripping index and adds nothing", async () => {
    server.routes.set("/index.yaml", DRIP);
    const result = await cli(["repo", "add", "slow", server.url, "--timeout", "300ms"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`GET ${server.url}/index.yaml: the download`);
    expect(result.stderr).toMatch(DEADLINE);
    expect(await exists(configFile())).toBe(false);
    expect(await readdir(cacheDir()).catch(() => [])).toEqual([]);
  });

  it("repo update --timeout keeps the previous index when the new one drips", async () => {
    await serveCharts(server, [{ name: "web", version: "1.0.0" }]);
    expect((await cli(["repo", "add", "mine", server.url])).code).toBe(0);
    const before = await readFile(join(cacheDir(), "mine-index.yaml"), "utf8");
    server.routes.set("/index.yaml", DRIP);
    const result = await cli(["repo", "update", "--timeout", "300ms"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(DEADLINE);
    expect(await readFile(join(cacheDir(), "mine-index.yaml"), "utf8")).toBe(before);
    expect((await readdir(cacheDir())).sort()).toEqual(["mine-index.json", "mine-index.yaml"]);
  });

  it("pull --timeout stops a dripping chart and writes no file or folder", async () => {
    await serveCharts(server, [{ name: "web", version: "1.0.0" }]);
    expect((await cli(["repo", "add", "mine", server.url])).code).toBe(0);
    server.routes.set("/charts/web-1.0.0.tgz", DRIP);
    const dest = await mkdtemp(join(tmpdir(), "wh-pull-"));
    for (const untar of [[], ["--untar"]]) {
      const result = await cli(["pull", "mine/web", "-d", dest, "--timeout", "300ms", ...untar]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`GET ${server.url}/charts/web-1.0.0.tgz: the download`);
      expect(result.stderr).toMatch(DEADLINE);
      expect(await readdir(dest)).toEqual([]);
    }
  });

  it("show --timeout stops a dripping chart", async () => {
    await serveCharts(server, [{ name: "web", version: "1.0.0" }]);
    expect((await cli(["repo", "add", "mine", server.url])).code).toBe(0);
    server.routes.set("/charts/web-1.0.0.tgz", DRIP);
    const result = await cli(["show", "chart", "mine/web", "--timeout", "300ms"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(DEADLINE);
  });

  it("dependency update --timeout leaves charts/ and Chart.lock as they were", async () => {
    await serveCharts(server, [{ name: "redis", version: "17.0.0" }]);
    expect((await cli(["repo", "add", "stable", server.url])).code).toBe(0);
    server.routes.set("/charts/redis-17.0.0.tgz", DRIP);
    const dir = await writeChart(
      simpleChart(
        {
          "Chart.yaml":
            `apiVersion: v2\nname: app\nversion: 1.0.0\n${HANDLEBARS_ANNOTATION}` +
            `dependencies:\n  - name: redis\n    version: "^17"\n    repository: "@stable"\n`,
        },
        "app",
      ),
      "app",
    );
    for (const sub of ["update", "build"]) {
      const result = await cli(["dependency", sub, dir, "--timeout", "300ms"]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(DEADLINE);
      expect(await readdir(join(dir, "charts")).catch(() => [])).toEqual([]);
      expect(await exists(join(dir, "Chart.lock"))).toBe(false);
    }
  });

  it("gives a download without a --timeout helm's default deadline of 2m0s", async () => {
    server.routes.set("/web-1.0.0.tgz", DRIP);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const download = loadChartReference(`${server.url}/web-1.0.0.tgz`, env.HOME, { env });
      const settled = download.then(
        () => "loaded",
        (err: Error) => err.message,
      );
      // The request is under way (its first bytes have arrived) before the clock moves on.
      await vi.waitFor(() => expect(server.requests).toContain("/web-1.0.0.tgz"), {
        timeout: 5000,
      });
      await vi.advanceTimersByTimeAsync(DEFAULT_DOWNLOAD_TIMEOUT_MS - 1000);
      expect(await Promise.race([settled, Promise.resolve("pending")])).toBe("pending");
      await vi.advanceTimersByTimeAsync(2000);
      expect(await settled).toMatch(/did not finish within 2m0s/);
    } finally {
      vi.useRealTimers();
    }
  });

  it("gives a chart that install, upgrade or the UI downloads a deadline too", async () => {
    server.routes.set("/web-1.0.0.tgz", DRIP);
    await expect(
      loadChartReference(`${server.url}/web-1.0.0.tgz`, env.HOME, { env, timeoutMs: 300 }),
    ).rejects.toThrow(DEADLINE);
  });
});
