import { describe, expect, it } from "vitest";
import * as sprig from "./sprig.js";

describe("Sprig semantics", () => {
  it.each([[""], [0], [false], [[]], [{}], [null], [undefined]])(
    "default treats %j as empty",
    (value) => {
      expect(sprig.defaultTo("fallback", value)).toBe("fallback");
    },
  );

  it("default keeps a non-empty value", () => {
    expect(sprig.defaultTo("fallback", "given")).toBe("given");
    expect(sprig.defaultTo(5, 3)).toBe(3);
  });

  it("quote turns a number into a quoted string and drops nil", () => {
    expect(sprig.quote(8080)).toBe('"8080"');
    expect(sprig.quote('say "hi"')).toBe('"say \\"hi\\""');
    expect(sprig.quote(undefined)).toBe("");
  });

  it("toYaml of a map is block YAML with sorted keys and no trailing newline or document marker", () => {
    expect(sprig.toYaml({ b: { c: [1, "x"] }, a: true })).toBe(
      "a: true\nb:\n  c:\n    - 1\n    - x",
    );
  });

  it("toJson sorts keys as Go does", () => {
    expect(sprig.toJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });

  it("indent and nindent prefix every line", () => {
    expect(sprig.indent(2, "a\nb")).toBe("  a\n  b");
    expect(sprig.nindent(4, "a")).toBe("\n    a");
  });

  it("required fails on nil and empty string, not on false or 0", () => {
    expect(() => sprig.required("need it", undefined)).toThrow("need it");
    expect(() => sprig.required("need it", "")).toThrow("need it");
    expect(sprig.required("x", false)).toBe(false);
    expect(sprig.required("x", 0)).toBe(0);
  });

  it("trunc keeps the end for a negative count", () => {
    expect(sprig.trunc(3, "abcdef")).toBe("abc");
    expect(sprig.trunc(-2, "abcdef")).toBe("ef");
    expect(sprig.trunc(10, "abc")).toBe("abc");
  });

  it("string helpers take the subject last", () => {
    expect(sprig.trimPrefix("v", "v1.2")).toBe("1.2");
    expect(sprig.trimSuffix("-", "name-")).toBe("name");
    expect(sprig.replace("-", "_", "a-b-c")).toBe("a_b_c");
    expect(sprig.contains("ell", "hello")).toBe(true);
    expect(sprig.hasPrefix("he", "hello")).toBe(true);
    expect(sprig.hasSuffix("lo", "hello")).toBe(true);
    expect(sprig.title("hello big world")).toBe("Hello Big World");
  });

  it("and/or return values like Go templates", () => {
    expect(sprig.and("a", "", "c")).toBe("");
    expect(sprig.and("a", "b")).toBe("b");
    expect(sprig.or("", 0, "x")).toBe("x");
    expect(sprig.or("", 0)).toBe(0);
    expect(sprig.not([])).toBe(true);
  });

  it("eq compares against any of several values; lt refuses mixed types", () => {
    expect(sprig.eq("b", "a", "b")).toBe(true);
    expect(sprig.ne(1, 2)).toBe(true);
    expect(sprig.lt(1, 2)).toBe(true);
    expect(() => sprig.lt(1, "2")).toThrow(/cannot compare/);
  });

  it("coalesce, list, dict, join and split", () => {
    expect(sprig.coalesce(null, "", "x", "y")).toBe("x");
    expect(sprig.list(1, 2)).toEqual([1, 2]);
    expect(sprig.dict("a", 1, "b", 2)).toEqual({ a: 1, b: 2 });
    expect(sprig.join(",", ["a", 1])).toBe("a,1");
    expect(sprig.split(".", "a.b")).toEqual({ _0: "a", _1: "b" });
  });

  it("printf formats Go verbs", () => {
    expect(sprig.printf("%s-%d-%v-%q", "a", 3, [1, 2], "x")).toBe('a-3-[1 2]-"x"');
    expect(sprig.printf("%.2f%%", 1.5)).toBe("1.50%");
  });

  it("base64 and sha256", () => {
    expect(sprig.b64dec(sprig.b64enc("héllo"))).toBe("héllo");
    expect(sprig.sha256sum("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("semverCompare accepts Kubernetes versions with pre-release suffixes", () => {
    expect(sprig.semverCompare(">=1.25.0-0", "v1.31.2-gke.100")).toBe(true);
    expect(sprig.semverCompare("<1.20", "v1.31.0")).toBe(false);
    expect(() => sprig.semverCompare("not a range", "1.0.0")).toThrow(/not a version constraint/);
    // Masterminds semver, as helm: a -0 floor admits pre-releases, a plain floor does not.
    expect(sprig.semverCompare(">=1.21-0", "1.21.3-eks.1")).toBe(true);
    expect(sprig.semverCompare(">=1.21", "1.21.3-eks.1")).toBe(false);
  });

  it("fromYaml reports a parse error as a value, as Helm does", () => {
    expect(sprig.fromYaml("a: 1")).toEqual({ a: 1 });
    expect(sprig.fromYaml("a: [")).toHaveProperty("Error");
  });
});
