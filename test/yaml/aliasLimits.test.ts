/**
 * Every YAML reader under go-yaml's alias budget (src/engine/yaml/aliasBudget.ts, issue 14): a
 * billion-laughs document is refused at once in helm's words, naming the file; documents that use
 * their anchors a few hundred times — as real values files, indexes and manifests do — still read,
 * as helm reads them; and nothing a reader returns shares objects through an alias.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fromYaml } from "../../src/engine/render/sprig.js";
import { parseIndex } from "../../src/engine/repo/repoIndex.js";
import { readRepoFile } from "../../src/engine/repo/repositories.js";
import {
  DataYamlError,
  ManifestYamlError,
  readDataYaml,
  readManifestYaml,
} from "../../src/engine/yaml/index.js";
import { readHelmYaml } from "../../src/engine/yaml/index.js";
import { yamlFuncs } from "../../src/engine/yaml/templateFuncs.js";
import { helmBinary, helmRender } from "./helmOracle.js";

/** Nine levels of nine aliases: 387,420,489 strings once expanded. */
function laughs(indent = ""): string {
  const lines = [`${indent}a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  for (let i = 1; i < 10; i++)
    lines.push(`${indent}a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`)}]`);
  return lines.join("\n") + "\n";
}
const BOMB = laughs();

/**
 * Documents on either side of go-yaml's limit, and what helm 4.1.4 made of each (fromYaml): an
 * anchor of 4,000 scalars aliased 99 and 100 times, of 500 one-item lists aliased 110 and 115
 * times, of a 2,000-key map aliased 53 and 54 times, and 12,000 merges of a 20-key map.
 */
const BOUNDARY: Record<string, [string, "read" | "refused"]> = (() => {
  const list = (n: number, item: string) => Array.from({ length: n }, () => item).join(",");
  const use = (n: number) => `B: [${list(n, "*A")}]\n`;
  const scalars = `A: &A [${list(4000, "x")}]\n`;
  const lists = `A: &A [${list(500, "[x]")}]\n`;
  const map = `A: &A {${Array.from({ length: 2000 }, (_, i) => `k${i}: {v: 1}`).join(", ")}}\n`;
  const small = `A: &A {${Array.from({ length: 20 }, (_, i) => `k${i}: ${i}`).join(", ")}}\n`;
  const merges = `B: [${Array.from({ length: 12_000 }, (_, i) => `{<<: *A, n: ${i}}`).join(",")}]\n`;
  return {
    scalars99: [scalars + use(99), "read"],
    scalars100: [scalars + use(100), "refused"],
    lists110: [lists + use(110), "read"],
    lists115: [lists + use(115), "refused"],
    map53: [map + use(53), "read"],
    map54: [map + use(54), "refused"],
    merges12000: [small + merges, "read"],
  };
})();

function verdict(read: () => unknown): "read" | "refused" {
  try {
    read();
    return "read";
  } catch (err) {
    if (/excessive aliasing/.test((err as Error).message)) return "refused";
    throw err;
  }
}

describe("go-yaml's alias limit", () => {
  const expected = Object.fromEntries(Object.entries(BOUNDARY).map(([k, [, v]]) => [k, v]));

  it("refuses exactly where helm refuses, in helm's reader and the manifest reader", () => {
    const read = (reader: (text: string) => unknown) =>
      Object.fromEntries(
        Object.entries(BOUNDARY).map(([k, [doc]]) => [k, verdict(() => reader(doc))]),
      );
    expect(read((doc) => readHelmYaml(doc))).toEqual(expected);
    expect(read(readManifestYaml)).toEqual(expected);
  });

  it.skipIf(!helmBinary)("is where helm 4 draws it", () => {
    const cases = Object.fromEntries(
      Object.entries(BOUNDARY).map(([k, [doc]]) => [
        k,
        `{{ if hasKey (fromYaml ${JSON.stringify(doc)}) "Error" }}refused{{ else }}read{{ end }}`,
      ]),
    );
    const helm = helmRender(cases);
    expect(Object.fromEntries(Object.entries(helm).map(([k, v]) => [k, v.trim()]))).toEqual(
      expected,
    );
  });
});

describe("a rendered or stored manifest", () => {
  it("refuses a billion-laughs document before anything walks it", () => {
    const doc = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nextra:\n${laughs("  ")}`;
    expect(() => readManifestYaml(doc)).toThrow(
      new ManifestYamlError("document contains excessive aliasing"),
    );
  });

  it("refuses an anchor that contains its own alias, naming it", () => {
    expect(() => readManifestYaml("a: &loop\n  b: *loop\n")).toThrow(
      "anchor 'loop' value contains itself",
    );
  });

  it("expands aliases into copies, so changing one object leaves the others alone", () => {
    const doc = readManifestYaml("metadata:\n  labels: &l {app: web}\n  annotations: *l\n") as {
      metadata: { labels: object; annotations: object };
    };
    expect(doc.metadata.annotations).toEqual({ app: "web" });
    expect(doc.metadata.annotations).not.toBe(doc.metadata.labels);
  });

  it("reads 300 steps that each merge a 50-key anchor (15,000 merged keys), as helm does", () => {
    const base = Array.from({ length: 50 }, (_, i) => `k${i}: v${i}`).join(", ");
    const steps = Array.from({ length: 300 }, (_, i) => `  - {<<: *base, name: s${i}}`);
    const doc = `kind: Workflow\nbase: &base {${base}}\nsteps:\n${steps.join("\n")}\n`;
    const read = readManifestYaml(doc) as { steps: Record<string, string>[] };
    expect(read.steps).toHaveLength(300);
    expect(read.steps[299]).toMatchObject({ name: "s299", k49: "v49" });
  });
});

describe("data files", () => {
  it("refuses a billion-laughs index, naming it", () => {
    expect(() =>
      parseIndex(`apiVersion: v1\nentries: {}\n${BOMB}`, "https://x/index.yaml"),
    ).toThrow("index https://x/index.yaml is not valid YAML: document contains excessive aliasing");
  });

  it("reads an index that uses its anchors a few hundred times, as helm does", () => {
    const maintainers = Array.from({ length: 40 }, (_, i) => `{name: m${i}, email: m${i}@x.io}`);
    const versions = Array.from(
      { length: 300 },
      (_, i) => `  - {name: web, version: 1.0.${i}, urls: [web-1.0.${i}.tgz], maintainers: *m}`,
    );
    const index = `apiVersion: v1\nshared: &m [${maintainers.join(", ")}]\nentries:\n  web:\n${versions.join("\n")}\n`;
    const { index: parsed } = parseIndex(index, "index.yaml");
    expect(parsed.entries.web).toHaveLength(300);
    expect(parsed.entries.web![0]!.maintainers).toHaveLength(40);
  });

  it("refuses a billion-laughs repositories.yaml, naming it", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "wh-repos-")), "repositories.yaml");
    writeFileSync(path, `repositories: []\n${BOMB}`);
    await expect(readRepoFile(path)).rejects.toThrow(
      `${path} is not valid YAML: document contains excessive aliasing`,
    );
  });

  it("refuses texts over the size limit", () => {
    expect(() => readDataYaml(`a: "${"x".repeat(65 * 1024 * 1024)}"`)).toThrow(DataYamlError);
  });
});

describe("fromYaml and fromYamlArray", () => {
  it("put helm's error into the result, in both template languages", () => {
    const message = "error converting YAML to JSON: yaml: document contains excessive aliasing";
    expect(yamlFuncs.fromYaml!.fn(BOMB)).toEqual({ Error: message });
    expect(yamlFuncs.fromYamlArray!.fn(`- ${BOMB.replace(/\n(?=.)/g, "\n  ")}`)).toEqual([message]);
    expect(fromYaml(BOMB)).toEqual({ Error: message });
  });
});

describe("js-yaml", () => {
  it("is parsed through src/engine/yaml/load.ts only (the sandbox, standing alone, has its own)", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const allowed = ["src/engine/yaml/load.ts", "src/sandbox/yaml.ts"];
    const offenders = readdirSync(join(root, "src"), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
      .map((e) => relative(root, join(e.parentPath, e.name)))
      .filter((file) => !allowed.includes(file))
      .filter((file) => {
        const text = readFileSync(join(root, file), "utf8");
        // A named load/loadAll, a default or namespace import, or a dynamic import of js-yaml.
        return (
          /import\s*\{[^}]*\bload(All)?\b[^}]*\}\s*from\s*["']js-yaml["']/.test(text) ||
          /import\s+(\*\s+as\s+)?\w+\s+from\s*["']js-yaml["']/.test(text) ||
          /import\(\s*["']js-yaml["']\s*\)/.test(text)
        );
      });
    expect(offenders).toEqual([]);
  });
});
