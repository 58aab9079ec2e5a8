import { describe, expect, it } from "vitest";
import { Faults, parseFailRule } from "./faults.js";

describe("fault rules", () => {
  it("reads a command-line rule with method, path, status and options", () => {
    expect(parseFailRule("get /secrets 503 nth=2")).toEqual({
      method: "GET",
      pathIncludes: "/secrets",
      status: 503,
      nth: 2,
    });
    expect(parseFailRule("/api/v1 500 times=3")).toEqual({
      pathIncludes: "/api/v1",
      status: 500,
      times: 3,
    });
  });

  it("refuses a rule without a status, naming the expected form", () => {
    expect(() => parseFailRule("GET /secrets")).toThrow(/expected \[METHOD\] PATH STATUS/);
    expect(() => parseFailRule("GET /secrets 500 often")).toThrow(/unknown option "often"/);
  });

  it("fails at the configured rate using the random source", () => {
    const values = [0.05, 0.5];
    const faults = new Faults({ failRate: 0.1 }, () => values.shift() ?? 1);
    expect(faults.check("GET", "/api")?.code).toBe(500);
    expect(faults.check("GET", "/api")).toBeUndefined();
  });

  it("matches method and path and stops after `times` failures", () => {
    const faults = new Faults({
      failRequests: [{ method: "PUT", pathIncludes: "/cm", status: 409, times: 2 }],
    });
    expect(faults.check("GET", "/cm")).toBeUndefined();
    expect([1, 2, 3].map(() => faults.check("PUT", "/cm")?.code)).toEqual([409, 409, undefined]);
  });
});
