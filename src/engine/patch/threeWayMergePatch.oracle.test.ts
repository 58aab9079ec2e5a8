/*
 * Every case kubectl apply was recorded on (test/fixtures/smp-oracle): kubectl computes the same
 * CreateThreeWayMergePatch helm does, so our patch must be the one it sent, directive for
 * directive. The recorder also checked on the server that our patch leaves the object as
 * kubectl's apply did.
 */
import { describe, expect, it } from "vitest";
import { oracleCases, schemaFor } from "./testkit.js";
import { threeWayMergePatch } from "./threeWayMergePatch.js";

const cases = oracleCases();

describe("threeWayMergePatch against kubectl apply on kube-apiserver v1.19", () => {
  it("has the recorded cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(18);
  });

  it.each(cases.map((c) => [`${c.name}: ${c.about}`, c] as const))("%s", (_, c) => {
    const { apiVersion, kind } = c.modified as { apiVersion: string; kind: string };
    const patch = threeWayMergePatch(
      c.original,
      c.modified,
      c.current,
      schemaFor(apiVersion, kind),
    );
    expect(patch).toEqual(c.patch);
  });
});
