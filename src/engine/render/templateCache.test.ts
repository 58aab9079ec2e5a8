import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diskTemplateCache } from "./templateCache.js";

describe("the compiled-template cache", () => {
  it("returns what was stored for the same source, and nothing for another", () => {
    const dir = mkdtempSync(join(tmpdir(), "wh-tc-"));
    const cache = diskTemplateCache({ WHEELHOUSE_TEMPLATE_CACHE: dir })!;
    cache.set("a: {{x}}", "{spec:1}");
    expect(cache.get("a: {{x}}")).toBe("{spec:1}");
    expect(cache.get("a: {{y}}")).toBeUndefined();
    expect(readdirSync(dir)).toHaveLength(1);
  });

  it("can be switched off", () => {
    expect(diskTemplateCache({ WHEELHOUSE_TEMPLATE_CACHE: "off" })).toBeUndefined();
  });

  it("keeps working when the cache folder cannot be written", () => {
    const file = join(mkdtempSync(join(tmpdir(), "wh-tc-")), "not-a-dir");
    writeFileSync(file, "x");
    const cache = diskTemplateCache({ WHEELHOUSE_TEMPLATE_CACHE: file })!;
    expect(() => cache.set("s", "{}")).not.toThrow();
    expect(cache.get("s")).toBeUndefined();
  });
});
