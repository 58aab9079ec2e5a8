import { describe, expect, it } from "vitest";
import { findVersion, sortVersions, type IndexChartVersion } from "./repoIndex.js";
import { searchIndexes } from "./search.js";

// Helm resolves repository versions with Masterminds semver (IndexFile.Get); these are the cases
// where it differs from npm's semver (checked against helm's semverCompare in
// test/engine/sprigB/semver.test.ts).
const v = (version: string): IndexChartVersion => ({
  name: "c",
  version,
  urls: [`c-${version}.tgz`],
});
const versions = sortVersions(
  ["1.2.3-eks.1", "1.2.3", "1.9.0", "1.10.0", "2.0.0-rc.1", "v2.1", "0.3.0", "1.2.3+build.7"].map(
    v,
  ),
);
const pick = (range: string, devel = false) => findVersion(versions, { range, devel })?.version;

describe("repository version ranges (Masterminds semver, as helm)", () => {
  it("sorts newest first with loose versions (v2.1 is 2.1.0) and numeric order", () => {
    expect(versions.map((x) => x.version)).toEqual([
      "v2.1",
      "2.0.0-rc.1",
      "1.10.0",
      "1.9.0",
      "1.2.3",
      "1.2.3+build.7",
      "1.2.3-eks.1",
      "0.3.0",
    ]);
  });

  it("prefers an entry whose version is exactly the text asked for", () => {
    expect(pick("1.2.3+build.7")).toBe("1.2.3+build.7");
    expect(pick("v2.1")).toBe("v2.1");
  });

  it("reads Masterminds' forms: commas, ||, x ranges, hyphen ranges, ^ and ~", () => {
    expect(pick(">=1.0, <1.10")).toBe("1.9.0");
    expect(pick("<1.0 || >=1.9 <1.10")).toBe("1.9.0");
    expect(pick("1.x")).toBe("1.10.0");
    expect(pick("1.2 - 1.9")).toBe("1.9.0");
    expect(pick("^0.3")).toBe("0.3.0");
    expect(pick("~1.2.0")).toBe("1.2.3");
    expect(pick("2.1")).toBe("v2.1");
  });

  it("admits pre-releases only when the range names one, or with devel", () => {
    expect(pick(">=1.2.3-0 <1.2.3")).toBe("1.2.3-eks.1");
    expect(pick(">=2.0.0-0")).toBe("v2.1");
    expect(pick("~2.0.0-0")).toBe("2.0.0-rc.1");
    expect(pick("~2.0.0")).toBeUndefined();
    expect(pick("<2.1")).toBe("1.10.0");
    expect(pick("<2.1", true)).toBe("2.0.0-rc.1");
  });

  it("search filters with the same ranges", () => {
    const index = { apiVersion: "v1", entries: { c: versions } };
    const found = searchIndexes([{ repo: "r", index }], { range: "^1.9", versions: true });
    expect(found.map((f) => f.chart.version)).toEqual(["1.10.0", "1.9.0"]);
    expect(() => searchIndexes([{ repo: "r", index }], { range: "not a range!" })).toThrow(
      /is not a SemVer version range/,
    );
  });
});
