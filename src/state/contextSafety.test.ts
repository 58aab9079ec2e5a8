import { describe, expect, it } from "vitest";
import { globMatches, safetyOf } from "./contextSafety.js";

describe("context patterns", () => {
  it("match whole names, * across slashes and colons, ? one character", () => {
    expect(globMatches("prod-*", "prod-eu")).toBe(true);
    expect(globMatches("prod-*", "preprod-eu")).toBe(false);
    expect(globMatches("*/prod", "arn:aws:eks:eu-west-1:1234:cluster/prod")).toBe(true);
    expect(globMatches("k?nd", "kind")).toBe(true);
    expect(globMatches("a.b", "axb")).toBe(false);
  });

  it("read-only wins over protected", () => {
    const rules = { readonlyContexts: ["*-audit"], protectedContexts: ["prod-*"] };
    expect(safetyOf(rules, "prod-audit")).toBe("readonly");
    expect(safetyOf(rules, "prod-eu")).toBe("protected");
    expect(safetyOf(rules, "dev")).toBeUndefined();
  });
});
