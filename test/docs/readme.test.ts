import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { processIO } from "../../src/cli/io.js";
import { fillSections, generatedSections } from "../../src/cli/docs/readmeSections.js";

describe("README", () => {
  it("has the CLI reference and key map the code generates (run `npm run docs` after changing them)", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toBe(fillSections(readme, generatedSections(processIO())));
  });

  it("starts with the two set-up commands", () => {
    const readme = readFileSync("README.md", "utf8");
    const top = readme.slice(0, 1500);
    expect(top).toContain("npm ci && npm run demo");
    expect(top).toContain("npm ci && npm test");
  });
});
