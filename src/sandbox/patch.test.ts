import { describe, expect, it } from "vitest";
import { jsonPatch, mergePatch } from "./patch.js";

describe("merge patch", () => {
  it("merges maps, deletes keys set to null and replaces lists", () => {
    const out = mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { c: null, d: 3 }, l: [3] });
    expect(out).toEqual({ a: { b: 1, d: 3 }, l: [3] });
  });
});

describe("json patch", () => {
  it("applies add, replace, remove, move, copy and test in order", () => {
    const out = jsonPatch({ a: 1, l: [1, 2] }, [
      { op: "add", path: "/b", value: { c: 1 } },
      { op: "replace", path: "/a", value: 2 },
      { op: "add", path: "/l/-", value: 3 },
      { op: "remove", path: "/l/0" },
      { op: "copy", from: "/b", path: "/d" },
      { op: "move", from: "/d/c", path: "/e" },
      { op: "test", path: "/a", value: 2 },
    ]);
    expect(out).toEqual({ a: 2, l: [2, 3], b: { c: 1 }, d: {}, e: 1 });
  });

  it("fails a test operation whose value differs, with a 422", () => {
    expect(() => jsonPatch({ a: 1 }, [{ op: "test", path: "/a", value: 2 }])).toThrow(
      /testing value \/a failed/,
    );
  });

  it("refuses to replace a missing key", () => {
    expect(() => jsonPatch({}, [{ op: "replace", path: "/x", value: 1 }])).toThrow(/missing/);
  });
});
