/*
 * The structural parts of `npm run lint`, run by `npm test` too so that CI fails on them: no import
 * cycles (type-only imports included, which ESLint's import-x/no-cycle does not see) and no import
 * that points up the layers or out of the sandbox (eslint.config.js's layer rules).
 */
import { relative } from "node:path";
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
