import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadChart } from "../../src/engine/chart/loadChart.js";
import { chartArchive } from "../../src/engine/chart/packageChart.js";
import { serializeIndex, sha256Hex, type RepoIndex } from "../../src/engine/repo/repoIndex.js";
import { readDataYaml } from "../../src/engine/yaml/index.js";
import { HANDLEBARS_ANNOTATION, simpleChart, writeChart } from "../support/charts.js";
import type { RepoServer } from "../support/repoServer.js";

/** A YAML file wheelhouse or helm wrote, read as wheelhouse reads data files, for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests look into it freely
export const parseYaml = (text: string): any => readDataYaml(text);

/** HOME and the XDG folders in a fresh temp dir, so tests never touch the user's config. */
export async function repoEnv(): Promise<NodeJS.ProcessEnv & { HOME: string }> {
  const home = await mkdtemp(join(tmpdir(), "wh-repo-home-"));
  return {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, "config"),
    XDG_CACHE_HOME: join(home, "cache"),
  };
}

/** A packaged chart of that name and version (a ConfigMap template showing the version). */
export async function chartTgz(
  name: string,
  version: string,
  options: { description?: string; keywords?: string[]; files?: Record<string, string> } = {},
): Promise<Buffer> {
  const chartYaml =
    `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "${version}"\n` +
    HANDLEBARS_ANNOTATION +
    (options.description ? `description: ${options.description}\n` : "") +
    (options.keywords ? `keywords: [${options.keywords.join(", ")}]\n` : "");
  const dir = await writeChart(
    simpleChart(
      {
        "Chart.yaml": chartYaml,
        "templates/configmap.yaml":
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{Release.Name}}-cm\ndata:\n  version: {{quote Chart.Version}}\n",
        "README.md": `# ${name}\n`,
        ...options.files,
      },
      name,
    ),
    name,
  );
  return chartArchive(await loadChart(dir));
}

/**
 * Serves charts from a repository server: each archive at /charts/<name>-<version>.tgz
 * and an index.yaml listing them (relative URLs unless `absolute`).
 */
export async function serveCharts(
  server: RepoServer,
  charts: Array<{
    name: string;
    version: string;
    tgz?: Buffer;
    description?: string;
    keywords?: string[];
  }>,
  options: { prefix?: string; absolute?: boolean } = {},
): Promise<RepoIndex> {
  const prefix = options.prefix ?? "";
  const index: RepoIndex = { apiVersion: "v1", entries: {}, generated: "2026-01-01T00:00:00Z" };
  for (const c of charts) {
    const tgz =
      c.tgz ??
      (await chartTgz(c.name, c.version, {
        ...(c.description ? { description: c.description } : {}),
        ...(c.keywords ? { keywords: c.keywords } : {}),
      }));
    const file = `charts/${c.name}-${c.version}.tgz`;
    server.routes.set(`${prefix}/${file}`, { body: tgz });
    (index.entries[c.name] ??= []).push({
      apiVersion: "v2",
      name: c.name,
      version: c.version,
      ...(c.description ? { description: c.description } : {}),
      ...(c.keywords ? { keywords: c.keywords } : {}),
      urls: [options.absolute ? `${server.url}${prefix}/${file}` : file],
      digest: sha256Hex(tgz),
      created: "2026-01-01T00:00:00Z",
    });
  }
  server.routes.set(`${prefix}/index.yaml`, { body: serializeIndex(index) });
  return index;
}
