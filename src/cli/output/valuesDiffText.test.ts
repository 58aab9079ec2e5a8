import { describe, expect, it } from "vitest";
import { diffValues } from "../../engine/values/valuesDiff.js";
import { valueChangeLine } from "./valuesDiffText.js";

describe("valueChangeLine", () => {
  it("makes bidirectional overrides and C1 controls in keys and values visible", () => {
    const [line] = diffValues({}, { "note\u202e": "ok\u009b2J\u2066" }).map(valueChangeLine);
    expect(line).toBe('+ "note\\u202e": "ok\\x9b2J\\u2066"');
  });
});
