import { describe, expect, it } from "vitest";
import { differences, helm4 } from "../../../test/engine/fmt/helmNotes.js";
import { formatValue } from "./fmt.js";
import {
  atoiLenient,
  strslice,
  strval,
  toBool,
  toDecimal,
  toFloat64,
  toInt,
  toInt64,
  toStringCast,
} from "./convert.js";
import { int, int64, typedSlice, type GoValue } from "./value.js";

/** Template syntax for an operand and our value for it. */
const OPERANDS: Array<[string, GoValue]> = [
  ['"08"', "08"],
  ['"0x1F"', "0x1F"],
  ['"-0x10"', "-0x10"],
  ['"0b101"', "0b101"],
  ['"0o17"', "0o17"],
  ['"017"', "017"],
  ['"1_000"', "1_000"],
  ['"_1"', "_1"],
  ['"12"', "12"],
  ['"+12"', "+12"],
  ['"-12"', "-12"],
  ['" 1"', " 1"],
  ['"1.0"', "1.0"],
  ['"1.00"', "1.00"],
  ['"10."', "10."],
  ['"1.5"', "1.5"],
  ['"1e3"', "1e3"],
  ['"1E-2"', "1E-2"],
  ['".5"', ".5"],
  ['"0x1p4"', "0x1p4"],
  ['"inf"', "inf"],
  ['"-Infinity"', "-Infinity"],
  ['"NaN"', "NaN"],
  ['"1e400"', "1e400"],
  ['"abc"', "abc"],
  ['""', ""],
  ['"true"', "true"],
  ['"T"', "T"],
  ['"False"', "False"],
  ['"yes"', "yes"],
  ['"0777"', "0777"],
  ['"9223372036854775807"', "9223372036854775807"],
  ['"99999999999999999999"', "99999999999999999999"],
  ["3", int(3)],
  ["-3", int(-3)],
  ["0", int(0)],
  ["(int64 777)", int64(777)],
  ["3.9", 3.9],
  ["-3.9", -3.9],
  ["1.5", 1.5],
  ["777.0", 777],
  ['(float64 "1e6")', 1e6],
  ['(float64 "1e20")', 1e20],
  ['(float64 "1e-7")', 1e-7],
  ['(float64 "NaN")', NaN],
  ['(float64 "-Inf")', -Infinity],
  [".Values.f", 1.5],
  ["true", true],
  ["false", false],
  ["nil", null],
  ['(list 1 "a" nil 2.5)', [int(1), "a", null, 2.5]],
  ['(splitList "," "a,b")', typedSlice(["a", "b"], "[]string")],
  ["(list)", []],
  [".Values.m", { a: 1, b: "x", l: [1, "z"] }],
  ['(.Files.GetBytes "hi.txt")', new TextEncoder().encode("hi")],
];

/** Sprig functions and our conversions, printed the way the template prints their results. */
const FUNCS: Array<[string, (v: GoValue) => string]> = [
  ["int", (v) => formatValue(int(toInt(v)))],
  ["int64", (v) => formatValue(int64(toInt64(v)))],
  ["float64", (v) => formatValue(toFloat64(v))],
  ["toString", (v) => strval(v)],
  ["toStrings", (v) => formatValue(typedSlice(strslice(v), "[]string"))],
  ["toDecimal", (v) => formatValue(int64(toDecimal(v)))],
  ["add1", (v) => formatValue(int64(toInt64(v) + 1))],
];

describe("conversions against helm", () => {
  it.skipIf(!helm4)("converts every operand as sprig does", () => {
    const cases = FUNCS.flatMap(([fn, ours]) =>
      OPERANDS.map(([tpl, v]) => ({ tpl: `${fn} ${tpl}`, run: () => ours(v) })),
    );
    // atoi takes a string parameter; only string operands reach it.
    for (const [tpl, v] of OPERANDS) {
      if (typeof v === "string")
        cases.push({ tpl: `atoi ${tpl}`, run: () => formatValue(int(atoiLenient(v))) });
    }
    // Integers are doubles in our value model: int64 arithmetic next to ±2^63 (add1 of
    // MaxInt64 wraps in Go) cannot come out exact, so those rows are left out.
    const atLimit = [
      '"9223372036854775807"',
      '"99999999999999999999"',
      '(float64 "1e20")',
      '(float64 "NaN")',
      '(float64 "-Inf")',
    ];
    const wrong = differences(
      cases.filter((c) => !(c.tpl.startsWith("add1 ") && atLimit.some((l) => c.tpl.endsWith(l)))),
    );
    expect(wrong.slice(0, 40).join("\n"), `${wrong.length} of ${cases.length} differ`).toBe("");
  });
});

/** Recorded from helm 4.1.4 so the module is checked without helm too. */
describe("conversions (recorded helm output)", () => {
  it.each<[string, () => unknown, unknown]>([
    ['int "08"', () => toInt("08"), 0],
    ['int64 "0x1F"', () => toInt64("0x1F"), 31],
    ['float64 "1e3"', () => toFloat64("1e3"), 1000],
    ["toString 1.5", () => strval(1.5), "1.5"],
    ["toString 1e6", () => strval(1e6), "1e+06"],
    ['atoi "12"', () => atoiLenient("12"), 12],
    ['atoi "99999999999999999999"', () => atoiLenient("99999999999999999999"), 2 ** 63],
    ["int 3.9", () => toInt(3.9), 3],
    ['int64 (float64 "1e20")', () => toInt64(1e20), -9223372036854775808],
    ['int "1.0"', () => toInt("1.0"), 1],
    ['int "10."', () => toInt("10."), 0],
    ['float64 "1_0"', () => toFloat64("1_0"), 10],
    ['toDecimal "0777"', () => toDecimal("0777"), 511],
    ["toDecimal 7.5", () => toDecimal(7.5), 0],
    ["toString nil", () => strval(null), "<nil>"],
    ['toStrings (list 1 nil "a" 2.5)', () => strslice([int(1), null, "a", 2.5]), ["1", "a", "2.5"]],
    ["toStrings nil", () => strslice(null), []],
  ])("%s", (_name, run, want) => {
    expect(run()).toEqual(want);
  });
});

describe("cast.ToBool and cast.ToString", () => {
  // cast v1.7.0 caste.go: ToBoolE parses strings with strconv.ParseBool; ToStringE formats
  // float64 with FormatFloat(f, 'f', -1, 64) and cannot convert slices or maps ("").
  it.each<[GoValue, boolean]>([
    [true, true],
    ["true", true],
    ["T", true],
    ["1", true],
    ["yes", false],
    [int(2), true],
    [0.5, true],
    [0, false],
    [null, false],
    [[int(1)], false],
  ])("toBool(%j) = %s", (v, want) => {
    expect(toBool(v)).toBe(want);
  });
  it.each<[GoValue, string]>([
    ["s", "s"],
    [1e6, "1000000"],
    [1.5, "1.5"],
    [1e-7, "0.0000001"],
    [int(-3), "-3"],
    [true, "true"],
    [null, ""],
    [[int(1)], ""],
    [new TextEncoder().encode("hi"), "hi"],
  ])("toStringCast(%j) = %j", (v, want) => {
    expect(toStringCast(v)).toBe(want);
  });
});
