import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// The built binary compiles dist/cli/cli.cjs with a V8 code cache (src/cli/launch.ts); this
// runs it as a user does and reads what it says it did with the cache.
const run = promisify(execFile);
const wheelhouse = resolve("dist/cli/main.js");
const chart = resolve("demo/charts/hello-go");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "wheelhouse-code-cache-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function template(cache: string): Promise<{ stdout: string; report: string[] }> {
  const { stdout, stderr } = await run(process.execPath, [wheelhouse, "template", "x", chart], {
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      WHEELHOUSE_CODE_CACHE: cache,
      WHEELHOUSE_CODE_CACHE_REPORT: "1",
    },
  });
  const report = stderr
    .split("\n")
    .filter((l) => l.startsWith("code cache: "))
    .map((l) => l.slice("code cache: ".length).split(" ")[0]!);
  return { stdout, report };
}

describe.skipIf(process.getuid === undefined)("the built CLI's code cache", () => {
  it("is written by the first run, used by the next, in a private folder", async () => {
    const cache = join(dir, "v8");
    const first = await template(cache);
    expect(first.report).toEqual(["none", "saved"]);
    const [entry] = readdirSync(cache);
    expect(entry).toMatch(/^[0-9a-f]{40}-template\.v8$/);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(statSync(join(cache, entry!)).mode & 0o777).toBe(0o600);

    const second = await template(cache);
    expect(second.report).toEqual(["used"]);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stdout).toContain("kind: ConfigMap");
  });

  it("is replaced when V8 rejects it, and not used from a folder others can write", async () => {
    const cache = join(dir, "v8");
    const first = await template(cache);
    const [entry] = readdirSync(cache);
    writeFileSync(join(cache, entry!), "not a code cache", { mode: 0o600 });
    const damaged = await template(cache);
    expect(damaged.report).toEqual(["rejected", "saved"]);
    expect(damaged.stdout).toBe(first.stdout);

    chmodSync(cache, 0o777);
    const shared = await template(cache);
    expect(shared.report).toEqual(["none:"]);
    expect(shared.stdout).toBe(first.stdout);
  });

  it("can be switched off", async () => {
    const off = await template("off");
    expect(off.report).toEqual([]);
    expect(off.stdout).toContain("kind: ConfigMap");
  });
});
