import { describe, expect, it } from "vitest";
import type { LocatedDrift } from "./driftFields.js";
import { fateOf, type ApplyPolicy } from "./overwrites.js";

const drift = (
  steps: string[],
  change: "added" | "changed" | "removed",
  live: unknown,
  managers: string[] = [],
): LocatedDrift => ({ steps, live, field: { path: steps.join("."), change, managers } });

const cm = (data: Record<string, string>) => ({ data });
const csa: ApplyPolicy = { method: "csa", force: false };
const ssa: ApplyPolicy = { method: "ssa", force: false };
const forced: ApplyPolicy = { method: "ssa", force: true };

describe("what an upgrade does to a live change", () => {
  const edited = drift(["f:data", "f:a"], "changed", "hand", ["kubectl-edit"]);
  const added = drift(["f:data", "f:extra"], "added", "x", ["kubectl-patch"]);

  it("client-side: overwrites what the next manifest sets, keeps what neither mentions", () => {
    expect(fateOf(edited, cm({ a: "1" }), cm({ a: "1" }), csa)).toBe("overwritten");
    expect(fateOf(added, cm({ a: "1" }), cm({ a: "1" }), csa)).toBe("kept");
  });

  it("client-side: removes a field the previous manifest set and the next one drops", () => {
    expect(fateOf(edited, cm({ a: "1" }), cm({}), csa)).toBe("overwritten");
    const gone = drift(["f:data", "f:a"], "removed", undefined);
    expect(fateOf(gone, cm({ a: "1" }), cm({}), csa)).toBe("kept");
    expect(fateOf(gone, cm({ a: "1" }), cm({ a: "1" }), csa)).toBe("overwritten");
  });

  it("server-side: another manager's field the manifest sets conflicts, unless forced", () => {
    expect(fateOf(edited, cm({ a: "1" }), cm({ a: "1" }), ssa)).toBe("conflict");
    expect(fateOf(edited, cm({ a: "1" }), cm({ a: "1" }), forced)).toBe("overwritten");
    expect(fateOf(edited, cm({ a: "1" }), cm({ a: "hand" }), ssa)).toBe("kept");
    expect(fateOf(edited, cm({ a: "1" }), cm({}), forced)).toBe("kept");
    expect(fateOf(added, cm({ a: "1" }), cm({ a: "1" }), forced)).toBe("kept");
  });

  it("says the object goes when the next manifest drops it", () => {
    expect(fateOf(added, cm({ a: "1" }), undefined, csa)).toBe("deleted");
  });
});
