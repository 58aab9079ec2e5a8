/**
 * Hostile-input figures (issue 14 items 0 and 2): how long each YAML reader takes to refuse a
 * billion-laughs document, how long legitimate documents that use anchors take to read, and how
 * long a values.schema.json `pattern` of `^(a+)+$` takes against 34 characters — beside
 * JavaScript's backtracking RegExp at smaller sizes (it doubles per character) and, when the
 * helm 4 binary is found, `helm template` of the same charts (wall time of the whole process).
 * Prints figures; asserts nothing.
 *
 *   npx tsx bench/hostile.ts
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { findHelm } from "../src/cli/demo/helmBinary.js";
import type { Chart } from "../src/engine/chart/types.js";
import { parseIndex } from "../src/engine/repo/repoIndex.js";
import { validateValues } from "../src/engine/values/validateSchema.js";
import { readDataYaml, readHelmValues, readManifestYaml } from "../src/engine/yaml/index.js";
import { parseYaml } from "../src/sandbox/yaml.js";

function laughs(indent = ""): string {
  const lines = [`${indent}a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < 10; i++)
    lines.push(`${indent}a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`)}]`);
  return lines.join("\n") + "\n";
}
const BOMB = laughs();
const MANIFEST_BOMB = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\nextra:\n${laughs("  ")}`;

/** Median milliseconds of `runs` calls; a call that throws counts as done (refusals are timed). */
function time(fn: () => unknown, runs = 5): string {
  const samples: number[] = [];
  let outcome = "read";
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    try {
      fn();
    } catch (err) {
      // helm's answer is on its stderr; ours is the message. The end of the first line says why.
      const text = String((err as { stderr?: Buffer }).stderr ?? (err as Error).message);
      outcome = `refused: …${text.split("\n")[0]!.slice(-52)}`;
    }
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return `${samples[Math.floor(runs / 2)]!.toFixed(1).padStart(8)} ms  ${outcome}`;
}

const row = (label: string, figure: string) => console.log(`${label.padEnd(48)} ${figure}`);

console.log("YAML alias bombs (nine levels of nine aliases, 387,420,489 nodes expanded)");
row(
  "values file (readHelmValues)",
  time(() => readHelmValues(BOMB)),
);
row(
  "rendered manifest (readManifestYaml)",
  time(() => readManifestYaml(MANIFEST_BOMB)),
);
row(
  "index.yaml (parseIndex)",
  time(() => parseIndex(`apiVersion: v1\n${BOMB}`, "index.yaml")),
);
row(
  "sandbox apply-patch body (parseYaml)",
  time(() => parseYaml(MANIFEST_BOMB)),
);

console.log("\nLegitimate documents with anchors");
const base = Array.from({ length: 50 }, (_, i) => `k${i}: v${i}`).join(", ");
const steps = Array.from({ length: 300 }, (_, i) => `  - {<<: *base, name: s${i}}`).join("\n");
row(
  "manifest, 300 merges of 50 keys",
  time(() => readManifestYaml(`base: &base {${base}}\nsteps:\n${steps}\n`)),
);
const svc = Array.from({ length: 300 }, (_, i) => `  svc${i}: *d`).join("\n");
row(
  "values, one anchor used 300 times",
  time(() => readHelmValues(`d: &d {port: 80, labels: {a: b}}\ns:\n${svc}\n`)),
);
const entries = (anchored: boolean) =>
  "apiVersion: v1\n" +
  (anchored ? "m: &m [{name: a, email: a@x.io}, {name: b, email: b@x.io}]\n" : "") +
  "entries:\n" +
  Array.from(
    { length: 10_000 },
    (_, i) =>
      `  c${i}:\n  - name: c${i}\n    version: 1.0.0\n    urls: [c${i}-1.0.0.tgz]\n    maintainers: ${anchored ? "*m" : "[{name: a, email: a@x.io}, {name: b, email: b@x.io}]"}\n`,
  ).join("");
const plainIndex = entries(false);
const anchoredIndex = entries(true);
row(
  "index of 10,000 entries, no anchors",
  time(() => readDataYaml(plainIndex)),
);
row(
  "index of 10,000 entries sharing one anchor",
  time(() => readDataYaml(anchoredIndex)),
);

console.log("\nvalues.schema.json pattern ^(a+)+$ against a run of a's and a '!'");
const chart = (schema: object): Chart => ({
  metadata: { apiVersion: "v2", name: "c", version: "1.0.0" },
  lock: null,
  templates: [],
  values: {},
  rawValues: null,
  schema: Buffer.from(JSON.stringify(schema)),
  files: [],
  dependencies: [],
  source: "/c",
});
const schemaChart = chart({ properties: { a: { type: "string", pattern: "^(a+)+$" } } });
row(
  "wheelhouse (RE2), 34 characters",
  time(() => validateValues(schemaChart, { a: `${"a".repeat(34)}!` })),
);
for (const n of [18, 20, 22, 24]) {
  const re = /^(a+)+$/u;
  row(
    `JavaScript RegExp (backtracking), ${n} characters`,
    time(() => re.test(`${"a".repeat(n)}!`), 1),
  );
}

const helm = findHelm(4);
if (helm) {
  console.log(`\nhelm 4 (${helm}), whole process`);
  const write = (name: string, files: Record<string, string>): string => {
    const root = join(mkdtempSync(join(tmpdir(), "wh-hostile-")), name);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(root, path, ".."), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  };
  const chartYaml = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`;
  const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n";
  const charts = {
    "values.yaml bomb": write("v", {
      "Chart.yaml": chartYaml("v"),
      "values.yaml": BOMB,
      "templates/cm.yaml": cm,
    }),
    "template bomb": write("t", {
      "Chart.yaml": chartYaml("t"),
      "templates/cm.yaml": MANIFEST_BOMB,
    }),
    "schema ^(a+)+$, 34 characters": write("s", {
      "Chart.yaml": chartYaml("s"),
      "values.yaml": `a: ${"a".repeat(34)}!\n`,
      "values.schema.json": JSON.stringify({
        properties: { a: { type: "string", pattern: "^(a+)+$" } },
      }),
      "templates/cm.yaml": cm,
    }),
  };
  for (const [label, dir] of Object.entries(charts)) {
    row(
      `helm template, ${label}`,
      time(() => execFileSync(helm, ["template", "r", dir], { stdio: "pipe" }), 3),
    );
  }
}
