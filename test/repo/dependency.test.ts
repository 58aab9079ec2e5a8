import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lockDigest } from "../../src/engine/repo/dependencyManager.js";
import { runCli } from "../support/cli.js";
import { HANDLEBARS_ANNOTATION, simpleChart, writeChart } from "../support/charts.js";
import { startRepoServer, type RepoServer } from "../support/repoServer.js";
import { chartTgz, parseYaml, repoEnv, serveCharts } from "./helpers.js";

let server: RepoServer;
let env: Awaited<ReturnType<typeof repoEnv>>;
const cli = (args: string[]) => runCli(args, { env });

beforeEach(async () => {
  server = await startRepoServer();
  env = await repoEnv();
  await serveCharts(server, [
    { name: "redis", version: "17.0.0" },
    { name: "redis", version: "17.3.1" },
    { name: "redis", version: "18.0.0" },
    { name: "pg", version: "1.0.0" },
    { name: "pg", version: "1.1.0-rc.1" },
  ]);
  await cli(["repo", "add", "stable", server.url]);
});
afterEach(() => server.close());

async function parentChart(deps: string): Promise<string> {
  const dir = await writeChart(
    simpleChart(
      {
        "Chart.yaml": `apiVersion: v2\nname: app\nversion: 1.0.0\n${HANDLEBARS_ANNOTATION}dependencies:\n${deps}`,
      },
      "app",
    ),
    "app",
  );
  return dir;
}

describe("dependency update", () => {
  it("resolves @name, URL and file:// dependencies, fetches them and writes Chart.lock", async () => {
    const sub = await writeChart(
      simpleChart(
        { "Chart.yaml": `apiVersion: v2\nname: lib\nversion: 0.2.0\n${HANDLEBARS_ANNOTATION}` },
        "lib",
      ),
      "lib",
    );
    const dir = await parentChart(
      `  - name: redis\n    version: "^17.0.0"\n    repository: "@stable"\n` +
        `  - name: pg\n    version: "~1.0"\n    repository: ${server.url}/\n` +
        `  - name: lib\n    version: ">=0.1.0"\n    repository: file://${sub}\n`,
    );
    const result = await cli(["dependency", "update", dir]);
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("Saving 3 charts");
    expect((await readdir(join(dir, "charts"))).sort()).toEqual([
      "lib-0.2.0.tgz",
      "pg-1.0.0.tgz",
      "redis-17.3.1.tgz",
    ]);
    const lock = parseYaml(await readFile(join(dir, "Chart.lock"), "utf8"));
    expect(lock.dependencies).toEqual([
      // "@stable" is locked as the repository's URL, as Helm does
      { name: "redis", repository: server.url, version: "17.3.1" },
      { name: "pg", repository: `${server.url}/`, version: "1.0.0" },
      { name: "lib", repository: `file://${sub}`, version: "0.2.0" },
    ]);
    expect(lock.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(lock.generated).toMatch(/^\d{4}-/);

    const list = await cli(["dependency", "list", dir]);
    expect(list.stdout).toMatch(/^NAME\s*\tVERSION\s*\tREPOSITORY\s*\tSTATUS\n/);
    expect(list.stdout).toMatch(/redis\s*\t\^17\.0\.0\s*\t@stable\s+\tok\n/);
    expect(list.stdout).toMatch(/lib\s*\t>=0\.1\.0\s*\tfile:\/\/\S+\s*\tok\n/);
    expect(list.stdout).not.toContain("WARNING");

    const rendered = await cli(["template", "r", dir]);
    expect(rendered.code).toBe(0);
  });

  it("replaces an older archive of the same dependency", async () => {
    const dir = await parentChart(
      `  - name: redis\n    version: "^17.0.0"\n    repository: "@stable"\n`,
    );
    await mkdir(join(dir, "charts"));
    await writeFile(join(dir, "charts", "redis-17.0.0.tgz"), await chartTgz("redis", "17.0.0"));
    await cli(["dependency", "update", dir]);
    expect(await readdir(join(dir, "charts"))).toEqual(["redis-17.3.1.tgz"]);
  });

  it("reports every dependency it cannot resolve and changes nothing", async () => {
    const dir = await parentChart(
      `  - name: redis\n    version: "^19.0.0"\n    repository: "@stable"\n` +
        `  - name: nosuch\n    version: "1.x"\n    repository: "@stable"\n` +
        `  - name: pg\n    repository: "@unknown"\n`,
    );
    const result = await cli(["dependency", "update", dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/dependencies could not be resolved/);
    expect(result.stderr).toMatch(
      /redis: no version in @stable satisfies \^19\.0\.0 \(newest: 18\.0\.0\)/,
    );
    expect(result.stderr).toMatch(/nosuch: chart not found in @stable/);
    expect(result.stderr).toMatch(/pg: no repository named "unknown"/);
    expect(await readdir(dir)).not.toContain("Chart.lock");
  });

  it("fails on a corrupt archive and leaves charts/ as it was", async () => {
    const dir = await parentChart(
      `  - name: pg\n    version: "1.0.0"\n    repository: "@stable"\n`,
    );
    server.routes.set("/charts/pg-1.0.0.tgz", { body: Buffer.from("garbage") });
    const result = await cli(["dependency", "update", dir, "--skip-refresh"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/digest mismatch/);
    expect(await readdir(dir)).not.toContain("charts");
  });
});

describe("dependency build", () => {
  it("fetches the locked versions even when newer ones match", async () => {
    const dir = await parentChart(
      `  - name: redis\n    version: "^17.0.0"\n    repository: "@stable"\n`,
    );
    const requested = [{ name: "redis", version: "^17.0.0", repository: server.url }];
    const locked = [{ name: "redis", version: "17.0.0", repository: server.url }];
    await writeFile(
      join(dir, "Chart.lock"),
      `dependencies:\n- name: redis\n  repository: ${server.url}\n  version: 17.0.0\ndigest: ${lockDigest(requested, locked)}\ngenerated: "2026-01-01T00:00:00Z"\n`,
    );
    const built = await cli(["dependency", "build", dir]);
    expect(built).toMatchObject({ code: 0, stderr: "" });
    expect(await readdir(join(dir, "charts"))).toEqual(["redis-17.0.0.tgz"]);
  });

  it("refuses a Chart.lock out of sync with Chart.yaml", async () => {
    const dir = await parentChart(
      `  - name: redis\n    version: "^18.0.0"\n    repository: "@stable"\n`,
    );
    await writeFile(
      join(dir, "Chart.lock"),
      `dependencies:\n- name: redis\n  repository: "@stable"\n  version: 17.0.0\ndigest: sha256:${"0".repeat(64)}\ngenerated: "2026-01-01T00:00:00Z"\n`,
    );
    const built = await cli(["dependency", "build", dir]);
    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(/Chart.lock is out of sync/);
    expect(built.stderr).toMatch(/wheelhouse dependency update/);
  });

  it("without a lock, resolves as update does", async () => {
    const dir = await parentChart(
      `  - name: redis\n    version: "^17.0.0"\n    repository: "@stable"\n`,
    );
    const built = await cli(["dependency", "build", dir]);
    expect(built.stdout).toMatch(/No Chart.lock found/);
    expect(await readdir(dir)).toContain("Chart.lock");
  });
});

describe("dependency list and install-time checks", () => {
  it("shows missing, wrong version and unpacked dependencies, and an unlocked chart", async () => {
    const dir = await parentChart(
      `  - name: redis\n    version: "^18.0.0"\n    repository: "@stable"\n` +
        `  - name: pg\n    version: "1.x"\n    repository: "@stable"\n` +
        `  - name: lib\n    version: "0.1.0"\n    repository: ""\n`,
    );
    await mkdir(join(dir, "charts"));
    await writeFile(join(dir, "charts", "redis-17.0.0.tgz"), await chartTgz("redis", "17.0.0"));
    await writeChart(
      simpleChart(
        { "Chart.yaml": `apiVersion: v2\nname: lib\nversion: 0.1.0\n${HANDLEBARS_ANNOTATION}` },
        "lib",
      ),
      "lib",
    ).then(async (lib) => {
      const { cp } = await import("node:fs/promises");
      await cp(lib, join(dir, "charts", "lib"), { recursive: true });
    });
    const list = await cli(["dependency", "list", dir]);
    expect(list.stdout).toMatch(
      /redis\t\^18\.0\.0\s*\t@stable\s*\twrong version \(found 17\.0\.0\)/,
    );
    expect(list.stdout).toMatch(/pg\s*\t1\.x\s*\t@stable\s*\tmissing/);
    expect(list.stdout).toMatch(/lib\s*\t0\.1\.0\s*\t\s*\tunpacked/);
    expect(list.stdout).toMatch(/WARNING: no Chart.lock: dependencies are unlocked/);

    const template = await cli(["template", "r", dir]);
    expect(template.code).toBe(1);
    expect(template.stderr).toMatch(/missing dependencies: pg\n/);
    expect(template.stderr).toContain("pg: wants 1.x, found nothing in charts/");
    // Like helm, a subchart outside its range renders; lint says so.
    expect(template.stderr).not.toContain("redis");
    const lint = await cli(["lint", dir]);
    expect(lint.stdout).toContain("redis: wants ^18.0.0, found 17.0.0 in charts/");
    expect(template.stderr).toContain("Hint: run `wheelhouse dependency build`");
  });
});
