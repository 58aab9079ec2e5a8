import { describe, expect, it } from "vitest";
import { globMatcher } from "./glob.js";

describe(".Files.Glob patterns (gobwas/glob with '/' separators)", () => {
  it("keeps * and ? within one path segment and lets ** cross them", () => {
    expect(globMatcher("files/*")("files/a.txt")).toBe(true);
    expect(globMatcher("files/*")("files/sub/a.txt")).toBe(false);
    expect(globMatcher("files/**")("files/sub/a.txt")).toBe(true);
    expect(globMatcher("files/?.txt")("files/a.txt")).toBe(true);
  });

  it("supports classes, negated classes and alternatives", () => {
    expect(globMatcher("conf/[ab].yaml")("conf/b.yaml")).toBe(true);
    expect(globMatcher("conf/[!ab].yaml")("conf/b.yaml")).toBe(false);
    expect(globMatcher("conf/*.{yaml,json}")("conf/x.json")).toBe(true);
    expect(globMatcher("conf/*.{yaml,json}")("conf/x.toml")).toBe(false);
  });

  it("matches everything when the pattern does not compile, as helm falls back to **", () => {
    expect(globMatcher("conf/[ab")("anything/at/all")).toBe(true);
  });
});
