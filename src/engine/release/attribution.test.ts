import { describe, expect, it } from "vitest";
import { attributed, parseDescription } from "./attribution.js";

describe("who and why in a revision's description", () => {
  it("writes who and the quoted reason after what happened", () => {
    expect(attributed("Upgrade complete", { by: "alice", reason: "rotate certs" })).toBe(
      'Upgrade complete · by alice · "rotate certs"',
    );
    expect(attributed("Rollback to 3", { by: "system:serviceaccount:ci:deployer" })).toBe(
      "Rollback to 3 · by system:serviceaccount:ci:deployer",
    );
  });

  it("parses its own format back, quotes and line breaks in the reason included", () => {
    const reason = 'said "now"\nand · by bob';
    expect(parseDescription(attributed("Install complete", { by: "alice", reason }))).toEqual({
      text: "Install complete",
      by: "alice",
      reason,
    });
  });

  it("takes the last attribution when a failure message quotes an earlier one", () => {
    expect(
      parseDescription(
        attributed('Upgrade "web" failed: x (was: Preparing · by bob)', { by: "alice" }),
      ),
    ).toEqual({ text: 'Upgrade "web" failed: x (was: Preparing · by bob)', by: "alice" });
  });

  it("leaves helm's descriptions and helm's own --description whole", () => {
    for (const d of ["Upgrade complete", "Rollback to 2", 'rotate "certs"', "a · b", ""]) {
      expect(parseDescription(d)).toEqual({ text: d });
    }
  });
});
