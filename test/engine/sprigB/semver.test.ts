import { describe, expect, it } from "vitest";
import { helmBinary, helmRender, errorOf } from "./helmOracle.js";
import { GoInt } from "../../../src/engine/gotemplate/value.js";
import { SemverVersion, semverFuncs } from "../../../src/engine/gotemplate/funcs/sprig/semver.js";

// [constraint, version] pairs whose truth helm decides at test time.
const CHECKS: [string, string][] = [
  [">=1.21-0", "1.21.3-eks.1"],
  [">=1.21", "1.21.3-eks.1"],
  [">=1.21.0-0", "v1.21.3-gke.100"],
  ["^1.2", "1.9.9"],
  ["^1.2", "2.0.0"],
  ["^1.2", "1.1.0"],
  ["^0.2.3", "0.2.9"],
  ["^0.2.3", "0.3.0"],
  ["^0.0.3", "0.0.3"],
  ["^0.0.3", "0.0.4"],
  ["^0", "0.9.0"],
  ["^0.0", "0.0.9"],
  ["^0.0", "0.1.0"],
  ["~1.2.3", "1.2.9"],
  ["~1.2.3", "1.3.0"],
  ["~1", "1.9.0"],
  ["~>1.2", "1.2.7"],
  ["~0.0.0", "5.0.0"],
  ["1.x", "1.5.0"],
  ["1.x", "2.0.0"],
  ["1.2.x", "1.2.99"],
  ["1.2.X", "1.3.0"],
  ["*", "0.0.1"],
  ["*", "1.0.0-alpha"],
  ["1.2 - 1.4", "1.4.0"],
  ["1.2 - 1.4", "1.4.5"],
  ["1.2 - 1.4.5", "1.4.5"],
  ["1.2 - 1.4", "1.1.9"],
  ["<1.0 || >=2.0", "1.5.0"],
  ["<1.0 || >=2.0", "2.1.0"],
  ["<1.0 || >=2.0-0", "2.0.0-rc.1"],
  [">=1.0, <2.0", "1.5.0"],
  [">=1.0 <2.0", "2.0.0"],
  [">= 1.0 , < 2.0", "1.0.0"],
  ["!=1.2.3", "1.2.3"],
  ["!=1.2.x", "1.2.3"],
  ["!=1.x", "2.0.0"],
  [">1", "1.9.0"],
  [">1", "2.0.0"],
  [">1.1", "1.1.9"],
  [">1.1", "1.2.0"],
  ["<=1.2", "1.2.9"],
  ["<=1.2", "1.3.0"],
  ["<=1", "1.99.0"],
  ["<1.2.3", "1.2.3-beta"],
  ["<1.2.3-0", "1.2.3-beta"],
  ["=1.2.3", "v1.2.3+build"],
  ["1.2.3", "1.2.3"],
  ["=>1.2", "1.2.0"],
  ["=<1.2", "1.2.0"],
  [">=1.2.3-alpha.10", "1.2.3-alpha.9"],
  [">=1.2.3-alpha.10", "1.2.3-alpha.11"],
  [">=1.2.3-alpha", "1.2.3-alpha.1"],
  [">=1.2.3-beta", "1.2.3-alpha.1"],
  [">=1.2.3-2", "1.2.3-10"],
  [">=1.2.3-a", "1.2.3-10"],
  [">=v1.20.0", "1.20.0"],
  [">= 1.19.0-0 < 1.26.0-0", "1.25.4-gke.1"],
  [">=1.16.0-0", "1.35.0"],
  ["~1.2.3-beta.2", "1.2.3-beta.4"],
  ["^1.2.3-beta.2", "1.2.4-beta.1"],
  [">=01.2", "1.2.0"],
];

// Versions whose printing helm decides: `semver` is loose (v prefix, missing parts, leading zeros).
const VERSIONS = ["1.2", "v1", "v1.2.3-rc.1+build.5", "01.02.03", "1.2.3+meta-data", "0.0.0"];

const compare = semverFuncs.semverCompare!.fn;
const semver = semverFuncs.semver!.fn;

describe.skipIf(helmBinary === undefined)("semver functions against helm 4.1.4", () => {
  it("semverCompare decides every constraint as helm does", () => {
    const tpl = CHECKS.map(
      ([c, v]) => `{{ semverCompare ${JSON.stringify(c)} ${JSON.stringify(v)} }}`,
    );
    const helm = helmRender(tpl.join("\n")).out!.split("\n");
    const ours = CHECKS.map(([c, v]) => String(compare(c, v)));
    expect(CHECKS.map((c, i) => `${c.join(" ? ")} = ${ours[i]}`)).toEqual(
      CHECKS.map((c, i) => `${c.join(" ? ")} = ${helm[i]}`),
    );
  });

  it("semver prints versions and their parts as helm does", () => {
    const parts = (v: string) =>
      `{{ $v := semver ${JSON.stringify(v)} }}{{ $v }}|{{ $v.Original }}|{{ $v.Major }}.{{ $v.Minor }}.{{ $v.Patch }}|{{ $v.Prerelease }}|{{ $v.Metadata }}|{{ $v.IncMajor }}|{{ $v.IncMinor }}|{{ $v.IncPatch }}|{{ printf "%T" $v }}`;
    const helm = helmRender(VERSIONS.map(parts).join("\n")).out!.split("\n");
    const ours = VERSIONS.map((s) => {
      const v = semver(s) as SemverVersion;
      const m = (name: string) => {
        const r = v.method(name)!.call();
        return r instanceof SemverVersion ? r.format() : String(r instanceof GoInt ? r.value : r);
      };
      return [
        v.format(),
        m("Original"),
        `${m("Major")}.${m("Minor")}.${m("Patch")}`,
        m("Prerelease"),
        m("Metadata"),
        m("IncMajor"),
        m("IncMinor"),
        m("IncPatch"),
        v.goType,
      ].join("|");
    });
    expect(ours).toEqual(helm);
  });

  it.each([
    ['semverCompare "bad" "1.2.3"', () => compare("bad", "1.2.3")],
    ['semverCompare "" "1.0"', () => compare("", "1.0")],
    ['semverCompare "1|2" "1.0"', () => compare("1|2", "1.0")],
    ['semverCompare ">1" "x"', () => compare(">1", "x")],
    ['semverCompare ">1" "1.2.3-01"', () => compare(">1", "1.2.3-01")],
    ['semverCompare ">1" "1.2.3+a..b"', () => compare(">1", "1.2.3+a..b")],
    ['semver ""', () => semver("")],
    [
      '(semver "1.2.3").SetPrerelease "01"',
      () => (semver("1.2.3") as SemverVersion).method("SetPrerelease")!.call("01"),
    ],
  ])("fails with helm's error: %s", (expr, f) => {
    expect(errorOf(f)).toBe(helmRender(`{{ ${expr} }}`).err);
  });
});

describe("semver values", () => {
  it("keeps pointer methods off the values IncMajor returns (not addressable in templates)", () => {
    const v = semver("1.2.3") as SemverVersion;
    const next = v.method("IncMajor")!.call() as SemverVersion;
    expect(next.goType).toBe("semver.Version");
    expect(next.method("Original")).toBeUndefined();
    expect(v.method("LessThan")!.call(semver("1.3"))).toBe(true);
  });
});
