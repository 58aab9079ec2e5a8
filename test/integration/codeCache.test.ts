import { execFile } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { codeCacheEntry } from "../../src/cli/launch.js";
import { signature } from "../../src/engine/cache/signedCache.js";
import { plantV8Cache } from "../support/plantedCode.js";

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

async function template(
  cache: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<{ stdout: string; report: string[]; warnings: string[] }> {
  const { stdout, stderr } = await run(process.execPath, [wheelhouse, "template", "x", chart], {
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      WHEELHOUSE_CODE_CACHE: cache,
      WHEELHOUSE_CODE_CACHE_REPORT: "1",
      ...extra,
    },
  });
  const lines = stderr.split("\n");
  const report = lines
    .filter((l) => l.startsWith("code cache: "))
    .map((l) => l.slice("code cache: ".length).split(" ")[0]!);
  return { stdout, report, warnings: lines.filter((l) => l.startsWith("WARNING: ")) };
}

/** Signs `data` as this user's wheelhouse would (the key is in the test's HOME). */
function signed(name: string, data: Buffer): Buffer {
  const key = readFileSync(join(dir, ".cache", "wheelhouse", "cache.key"));
  return Buffer.concat([signature(key, name, data), data]);
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
    writeFileSync(join(cache, entry!), signed(entry!, Buffer.from("not a code cache")));
    const damaged = await template(cache);
    expect(damaged.report).toEqual(["rejected", "saved"]);
    expect(damaged.stdout).toBe(first.stdout);

    chmodSync(cache, 0o777);
    const shared = await template(cache);
    expect(shared.report).toEqual(["none:"]);
    expect(shared.warnings).toEqual([
      `WARNING: ignoring code cache ${cache}: writable by group or others (mode 0777)`,
    ]);
    expect(shared.stdout).toBe(first.stdout);
  });

  it("does not run code it did not write, though this user owns it and V8 would take it", async () => {
    const cache = join(dir, "v8");
    mkdirSync(cache, { mode: 0o700 });
    const first = await template("off");
    const bundle = resolve("dist/cli/cli.cjs");
    const { entry } = codeCacheEntry(readFileSync(bundle), "template", {}, []);
    const marker = join(dir, "planted-code-ran");
    await plantV8Cache(bundle, marker, join(cache, entry));
    const planted = await template(cache, { WH_PLANTED: "1" });
    expect(existsSync(marker)).toBe(false);
    expect(planted.stdout).toBe(first.stdout);
    expect(planted.report).toEqual(["refused", "saved"]);
    expect(planted.warnings).toEqual([
      `WARNING: ignoring code cache ${join(cache, entry)}: not signed with this user's key`,
    ]);

    // The control: the same bytes, signed as only this user's wheelhouse can, are what V8 runs.
    await plantV8Cache(bundle, marker, join(cache, entry));
    writeFileSync(join(cache, entry), signed(entry, readFileSync(join(cache, entry))));
    const control = await template(cache, { WH_PLANTED: "1" });
    expect(control.report).toEqual(["used"]);
    expect(existsSync(marker)).toBe(true);
  });

  it("can be switched off", async () => {
    const off = await template("off");
    expect(off.report).toEqual([]);
    expect(off.stdout).toContain("kind: ConfigMap");
  });
});
