import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { simpleChart, writeChart } from "../support/charts.js";

/**
 * Values nested thousands of levels deep, from every place a user gives values. Each is either
 * taken or refused with a one-line error that says which flag or file and how deep is allowed —
 * never a stack overflow reported as a bug in wheelhouse.
 */
const DEPTH = 3000;
const list = (n: number) => `${"[".repeat(n)}1${"]".repeat(n)}`;
const map = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
const TOO_DEEP = "nesting exceeded maxDepth (1000)";

let chart: string;
let dir: string;
const template = (...args: string[]) => runCli(["template", "r", chart, ...args]);

beforeAll(async () => {
  chart = await writeChart(simpleChart({}, "deep"), "deep");
  dir = await mkdtemp(join(tmpdir(), "wh-deep-"));
});

function expectRefused(result: { code: number; stdout: string; stderr: string }, flag: string) {
  expect(result.code).toBe(1);
  expect(result.stderr).not.toContain("bug in wheelhouse");
  expect(result.stderr.split("\n")[0]).toMatch(new RegExp(`^Error: failed parsing ${flag} data`));
  expect(result.stderr).toContain(TOO_DEEP);
  // The 6,000-character expression is not echoed whole.
  expect(result.stderr.length).toBeLessThan(400);
  expect(result.stdout).toBe("");
}

describe("deeply nested values", () => {
  it("refuses a --set-json list 3,000 levels deep", async () => {
    expectRefused(await template("--set-json", `a=${list(DEPTH)}`), "--set-json");
  });

  it("refuses a --set-json map 3,000 levels deep, as a key=value and as a whole object", async () => {
    expectRefused(await template("--set-json", `a=${map(DEPTH)}`), "--set-json");
    expectRefused(await template("--set-json", map(DEPTH)), "--set-json");
  });

  it("refuses --set paths that nest lists, or lists and maps, 3,000 levels deep", async () => {
    expectRefused(await template("--set", `a${"[0]".repeat(DEPTH)}=1`), "--set");
    expectRefused(await template("--set", `${"a[0].".repeat(DEPTH)}b=1`), "--set");
    expectRefused(await template("--set-string", `a${"[0]".repeat(DEPTH)}=1`), "--set-string");
  });

  it("refuses a values file 3,000 levels deep", async () => {
    const file = join(dir, "deep.yaml");
    await writeFile(file, `a: ${list(DEPTH)}\n`);
    const result = await template("-f", file);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain("bug in wheelhouse");
    expect(result.stderr).toContain(`failed to parse ${file}`);
    expect(result.stderr).toContain(TOO_DEEP);
  });

  it("takes values up to the limit from --set-json and merges them with a values file", async () => {
    const file = join(dir, "ok.yaml");
    await writeFile(file, `a: ${list(998)}\nb: 1\n`);
    const result = await template("-f", file, "--set-json", `c=${list(998)}`, "--set", "b=2");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
