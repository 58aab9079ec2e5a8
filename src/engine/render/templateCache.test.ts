import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diskTemplateCache } from "./templateCache.js";

const SPEC_A = '{"main":function(){return "a";},"useData":true}';
const SPEC_B = '{"main":function(){return "b";},"useData":true}';

function cacheIn(dir: string) {
  return diskTemplateCache({ WHEELHOUSE_TEMPLATE_CACHE: dir })!;
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
