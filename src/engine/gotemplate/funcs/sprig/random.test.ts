import { describe, expect, it } from "vitest";
import { GoInt } from "../../value.js";
import { FuncError } from "../types.js";
import { networkFuncs } from "./network.js";
import { randomFuncs } from "./random.js";
import { uuidFuncs } from "./uuid.js";

const call = (name: string, ...args: (number | string)[]) =>
  ({ ...randomFuncs, ...uuidFuncs, ...networkFuncs })[name]!.fn(
    ...args.map((a) => (typeof a === "number" ? new GoInt(a) : a)),
  );

describe("random functions (output differs run to run: properties only)", () => {
  it.each([
    ["randAlphaNum", /^[0-9A-Za-z]{64}$/],
    ["randAlpha", /^[A-Za-z]{64}$/],
    ["randNumeric", /^[0-9]{64}$/],
    ["randAscii", /^[\x20-\x7e]{64}$/],
  ])("%s gives the length and alphabet asked for", (name, pattern) => {
    const a = call(name, 64) as string;
    expect(a).toMatch(pattern);
    expect(call(name, 64)).not.toBe(a);
  });

  it("uses the whole alphabet", () => {
    const seen = new Set(call("randAlphaNum", 20000) as string);
    expect(seen.size).toBe(62);
  });

  it("gives the empty string for zero or negative lengths, as sprig drops goutils' error", () => {
    expect(call("randAlphaNum", 0)).toBe("");
    expect(call("randAlpha", -1)).toBe("");
  });

  it("randBytes encodes that many random bytes in base64", () => {
    const b = Buffer.from(call("randBytes", 32) as string, "base64");
    expect(b).toHaveLength(32);
    expect(() => call("randBytes", -1)).toThrow("runtime error: makeslice: len out of range");
  });

  it("randInt draws from [min, max) as an int and panics on an empty range", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const n = call("randInt", -2, 2) as GoInt;
      expect(n.kind).toBe("int");
      seen.add(n.value);
    }
    expect([...seen].sort()).toEqual([-1, -2, 0, 1]);
    expect(() => call("randInt", 5, 5)).toThrow(new FuncError("invalid argument to Intn"));
  });

  it("uuidv4 gives version-4 UUIDs", () => {
    const u = call("uuidv4") as string;
    expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(call("uuidv4")).not.toBe(u);
  });

  it("getHostByName returns the empty string, as helm does without --enable-dns", () => {
    expect(call("getHostByName", "localhost")).toBe("");
  });
});
