/* RFC 7386 as evanphx/json-patch's CreateMergePatch builds it, which helm sends custom resources. */
import { describe, expect, it } from "vitest";
import { createMergePatch } from "./jsonMergePatch.js";

describe("createMergePatch", () => {
  it("carries added and changed keys and nulls removed ones, at any depth", () => {
    const original = { spec: { size: 1, color: "red", nested: { keep: true, drop: 1 } }, old: "x" };
    const modified = { spec: { size: 2, color: "red", nested: { keep: true }, extra: [1] } };
    expect(createMergePatch(original, modified)).toEqual({
      spec: { size: 2, nested: { drop: null }, extra: [1] },
      old: null,
    });
  });

  it("replaces a changed list whole and leaves an equal one out", () => {
    const original = { a: [{ name: "x", v: 1 }, { name: "y" }], b: ["p", "q"] };
    const modified = { a: [{ name: "x", v: 2 }], b: ["p", "q"] };
    expect(createMergePatch(original, modified)).toEqual({ a: [{ name: "x", v: 2 }] });
  });

  it("replaces a value whose type changed, and treats 1 and 1.5 as the same type", () => {
    expect(createMergePatch({ a: { b: 1 }, n: 1 }, { a: "flat", n: 1.5 })).toEqual({
      a: "flat",
      n: 1.5,
    });
  });

  it("distinguishes a key holding null from a missing key", () => {
    expect(createMergePatch({ a: null }, { a: null })).toEqual({});
    expect(createMergePatch({}, { a: null })).toEqual({ a: null });
    expect(createMergePatch({ a: null }, { a: 1 })).toEqual({ a: 1 });
    expect(createMergePatch({ a: { b: null } }, { a: {} })).toEqual({ a: { b: null } });
  });

  it("is {} for equal documents", () => {
    const doc = { apiVersion: "example.com/v1", kind: "Widget", spec: { items: [1, 2] } };
    expect(createMergePatch(doc, structuredClone(doc))).toEqual({});
  });

  it("shares no objects with its inputs", () => {
    const modified = { spec: { added: { deep: [1] } } };
    const patch = createMergePatch({}, modified) as { spec: { added: { deep: number[] } } };
    patch.spec.added.deep.push(2);
    expect(modified.spec.added.deep).toEqual([1]);
  });
});
