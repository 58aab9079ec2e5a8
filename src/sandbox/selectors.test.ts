import { describe, expect, it } from "vitest";
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from "./selectors.js";

const match = (sel: string, labels: Record<string, string>): boolean =>
  matchesLabels(parseLabelSelector(sel), labels);

describe("label selectors", () => {
  it("matches equality, inequality and double-equals", () => {
    expect(match("app=web", { app: "web" })).toBe(true);
    expect(match("app==web", { app: "web" })).toBe(true);
    expect(match("app=web", { app: "db" })).toBe(false);
    expect(match("app!=web", { app: "db" })).toBe(true);
    expect(match("app!=web", {})).toBe(true);
    expect(match("app!=web", { app: "web" })).toBe(false);
  });

  it("matches set-based in and notin, with commas inside the parentheses", () => {
    expect(match("tier in (a, b),app=x", { tier: "b", app: "x" })).toBe(true);
    expect(match("tier in (a,b)", { tier: "c" })).toBe(false);
    expect(match("tier notin (a,b)", { tier: "c" })).toBe(true);
    expect(match("tier notin (a,b)", {})).toBe(true);
    expect(match("tier notin (a,b)", { tier: "a" })).toBe(false);
  });

  it("matches key existence and absence", () => {
    expect(match("owner", { owner: "helm" })).toBe(true);
    expect(match("owner", {})).toBe(false);
    expect(match("!owner", {})).toBe(true);
    expect(match("!owner", { owner: "" })).toBe(false);
  });

  it("rejects a selector it cannot parse with a BadRequest", () => {
    expect(() => parseLabelSelector("a in b")).toThrow(/unable to parse requirement/);
  });
});

describe("field selectors", () => {
  const secret = { metadata: { name: "s1", namespace: "ns1" }, type: "helm.sh/release.v1" };

  it("matches metadata.name, metadata.namespace and a Secret's type", () => {
    expect(matchesFields(parseFieldSelector("metadata.name=s1", "Secret"), secret)).toBe(true);
    expect(matchesFields(parseFieldSelector("metadata.namespace!=ns1", "Secret"), secret)).toBe(
      false,
    );
    expect(matchesFields(parseFieldSelector("type=helm.sh/release.v1", "Secret"), secret)).toBe(
      true,
    );
  });

  it("refuses a field the kind does not index", () => {
    expect(() => parseFieldSelector("type=Opaque", "ConfigMap")).toThrow(
      /not a known field selector/,
    );
  });
});
