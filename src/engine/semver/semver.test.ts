import { describe, expect, it } from "vitest";
import { parseConstraint, parseVersion, satisfies, strictParseVersion } from "./index.js";

// Template-level behaviour is checked against helm in funcs/sprig/semver.test.ts; these pin the
// parts templates cannot reach (strict parsing, Validate's reasons, ordering), as Masterminds'
// own tests state them.
describe("Masterminds semver", () => {
  it("parses loosely by default and strictly on request", () => {
    expect(parseVersion("v1.2").toString()).toBe("1.2.0");
    expect(() => strictParseVersion("1.2")).toThrow("invalid semantic version");
    expect(() => strictParseVersion("01.2.3")).toThrow("version segment starts with 0");
    expect(() => strictParseVersion("v1.2.3")).toThrow("invalid characters in version");
    expect(() => strictParseVersion("")).toThrow("version string empty");
    expect(strictParseVersion("1.2.3-rc.1+b").prerelease).toBe("rc.1");
  });

  it("orders pre-releases numerically, below letters and below the release", () => {
    const sorted = [
      "1.0.0",
      "1.0.0-rc.1",
      "1.0.0-beta.11",
      "1.0.0-beta.2",
      "1.0.0-alpha",
      "1.0.0-alpha.1",
    ]
      .map(parseVersion)
      .sort((a, b) => a.compare(b))
      .map(String);
    expect(sorted).toEqual([
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
    ]);
  });

  it("opts an AND group into pre-releases only when one of its versions has one", () => {
    expect(satisfies("1.21.3-eks.1", ">=1.21-0")).toBe(true);
    expect(satisfies("1.21.3-eks.1", ">=1.21")).toBe(false);
    expect(satisfies("1.21.3-eks.1", ">=1.21 || >=1.0.0-0")).toBe(true);
  });

  it("explains failures as Validate does", () => {
    expect(parseConstraint(">=1.21").validate(parseVersion("1.21.3-eks.1"))).toEqual([
      false,
      [
        "1.21.3-eks.1 is a prerelease version and the constraint is only looking for release versions",
      ],
    ]);
    expect(parseConstraint("^1.2 || ~2.1").validate(parseVersion("2.2.0"))).toEqual([
      false,
      [
        "2.2.0 does not have same major version as 1.2",
        "2.2.0 does not have same major and minor version as 2.1",
      ],
    ]);
  });

  it("prints constraints as Masterminds does and rejects improper ones", () => {
    expect(parseConstraint(">= 1.0, <2 || 3.x").toString()).toBe(">=1.0 <2 || 3.x");
    expect(parseConstraint("1.2 - 1.4").toString()).toBe(">=1.2 <=1.4");
    expect(() => parseConstraint("foo")).toThrow("improper constraint: foo");
  });
});
