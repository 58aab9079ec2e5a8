import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diskTemplateCache, templateCacheFile, templateKey } from "./templateCache.js";

const SPEC_A = '{"main":function(){return "a";},"useData":true}';
const SPEC_B = '{"main":function(){return "b";},"useData":true}';

// The user's cache key goes here, not to ~/.cache.
const home = mkdtempSync(join(tmpdir(), "wh-tc-home-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function cacheIn(dir: string, notify: (message: string) => void = () => {}) {
  return diskTemplateCache({ WHEELHOUSE_TEMPLATE_CACHE: dir, XDG_CACHE_HOME: home }, notify)!;
}

/** What a planter writes: the file name and key the cache looks up, computed as it does. */
function plant(dir: string, chart: string, source: string, spec: string): string {
  const file = join(dir, templateCacheFile(chart));
  writeFileSync(file, JSON.stringify({ [templateKey(source)]: spec }), { mode: 0o600 });
  return file;
}

describe("the compiled-template cache", () => {
  it("returns a chart's stored code by source, in one file per chart", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "wh-tc-")), "templates");
    const first = cacheIn(dir).open("web");
    expect(first.get("a: {{x}}")).toBeUndefined();
    first.set("a: {{x}}", SPEC_A);
    first.set("b: {{y}}", SPEC_B);
    first.save();
    expect(readdirSync(dir)).toHaveLength(1);

    const second = cacheIn(dir).open("web");
    expect((second.get("a: {{x}}") as { main?: unknown } | undefined)?.main).toBeTypeOf("function");
    expect(second.get("a: {{z}}")).toBeUndefined();
    expect(cacheIn(dir).open("api").get("a: {{x}}")).toBeUndefined();
  });

  it("keeps only the templates of the last run that compiled anything", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "wh-tc-")), "templates");
    const first = cacheIn(dir).open("web");
    first.set("a", SPEC_A);
    first.set("b", SPEC_B);
    first.save();
    const edited = cacheIn(dir).open("web");
    expect(edited.get("a")).toBeDefined();
    edited.set("c", SPEC_B);
    edited.save();
    const after = cacheIn(dir).open("web");
    expect([after.get("a"), after.get("b"), after.get("c")].map(Boolean)).toEqual([
      true,
      false,
      true,
    ]);
  });

  it("ignores a damaged file and a folder others can write", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "wh-tc-")), "templates");
    const first = cacheIn(dir).open("web");
    first.set("a", SPEC_A);
    first.save();
    const [file] = readdirSync(dir);
    writeFileSync(join(dir, file!), "{not json", { mode: 0o600 });
    expect(cacheIn(dir).open("web").get("a")).toBeUndefined();

    const again = cacheIn(dir).open("web");
    again.set("a", SPEC_A);
    again.save();
    expect(cacheIn(dir).open("web").get("a")).toBeDefined();
    if (process.getuid?.() !== undefined) {
      chmodSync(dir, 0o777);
      expect(cacheIn(dir).open("web").get("a")).toBeUndefined();
    }
  });

  it("does not run a planted entry, though this user owns it and its name is right", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "wh-tc-")), "templates");
    mkdirSync(dir, { mode: 0o700 });
    const planted = '(globalThis.__whPlanted = true, {"main":function(){return "PLANTED";}})';
    const file = plant(dir, "web", "a: {{x}}", planted);
    const said: string[] = [];
    const chart = cacheIn(dir, (m) => said.push(m)).open("web");
    expect(chart.get("a: {{x}}")).toBeUndefined();
    expect((globalThis as { __whPlanted?: boolean }).__whPlanted).toBeUndefined();
    expect(said).toEqual([`ignoring template cache ${file}: not signed with this user's key`]);

    chart.set("a: {{x}}", SPEC_A);
    chart.save();
    expect(cacheIn(dir).open("web").get("a: {{x}}")).toBeDefined();
  });

  it.skipIf(process.getuid === undefined)("says why it ignores a folder others can write", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "wh-tc-")), "templates");
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const said: string[] = [];
    expect(
      cacheIn(dir, (m) => said.push(m))
        .open("web")
        .get("a"),
    ).toBeUndefined();
    expect(said).toEqual([
      `ignoring template cache ${dir}: writable by group or others (mode 0777)`,
    ]);
  });

  it("can be switched off", () => {
    expect(diskTemplateCache({ WHEELHOUSE_TEMPLATE_CACHE: "off" })).toBeUndefined();
  });

  it("keeps working when the cache folder cannot be written", () => {
    const file = join(mkdtempSync(join(tmpdir(), "wh-tc-")), "not-a-dir");
    writeFileSync(file, "x");
    const chart = cacheIn(file).open("web");
    chart.set("s", SPEC_A);
    expect(() => chart.save()).not.toThrow();
    expect(cacheIn(file).open("web").get("s")).toBeUndefined();
  });
});
