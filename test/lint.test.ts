/*
 * The structural parts of `npm run lint`, run by `npm test` too so that CI fails on them: no import
 * cycles (type-only imports included, which ESLint's import-x/no-cycle does not see), no import
 * that points up the layers or out of the sandbox (eslint.config.js's layer rules), no source file
 * over the length limit, and no comment citing a part of docs/ that does not exist.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCircular, parseDependencyTree, shortenTree } from "dpdm";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("the import graph of src/", () => {
  it("has no cycles, counting type-only imports", async () => {
    const tree = await parseDependencyTree(["src/**/*.ts", "src/**/*.tsx"], {
      cwd: root,
      context: root,
      transform: false,
    });
    expect(
      parseCircular(shortenTree(root, tree)).map((cycle) => [...cycle, cycle[0]].join(" → ")),
    ).toEqual([]);
  });

  it("points down the layers only, and the sandbox imports none of them", async () => {
    const eslint = new ESLint({
      cwd: root,
      ruleFilter: ({ ruleId }) => ruleId === "no-restricted-imports",
    });
    const results = await eslint.lintFiles(["src"]);
    const violations = results.flatMap((result) =>
      result.messages.map((m) => `${relative(root, result.filePath)}:${m.line} ${m.message}`),
    );
    expect(violations).toEqual([]);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** GitHub's anchor for a Markdown heading. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}

describe("the source files", () => {
  it("stay within 500 lines each, as eslint's max-lines counts them", () => {
    const long = sourceFiles("src")
      .map((file) => {
        const text = readFileSync(join(root, file), "utf8");
        return { file, lines: text.split("\n").length - (text.endsWith("\n") ? 1 : 0) };
      })
      .filter((f) => f.lines > 500);
    expect(long).toEqual([]);
  });

  it("cite only headings that exist in docs/", () => {
    const anchors = new Map<string, Set<string>>();
    for (const doc of readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md"))) {
      const text = readFileSync(join(root, "docs", doc), "utf8");
      const headings = [...text.matchAll(/^#+ (.+)$/gm)].map((m) => anchorOf(m[1]!));
      anchors.set(`docs/${doc}`, new Set(headings));
    }
    const broken: string[] = [];
    for (const file of [...sourceFiles("src"), ...sourceFiles("test"), ...sourceFiles("bench")]) {
      const text = readFileSync(join(root, file), "utf8");
      for (const m of text.matchAll(/(docs\/[\w.-]+\.md)#([\w-]+)/g)) {
        if (!anchors.get(m[1]!)?.has(m[2]!)) broken.push(`${file}: ${m[0]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
