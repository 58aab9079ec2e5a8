import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import type { AddressInfo } from "node:net";
import { loadChart } from "../../engine/chart/loadChart.js";
import { packageChart } from "../../engine/chart/packageChart.js";
import { indexDirectory } from "../../engine/repo/repoIndex.js";
import { addRepo } from "../../engine/repo/repositories.js";
import type { RepoPaths } from "../../engine/repo/paths.js";
import { DEMO_DIR } from "./seedDemo.js";

/** Versions the demo repository offers: the sample charts as they are, and newer ones to upgrade to. */
const RELEASES = [
  { chart: "webapp", version: "1.2.0" },
  { chart: "webapp", version: "1.3.0", appVersion: "2.5.0" },
  { chart: "webapp", version: "1.4.0-rc.1", appVersion: "2.6.0-rc.1" },
  { chart: "worker", version: "0.4.0" },
  { chart: "worker", version: "0.5.0", appVersion: "1.9.0" },
];

export interface DemoRepository {
  name: string;
  url: string;
  paths: RepoPaths;
  close(): Promise<void>;
}

/**
 * A Helm-format chart repository on a loopback port, packaged and indexed
 * by wheelhouse itself, and registered as `demo` in a repository file of
 * the demo's own (the user's repositories are not touched).
 */
export async function serveDemoRepository(dir: string): Promise<DemoRepository> {
  const files = join(dir, "repo");
  mkdirSync(files, { recursive: true });
  for (const r of RELEASES) {
    const chart = await loadChart(join(DEMO_DIR, "charts", r.chart));
    await packageChart(chart, files, {
      version: r.version,
      ...(r.appVersion ? { appVersion: r.appVersion } : {}),
    });
  }
  const server = createServer((req, res) => {
    // Only the flat files of the folder are served: basename() keeps requests inside it.
    const name = basename(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (name !== "index.yaml" && !name.endsWith(".tgz")) {
      res.writeHead(404).end("not found\n");
      return;
    }
    readFile(join(files, name)).then(
      (body) =>
        res
          .writeHead(200, {
            "Content-Type": name.endsWith(".tgz") ? "application/gzip" : "text/yaml",
          })
          .end(body),
      () => res.writeHead(404).end("not found\n"),
    );
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await indexDirectory(files, { url });
  const paths: RepoPaths = {
    config: join(dir, "repositories.yaml"),
    cache: join(dir, "repository-cache"),
  };
  await addRepo(paths, { name: "demo", url });
  return {
    name: "demo",
    url,
    paths,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
