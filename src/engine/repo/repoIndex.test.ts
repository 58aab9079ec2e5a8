import { describe, expect, it } from "vitest";
import { findVersion, parseIndex, serializeIndex, type IndexChartVersion } from "./repoIndex.js";

const v = (version: string): IndexChartVersion => ({
  name: "c",
  version,
  urls: [`c-${version}.tgz`],
});

describe("parseIndex", () => {
  it("sorts versions newest first and drops entries Helm would skip, naming them", () => {
    const { index, skipped } = parseIndex(
      [
        "apiVersion: v1",
        "entries:",
        "  c:",
        "  - {name: c, version: 1.2.0, urls: [c-1.2.0.tgz]}",
        "  - {name: c, version: 1.10.0, urls: [c-1.10.0.tgz]}",
        "  - {name: c, version: not-a-version, urls: [x.tgz]}",
        "  - {name: c, version: 2.0.0}",
        "  empty: []",
      ].join("\n"),
      "https://example.com/index.yaml",
    );
    expect(index.entries.c!.map((e) => e.version)).toEqual(["1.10.0", "1.2.0"]);
    expect(index.entries.empty).toBeUndefined();
    expect(skipped).toEqual(["c not-a-version", "c 2.0.0 (no urls)"]);
  });

  it("names the URL when the document is not an index", () => {
    expect(() => parseIndex("<html>oops</html>", "https://x/index.yaml")).toThrow(
      "index https://x/index.yaml is not a chart repository index (expected a YAML map)",
    );
    expect(() => parseIndex("entries: {}\n", "https://x/index.yaml")).toThrow(/has no apiVersion/);
    expect(() => parseIndex("a: [\n", "https://x/index.yaml")).toThrow(/is not valid YAML/);
  });

  it("reads back what serializeIndex writes", () => {
    const index = { apiVersion: "v1", entries: { c: [v("1.0.0"), v("2.0.0")] }, generated: "t" };
    const again = parseIndex(serializeIndex(index), "mem").index;
    expect(again.entries.c!.map((e) => e.version)).toEqual(["2.0.0", "1.0.0"]);
  });
});

describe("findVersion", () => {
  const versions = [v("2.0.0-rc.1"), v("1.5.0"), v("1.0.0")];
  it("picks the newest stable version, or a pre-release when asked", () => {
    expect(findVersion(versions)?.version).toBe("1.5.0");
    expect(findVersion(versions, { range: "<1.5.0" })?.version).toBe("1.0.0");
    expect(findVersion(versions, { devel: true })?.version).toBe("2.0.0-rc.1");
    expect(findVersion(versions, { range: ">=1.0.0-0" })?.version).toBe("2.0.0-rc.1");
    expect(findVersion(versions, { range: "^3" })).toBeUndefined();
    expect(() => findVersion(versions, { range: "not a range!" })).toThrow(
      /is not a SemVer version range/,
    );
  });
});
