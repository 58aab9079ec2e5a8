import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildIsStale, STAMP } from "../../scripts/buildIfStale.js";

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A checkout whose source was written at `sourceAt` and whose last build finished at `builtAt`. */
function checkout(sourceAt: number, builtAt?: number): string {
  root = mkdtempSync(join(tmpdir(), "wheelhouse-build-"));
  mkdirSync(join(root, "src/cli"), { recursive: true });
  for (const file of ["src/cli/main.ts", "package.json"]) {
    writeFileSync(join(root, file), "");
    utimesSync(join(root, file), sourceAt, sourceAt);
  }
  utimesSync(join(root, "src/cli"), sourceAt, sourceAt);
  utimesSync(join(root, "src"), sourceAt, sourceAt);
  if (builtAt !== undefined) {
    mkdirSync(join(root, "dist"));
    writeFileSync(join(root, STAMP), "");
    utimesSync(join(root, STAMP), builtAt, builtAt);
  }
  return root;
}

describe("npm test's build (pretest)", () => {
  it("does not build again right after npm ci built (prepare)", () => {
    expect(buildIsStale(checkout(1_000, 2_000))).toBe(false);
  });

  it("builds when a source changed since the last build", () => {
    const dir = checkout(1_000, 2_000);
    utimesSync(join(dir, "src/cli/main.ts"), 3_000, 3_000);
    expect(buildIsStale(dir)).toBe(true);
  });

  it("builds on a clean clone that was never built", () => {
    expect(buildIsStale(checkout(1_000))).toBe(true);
  });

  it("is what pretest runs, while prepare still builds for npm ci", () => {
    const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(scripts.pretest).toBe("tsx scripts/buildIfStale.ts");
    expect(scripts.prepare).toBe("npm run build");
  });
});
