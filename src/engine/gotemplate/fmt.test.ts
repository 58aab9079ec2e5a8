import { describe, expect, it } from "vitest";
import { differences, helm4 } from "../../../test/engine/fmt/helmNotes.js";
import { formatIndirect, formatValue, sprint, sprintf, sprintln } from "./fmt.js";
import { GoInt, GoObject, int, int64, typedMap, typedSlice, type GoValue } from "./value.js";
import type { FmtStruct } from "./fmt.js";

/** An operand both as template syntax (what helm evaluates) and as our value. */
interface Arg {
  tpl: string;
  js: GoValue;
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

const ARGS: Record<string, Arg> = {
  int: { tpl: "42", js: int(42) },
  negint: { tpl: "-7", js: int(-7) },
  zeroint: { tpl: "0", js: int(0) },
  rune: { tpl: "233", js: int(233) },
  int64: { tpl: "(int64 255)", js: int64(255) },
  // semver's Major() is a uint64: the one unsigned integer templates meet.
  uint64: { tpl: '(semver "233.2.3").Major', js: new GoInt(233, "uint64") },
  float: { tpl: "3.14159", js: 3.14159 },
  floatint: { tpl: '(float64 "100000")', js: 100000 },
  floatbig: { tpl: '(float64 "1e6")', js: 1e6 },
  floatsmall: { tpl: '(float64 "1e-5")', js: 1e-5 },
  floatneg: { tpl: "-2.5", js: -2.5 },
  floatzero: { tpl: '(float64 "0")', js: 0 },
  inf: { tpl: '(float64 "+Inf")', js: Infinity },
  nan: { tpl: '(float64 "NaN")', js: NaN },
  str: { tpl: '"hi"', js: "hi" },
  strU: { tpl: '"héllo, 世界"', js: "héllo, 世界" },
  strEsc: { tpl: '"a\\"b\\n\\t`\\x01"', js: 'a"b\n\t`\x01' },
  empty: { tpl: '""', js: "" },
  true: { tpl: "true", js: true },
  false: { tpl: "false", js: false },
  nil: { tpl: "nil", js: null },
  list: {
    tpl: '(list 1 "x" 2.5 nil (list 3) (dict "k" "v"))',
    js: [int(1), "x", 2.5, null, [int(3)], { k: "v" }],
  },
  strs: { tpl: '(splitList "," "a,b")', js: typedSlice(["a", "b"], "[]string") },
  emptyList: { tpl: "(list)", js: [] },
  dict: { tpl: '(dict "b" 2 "a" "x" "c" nil)', js: { b: int(2), a: "x", c: null } },
  values: { tpl: ".Values.m", js: { a: 1, b: "x", l: [1, "z"] } },
  bytes: { tpl: '(.Files.GetBytes "hi.txt")', js: bytes("hi") },
};

const VERBS = "v T t d b o O x X c q U e E f F g G s".split(" ");
const FLAGS = ["", "+", "-8", "08", "#", " ", ".2", "8.3", "-#10", "+08.3", "+#"];

/** Formats that exercise indexes, `*`, and the error forms. */
const SPECIAL: Array<[string, string[]]> = [
  ["%[2]d %[1]d", ["int", "negint"]],
  ["%[3]d", ["int", "negint"]],
  ["%[0]d", ["int"]],
  ["%[x]d", ["int"]],
  ["%[2]*[1]d", ["int", "int64"]],
  ["%*d|%-*d", ["int64", "int", "uint64", "int"]],
  ["%.*d", ["uint64", "int"]],
  ["%*d", ["rune", "int"]],
  ["%-*d|", ["rune", "int"]],
  ["%*d", ["float", "int"]],
  ["%.*f", ["int", "float"]],
  ["%.*f", ["negint", "float"]],
  ["%d %d", ["int"]],
  ["%d", ["int", "str", "nil"]],
  ["%", []],
  ["%!", []],
  ["%z", ["int"]],
  ["%5%", []],
  ["%.d", ["zeroint"]],
  ["%5.d|", ["zeroint"]],
  ["%-05d|", ["negint"]],
  ["%+q", ["strU"]],
  ["%#q", ["strU"]],
  ["%#q", ["strEsc"]],
  ["%x", ["strU"]],
  ["% x", ["strU"]],
  ["% #X", ["str"]],
  ["%.1x", ["strU"]],
  ["%08.3f", ["floatneg"]],
  ["% .3e", ["float"]],
  ["%#g", ["floatbig"]],
  ["%#.3g", ["float"]],
  ["%#x", ["float"]],
  ["%.3x", ["float"]],
  ["%b", ["float"]],
  ["%10.4v|", ["strU"]],
  ["%-10v|", ["list"]],
  ["%6.2f", ["list"]],
  ["%#U", ["rune"]],
  ["%.6U", ["rune"]],
  ["%c", ["negint"]],
  ["%q", ["negint"]],
  ["%[1]d %v", ["int", "str"]],
  ["%v %[1]v", ["int", "str"]],
  ["%s", ["int", "str", "nil", "list"]],
  ["%v", ["int", "true", "nil", "bytes"]],
  ["%", ["int"]],
  ["%-", ["int"]],
  ["%.", ["int"]],
  ["%[1]", ["int"]],
  ["%é", ["int"]],
  ["%08q", ["str"]],
  ["%-08s|", ["str"]],
  ["%010v", ["inf"]],
  ["%+v", ["nan"]],
  ["% v", ["nan"]],
  ["%+.3e", ["floatzero"]],
  ["%.0f %.0f %.0f %.1f %.2f", ["float", "floatneg", "floatint", "floatneg", "float"]],
];

interface Case {
  tpl: string;
  run: () => string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const verb of VERBS) {
    for (const flags of FLAGS) {
      for (const arg of Object.values(ARGS)) {
        const format = "%" + flags + verb;
        out.push({
          tpl: `printf ${JSON.stringify(format)} ${arg.tpl}`,
          run: () => sprintf(format, arg.js),
        });
      }
    }
  }
  for (const [format, names] of SPECIAL) {
    const args = names.map((n) => ARGS[n]!);
    out.push({
      tpl: `printf ${JSON.stringify(format)} ${args.map((a) => a.tpl).join(" ")}`,
      run: () => sprintf(format, ...args.map((a) => a.js)),
    });
  }
  const printArgs: string[][] = [
    ["int", "int"],
    ["int", "str", "int"],
    ["str", "str"],
    ["nil", "float", "strs"],
    ["list", "dict", "values", "bytes"],
    ["true", "empty", "false"],
  ];
  for (const names of printArgs) {
    const args = names.map((n) => ARGS[n]!);
    const tplArgs = args.map((a) => a.tpl).join(" ");
    const js = args.map((a) => a.js);
    out.push({ tpl: `print ${tplArgs}`, run: () => sprint(...js) });
    out.push({ tpl: `println ${tplArgs}`, run: () => sprintln(...js) });
  }
  // What `{{ value }}` prints (text/template's printValue is fmt.Fprint of the value).
  for (const name of [
    "float",
    "floatint",
    "floatbig",
    "floatsmall",
    "list",
    "dict",
    "values",
    "bytes",
    "strs",
  ]) {
    const a = ARGS[name]!;
    out.push({ tpl: a.tpl, run: () => formatValue(a.js) });
  }
  return out;
}

describe("fmt against helm", () => {
  it.skipIf(!helm4)("prints every verb × flag × value as helm does", () => {
    const all = cases();
    const wrong = differences(all);
    expect(wrong.slice(0, 60).join("\n"), `${wrong.length} of ${all.length} differ`).toBe("");
  });
});

/** Expectations recorded from helm 4.1.4 (so the module is checked even where helm is absent). */
describe("fmt (recorded helm output)", () => {
  const rows: Array<[string, GoValue[], string]> = [
    ["%d|%5.2f|%v|%v", [int(3), 3.14159, 1e6, 1e-5], "3| 3.14|1e+06|1e-05"],
    ["%v", [{ a: 1, b: "x" }], "map[a:1 b:x]"],
    ["%06s|%-6s|%x", ["ab", "ab", "ab"], "0000ab|ab    |6162"],
    ["%v|%s|%x|%q", [bytes("hi"), bytes("hi"), bytes("hi"), bytes("hi")], '[104 105]|hi|6869|"hi"'],
    [
      "%#v|%#v|%T",
      [[int(1), "x", null], { a: int(1) }, [int(1)]],
      '[]interface {}{1, "x", interface {}(nil)}|map[string]interface {}{"a":1}|[]interface {}',
    ],
  ];
  it.each(rows)("sprintf(%j)", (format, args, want) => {
    expect(sprintf(format, ...args)).toBe(want);
  });
});

class Point extends GoObject implements FmtStruct {
  readonly goType = "*main.Point";
  format(): string {
    return "&{1 2}";
  }
  fmtFields(): Array<[string, GoValue]> {
    return [
      ["X", int(1)],
      ["Y", int(2)],
    ];
  }
}
class Version extends GoObject {
  readonly goType = "*semver.Version";
  format(): string {
    return "1.2.3";
  }
}

describe("fmt of Go objects", () => {
  it("prints structs with field names for %+v and Go syntax for %#v", () => {
    expect(sprintf("%v|%+v|%#v", new Point(), new Point(), new Point())).toBe(
      "&{1 2}|&{X:1 Y:2}|&main.Point{X:1, Y:2}",
    );
  });
  it("prints a pointer to a struct without & where text/template dereferences it", () => {
    expect(formatValue(new Point())).toBe("&{1 2}");
    expect(formatIndirect(new Point())).toBe("{1 2}");
    // Inside a container Go prints a pointer as its address.
    expect(formatIndirect([new Point()])).toMatch(/^\[0xc[0-9a-f]+\]$/);
  });
  it("prints Stringers through their text", () => {
    expect(
      sprintf(
        "%v|%s|%q|%8v|%T",
        new Version(),
        new Version(),
        new Version(),
        new Version(),
        new Version(),
      ),
    ).toBe('1.2.3|1.2.3|"1.2.3"|   1.2.3|*semver.Version');
    expect(
      sprint([new Version()], typedMap({ v: new Version() }, "map[string]*semver.Version")),
    ).toBe("[1.2.3] map[v:1.2.3]");
  });
});
