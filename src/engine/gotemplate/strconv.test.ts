import { describe, expect, it } from "vitest";
import { differences, helm4 } from "../../../test/engine/fmt/helmNotes.js";
import { sprintf } from "./fmt.js";
import {
  atoi,
  formatFloat,
  parseBool,
  parseFloat,
  parseIntBig,
  quote,
  quoteBytes,
  quoteRune,
  quoteRuneToASCII,
  quoteToASCII,
  type FloatFormat,
} from "./strconv.js";

describe("formatFloat against helm's printf", () => {
  // Ties (0.5, 0.125, 2.5), values around the %e/%f switch of %g, extremes and ordinary numbers.
  const floats = [
    0,
    1,
    -1,
    0.5,
    1.5,
    2.5,
    -2.5,
    0.125,
    0.375,
    0.05,
    0.09,
    0.9,
    1.2345,
    1.2355,
    3.14159,
    2 / 3,
    1 / 3,
    0.1,
    0.2,
    0.3,
    1e-4,
    1e-5,
    1.234e-5,
    99999.5,
    100000,
    999999,
    1e6,
    1234567.8,
    1e21,
    1e23,
    1e-7,
    123456789.125,
    1234567890123456.5,
    108678236358137.625,
    383260575764816448,
    5e-324,
    2.2250738585072014e-308,
    1.7976931348623157e308,
    2 ** 53 + 2,
    0.000123456789,
    42,
    1024,
    65535.999,
    7.0e-10,
    12345678.9,
  ];
  const formats = [
    "%v",
    "%e",
    "%E",
    "%.0e",
    "%.3e",
    "%.17e",
    "%f",
    "%.0f",
    "%.1f",
    "%.2f",
    "%.3f",
    "%.10f",
    "%.20f",
    "%g",
    "%G",
    "%.0g",
    "%.1g",
    "%.3g",
    "%.6g",
    "%.10g",
    "%.17g",
    "%.25g",
    "%#g",
    "%#.3g",
    "%x",
    "%.2x",
    "%X",
    "%b",
    "%+.4e",
    "%12.4f",
    "%-12.3g|",
    "%012.2f",
  ];
  it.skipIf(!helm4)("prints each float in each format as helm does", () => {
    const cases = floats.flatMap((f) =>
      formats.map((format) => ({
        // The shortest form reads back as the same float64 in Go.
        tpl: `printf ${JSON.stringify(format)} (float64 ${JSON.stringify(String(f))})`,
        run: () => sprintf(format, f),
      })),
    );
    const wrong = differences(cases);
    expect(wrong.slice(0, 40).join("\n"), `${wrong.length} of ${cases.length} differ`).toBe("");
  });
});

describe("formatFloat (rows of Go's strconv ftoa_test.go)", () => {
  it.each<[number, FloatFormat, number, string]>([
    [1, "e", 5, "1.00000e+00"],
    [1, "x", -1, "0x1p+00"],
    [1, "x", 5, "0x1.00000p+00"],
    [1234567.8, "g", -1, "1.2345678e+06"],
    [1234567.8, "x", -1, "0x1.2d687cccccccdp+20"],
    [200000, "X", -1, "0X1.86AP+17"],
    [2000000, "g", -1, "2e+06"],
    [400, "g", 2, "4e+02"],
    [0.00004, "g", 2, "4e-05"],
    [0, "x", 5, "0x0.00000p+00"],
    [123456700, "g", 5, "1.2346e+08"],
    [1.2345e6, "e", 3, "1.234e+06"],
    [1.2355e6, "e", 3, "1.236e+06"],
    [1.2345, "f", 3, "1.234"],
    [1234567890123456.5, "e", 15, "1.234567890123456e+15"],
    [1234567890123457.5, "e", 15, "1.234567890123458e+15"],
    [1e23, "e", 17, "9.99999999999999916e+22"],
    [1e23, "f", 17, "99999999999999991611392.00000000000000000"],
    [1e23, "f", -1, "100000000000000000000000"],
    [32, "g", 0, "3e+01"],
    [-1, "b", -1, "-4503599627370496p-52"],
    [0.05, "f", 1, "0.1"],
    [0.5, "f", 0, "0"],
    [1.5, "f", 0, "2"],
    [NaN, "g", -1, "NaN"],
    [-Infinity, "g", -1, "-Inf"],
    [2.225073858507201e-308, "g", -1, "2.225073858507201e-308"],
    [383260575764816448, "f", 0, "383260575764816448"],
    [1.5, "g", -1, "1.5"],
  ])("formatFloat(%d, %s, %d)", (f, fmt, prec, want) => {
    expect(formatFloat(f, fmt, prec)).toBe(want);
  });
  it("formats float32 values with float32's shortest digits", () => {
    expect(formatFloat(0.1, "g", -1, 32)).toBe("0.1");
    expect(formatFloat(16777217, "f", -1, 32)).toBe("16777216");
    expect(formatFloat(3.4028234663852886e38, "g", -1, 32)).toBe("3.4028235e+38");
  });
});

describe("quoting (rows of Go's quote_test.go)", () => {
  it.each<[string, string, string]>([
    ["\x07\b\f\r\n\t\v", '"\\a\\b\\f\\r\\n\\t\\v"', '"\\a\\b\\f\\r\\n\\t\\v"'],
    ["\\", '"\\\\"', '"\\\\"'],
    ["\u263a", '"☺"', '"\\u263a"'],
    ["\u{10ffff}", '"\\U0010ffff"', '"\\U0010ffff"'],
    ["\x04", '"\\x04"', '"\\x04"'],
    ["!\u00a0!\u2000!\u3000!", '"!\\u00a0!\\u2000!\\u3000!"', '"!\\u00a0!\\u2000!\\u3000!"'],
    ["\x7f", '"\\x7f"', '"\\x7f"'],
  ])("quote(%j)", (s, want, wantASCII) => {
    expect(quote(s)).toBe(want);
    expect(quoteToASCII(s)).toBe(wantASCII);
  });
  it("escapes invalid UTF-8 bytes as \\x", () => {
    expect(quoteBytes(new Uint8Array([0x61, 0x62, 0x63, 0xff, 0x64, 0x65, 0x66]))).toBe(
      '"abc\\xffdef"',
    );
  });
  it.each<[number, string, string]>([
    [0x61, "'a'", "'a'"],
    [7, "'\\a'", "'\\a'"],
    [0xff, "'ÿ'", "'\\u00ff'"],
    [0xdead, "'�'", "'\\ufffd'"],
    [0x10ffff, "'\\U0010ffff'", "'\\U0010ffff'"],
    [0x110000, "'�'", "'\\ufffd'"],
    [0x04, "'\\x04'", "'\\x04'"],
    [0xa0, "'\\u00a0'", "'\\u00a0'"],
  ])("quoteRune(%d)", (r, want, wantASCII) => {
    expect(quoteRune(r)).toBe(want);
    expect(quoteRuneToASCII(r)).toBe(wantASCII);
  });
});

/** What a parse gives: its value, or Go's error text. */
function outcome(f: () => bigint | number | boolean | string): string {
  try {
    return String(f());
  } catch (e) {
    return (e as Error).message;
  }
}

describe("parsing (rows of Go's atoi_test.go and atof_test.go)", () => {
  it.each<[string, number, string]>([
    ["", 0, 'strconv.ParseInt: parsing "": invalid syntax'],
    ["-0", 10, "0"],
    ["012345", 10, "12345"],
    ["9223372036854775807", 10, "9223372036854775807"],
    [
      "9223372036854775808",
      10,
      'strconv.ParseInt: parsing "9223372036854775808": value out of range',
    ],
    ["-9223372036854775808", 10, "-9223372036854775808"],
    ["-1_2_3_4_5", 10, 'strconv.ParseInt: parsing "-1_2_3_4_5": invalid syntax'],
    ["012345", 0, "5349"],
    ["-0X12345", 0, "-74565"],
    ["12345x", 0, 'strconv.ParseInt: parsing "12345x": invalid syntax'],
    ["holycow", 36, "38493362624"],
    ["-0x_1_2_3_4_5", 0, "-74565"],
    ["0x__12345", 0, 'strconv.ParseInt: parsing "0x__12345": invalid syntax'],
    ["0_1_2_3_4_5", 0, "5349"],
    ["012345_", 0, 'strconv.ParseInt: parsing "012345_": invalid syntax'],
    ["0x+f", 0, 'strconv.ParseInt: parsing "0x+f": invalid syntax'],
    ["0b101", 0, "5"],
    ["0o17", 0, "15"],
    ["08", 0, 'strconv.ParseInt: parsing "08": invalid syntax'],
    ["1", 1, 'strconv.ParseInt: parsing "1": invalid base 1'],
  ])("parseInt(%j, %d)", (s, base, want) => {
    expect(outcome(() => parseIntBig(s, base, 64))).toBe(want);
  });

  it.each<[string, string]>([
    ["", 'strconv.ParseFloat: parsing "": invalid syntax'],
    ["1x", 'strconv.ParseFloat: parsing "1x": invalid syntax'],
    ["1.1.", 'strconv.ParseFloat: parsing "1.1.": invalid syntax'],
    ["1e23", "1e+23"],
    ["100000000000000016777216", "1.0000000000000003e+23"],
    ["625e-3", "0.625"],
    ["0x1ep-1", "15"],
    ["-0x1_ep-1", "-15"],
    ["0x1fFe2.p0", "131042"],
    ["0x0.fp0", "0.9375"],
    ["0x1e2", 'strconv.ParseFloat: parsing "0x1e2": invalid syntax'],
    ["1p2", 'strconv.ParseFloat: parsing "1p2": invalid syntax'],
    ["-0e+01234567890123456789", "-0"],
    ["NAN", "NaN"],
    ["+INFINITY", "+Inf"],
    [
      "1.7976931348623159e308",
      'strconv.ParseFloat: parsing "1.7976931348623159e308": value out of range',
    ],
    ["0x1p1024", 'strconv.ParseFloat: parsing "0x1p1024": value out of range'],
    ["1e-400", "0"],
    ["1_000", "1000"],
    ["1__000", 'strconv.ParseFloat: parsing "1__000": invalid syntax'],
    [".e1", 'strconv.ParseFloat: parsing ".e1": invalid syntax'],
    ["+.5", "0.5"],
  ])("parseFloat(%j)", (s, want) => {
    expect(outcome(() => formatFloat(parseFloat(s), "g", -1))).toBe(want);
  });

  it("parses bools and Atoi as Go does", () => {
    expect(outcome(() => parseBool("True"))).toBe("true");
    expect(outcome(() => parseBool("yes"))).toBe(
      'strconv.ParseBool: parsing "yes": invalid syntax',
    );
    expect(outcome(() => atoi("-12"))).toBe("-12");
    expect(outcome(() => atoi("1_0"))).toBe('strconv.Atoi: parsing "1_0": invalid syntax');
  });
});

describe("hexadecimal floats (rows of Go's atof_test.go)", () => {
  it.each<[string, string]>([
    ["0x1.fffffffffffffp1023", "1.7976931348623157e+308"],
    ["0x.1fffffffffffffp1027", "1.7976931348623157e+308"],
    ["0x1.fffffffffffff7fffp1023", "1.7976931348623157e+308"],
    [
      "0x1.fffffffffffff8p1023",
      'strconv.ParseFloat: parsing "0x1.fffffffffffff8p1023": value out of range',
    ],
    ["0x1p-1074", "5e-324"],
    ["0x1p-1075", "0"],
    ["0x1.8p-1074", "1e-323"],
    ["0x1p-200", "6.223015277861142e-61"],
    ["0x1p-1022", "2.2250738585072014e-308"],
    ["0x0.fffffffffffffp-1022", "2.225073858507201e-308"],
  ])("parseFloat(%j)", (s, want) => {
    expect(outcome(() => formatFloat(parseFloat(s), "g", -1))).toBe(want);
  });
});
