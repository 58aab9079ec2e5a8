/**
 * Repository index figures for a 10,000-entry index (issue 7 target: load +
 * search < 500 ms). Measures writing index.yaml (`repo index`), reading it with
 * the data-file reader index.yaml uses and with helm's exact reader (why the
 * index does not use the latter), parsing and checking the raw index.yaml (what
 * `repo update` does once), loading the cached index the way search does (the
 * compact JSON copy, else the YAML), and searching it. Prints figures; asserts
 * nothing.
 *
 *   npx tsx bench/repo.ts [entries]
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { writeFileAtomic } from "../src/engine/repo/files.js";
import { parseIndex, serializeIndex, type RepoIndex } from "../src/engine/repo/repoIndex.js";
import { loadCachedIndex } from "../src/engine/repo/repositories.js";
import { searchIndexes } from "../src/engine/repo/search.js";
import { readDataYaml, readHelmYaml } from "../src/engine/yaml/index.js";

const total = Number(process.argv[2] ?? 10_000);
const charts = Math.ceil(total / 10);
const index: RepoIndex = { apiVersion: "v1", entries: {}, generated: "2026-01-01T00:00:00Z" };
let n = 0;
for (let c = 0; c < charts && n < total; c++) {
  const name = `chart-${c}`;
  index.entries[name] = [];
  for (let v = 0; v < 10 && n < total; v++, n++) {
    index.entries[name].push({
      apiVersion: "v2",
      name,
      version: `1.${v}.${c % 7}`,
      appVersion: `${v}.0`,
      description: `Sample chart number ${c} for benchmarking ${c % 3 === 0 ? "databases" : "web apps"}`,
      keywords: ["bench", `k${c % 50}`],
      urls: [`https://charts.example.com/${name}-1.${v}.${c % 7}.tgz`],
      digest: "0".repeat(64),
      created: "2026-01-01T00:00:00.000000000Z",
    });
  }
}
const dir = await mkdtemp(join(tmpdir(), "wh-bench-repo-"));
const paths = { config: join(dir, "repositories.yaml"), cache: dir };

const RUNS = 5;
/** Median of RUNS timings (the machine may be busy; the median steadies the figure). */
const time = <T>(fn: () => T): [T, number] => {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = fn();
    times.push(performance.now() - start);
  }
  return [result, times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!];
};
const timeAsync = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = await fn();
    times.push(performance.now() - start);
  }
  return [result, times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!];
};

const [yaml, writeMs] = time(() => serializeIndex(index));
const [, dataMs] = time(() => readDataYaml(yaml));
const [, helmMs] = time(() => readHelmYaml(yaml));
const [parsed, parseMs] = time(() => parseIndex(yaml, "bench/index.yaml"));
await writeFileAtomic(join(dir, "bench-index.yaml"), yaml);
await writeFileAtomic(join(dir, "bench-index.json"), JSON.stringify(parsed.index));
const [loaded, loadMs] = await timeAsync(() => loadCachedIndex(paths, "bench"));
const [all, searchAllMs] = time(() => searchIndexes([{ repo: "bench", index: loaded }], {}));
const [hits, searchKeywordMs] = time(() =>
  searchIndexes([{ repo: "bench", index: loaded }], {
    keyword: "databases",
    versions: true,
    range: ">=1.3.0 <1.8.0",
  }),
);
await rm(join(dir, "bench-index.json"));
const [, loadYamlMs] = await timeAsync(() => loadCachedIndex(paths, "bench"));
await rm(dir, { recursive: true, force: true });

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(
  `median of ${RUNS} runs; index: ${n} entries, ${charts} charts, ${(yaml.length / 1024 / 1024).toFixed(1)} MiB of YAML`,
);
console.log(`write index.yaml (repo index):            ${fmt(writeMs)}`);
console.log(`YAML: data-file reader ${fmt(dataMs)}; helm's exact reader ${fmt(helmMs)}`);
console.log(`parse + check index.yaml (repo update):  ${fmt(parseMs)}`);
console.log(`load cached index (JSON copy):           ${fmt(loadMs)}`);
console.log(`load cached index (YAML only):           ${fmt(loadYamlMs)}`);
console.log(`search, newest of each chart:            ${fmt(searchAllMs)} (${all.length} results)`);
console.log(
  `search keyword + range + --versions:     ${fmt(searchKeywordMs)} (${hits.length} results)`,
);
console.log(
  `load + search (what \`search repo\` does):  ${fmt(loadMs + searchKeywordMs)}  (target < 500 ms)`,
);
