/**
 * The YAML module against the real helm 4 binary: every expected string below is what helm
 * printed at test time (skipped when helm 4 is not available).
 */
import { describe, expect, it } from "vitest";
import type { GoValue } from "../../src/engine/gotemplate/value.js";
import { marshalJson } from "../../src/engine/yaml/json.js";
import { HelmYamlError, readHelmValues, readHelmYaml } from "../../src/engine/yaml/index.js";
import { yamlFuncs } from "../../src/engine/yaml/templateFuncs.js";
import { helmBinary, helmError, helmRender } from "./helmOracle.js";

const call = (name: string, ...args: GoValue[]): GoValue => yamlFuncs[name]!.fn(...args);

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sortDeep(o[k])]),
    );
  }
  return v;
}

/** Shapes of values toYaml meets; sent to helm as JSON (which YAML reads as it is). */
const SHAPES: Record<string, unknown> = {
  long: "word ".repeat(30).trim(),
  long2: ("x".repeat(70) + " " + "y".repeat(20) + " z").repeat(3),
  longQuoted: "true " + "a".repeat(90) + " b",
  longSingle: "'" + "a ".repeat(60),
  longKeys: { ["k".repeat(130)]: 1, ["a b ".repeat(40)]: 2 },
  numbers: [1, 0.1, 1e6, 1e21, 1e20, 1e-7, -0, 123456789012, 1.5e300, 12345678901234567000, 3.0],
  lookAlikes: [
    "true",
    "yes",
    "on",
    "no",
    "y",
    "N",
    "1",
    "1.5",
    "0777",
    "1_000",
    "2001-12-14",
    "2001-12-14 21:59:43",
    "~",
    "null",
    "",
    " lead",
    "trail ",
    "1:20",
    "-",
    "- x",
    "#c",
    "a #b",
    "a: b",
    "a:b",
    "*x",
    "&y",
    "!t",
    "%p",
    "@a",
    "`b",
    "{x}",
    "[y]",
    "'q'",
    '"d"',
    "?",
    "? x",
    "---",
    "...",
    "0x1F",
    "0o17",
    ".inf",
    "-.inf",
    ".nan",
    "+1",
    "1e3",
    "08",
    "0b2",
  ],
  multiLine: [
    "a\nb",
    "a\nb\n",
    "a\nb\n\n",
    "\nlead",
    "  spaces\nx",
    "tab\there",
    "trail \nx",
    "x\n ",
    "\n",
    "\n\n",
    "a\r\nb",
  ],
  unicode: [
    "héllo",
    "日本語",
    "emoji 😀",
    "nbsp\u00a0x",
    "\u2028",
    "bom\ufeff",
    "\ufeffbom",
    "c1\u0085",
    "<>&",
  ],
  empty: { m: {}, l: [], n: null, s: "" },
  nested: [{ a: 1, b: [1, 2, { c: [] }] }, [1, [2, 3]], [], {}],
  keys: {
    a10: 1,
    a9: 2,
    a09: 3,
    A: 4,
    b: 5,
    _x: 6,
    "1": 7,
    "10": 8,
    "2": 9,
    true: 10,
    "": 11,
    é: 12,
    "a b": 13,
    "x.y": 14,
    "k:v": 15,
    "-": 16,
  },
};
// Characters YAML may not hold raw are sent escaped.
const SHAPES_TEXT = JSON.stringify(SHAPES).replace(
  /[\u007f-\u009f\u2028\ufeff]/g,
  (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
);

const VALUES_TYPING = `
a: 1
<<: {a: 2, b: 3}
c: &x {p: 1}
d:
  q: 5
  <<: [*x, {p: 9, q: 8, r: 7}]
dup: 1
dup: 2
yes: on
Off: N
1: one
1.5: x
3.14159265358979: pi
0777: 0777
u: 1_000
o: 0o17
b2: 0b101
h: 0x1F
e8: 08
t: 2001-12-14
big: 12345678901234567890
f: 1e3
dot: 1.
bin: !!binary aGVsbG8=
tagged: !foo bar
str: !!str 12
flt: !!float 3
nul: ~
empty:
y: [1, -0b11, +12, 1_0.5, .5, 1e400, "1", 2020-02-30]
`;

describe.skipIf(!helmBinary)("YAML as helm 4 reads and writes it", () => {
  it("types values.yaml as helm does (YAML 1.1, merge order, keys)", () => {
    const helm = helmRender({ v: "{{ toJson .Values }}" }, VALUES_TYPING);
    expect(marshalJson(readHelmValues(VALUES_TYPING) as GoValue)).toBe(helm.v);
  });

  it("merges the documents of a values file", () => {
    const text = "a: 1\nm: {x: 1}\n---\nb: 2\nm: {y: 2}\n---\n# only a comment\n";
    const helm = helmRender({ v: "{{ toJson .Values }}" }, text);
    expect(marshalJson(readHelmValues(text) as GoValue)).toBe(helm.v);
  });

  it.each([
    ["a: 1\nb\nc: 2\n"],
    ["a:\n  b: 1\n c: 2\n"],
    ["a: *x\n"],
    ["a: !!int foo\n"],
    ["null: 1\n"],
    ["a: .inf\n"],
    ["a: 1\n--- x\n"],
    ['a: "x\n'],
    ["a: &a [1, *a]\n"],
    ["foo\n"],
    ["- a\n"],
  ])("reports %j as helm does", (text) => {
    const helm = helmError(text).replace(
      /^Error: INSTALLATION FAILED: cannot load values.yaml: /,
      "",
    );
    expect(() => readHelmValues(text)).toThrow(HelmYamlError);
    try {
      readHelmValues(text);
    } catch (err) {
      expect((err as Error).message).toBe(helm);
    }
  });

  it("writes toYaml, toYamlPretty and toJson as helm does", () => {
    const cases: Record<string, string> = {};
    for (const k of Object.keys(SHAPES)) {
      cases[`y_${k}`] = `{{ toYaml .Values.${k} }}`;
      cases[`p_${k}`] = `{{ toYamlPretty .Values.${k} }}`;
      cases[`j_${k}`] = `{{ toJson .Values.${k} }}`;
    }
    cases.all = "{{ toYaml .Values }}";
    const helm = helmRender(cases, SHAPES_TEXT);
    const values = readHelmValues(SHAPES_TEXT) as Record<string, GoValue>;
    const mine: Record<string, string> = { all: call("toYaml", values) as string };
    for (const k of Object.keys(SHAPES)) {
      mine[`y_${k}`] = call("toYaml", values[k]) as string;
      mine[`p_${k}`] = call("toYamlPretty", values[k]) as string;
      mine[`j_${k}`] = call("toJson", values[k]) as string;
    }
    expect(mine).toEqual(helm);
  });

  it("toToml and fromToml as helm's BurntSushi/toml", () => {
    const values = `a: 1\nb: 1.5\nbig: 1000000\ns: "q\\"\\n"\nlist: [1, x]\nemptyl: []\nemptym: {}
nested: {x: 1, deeper: {z: 1}, arr: [{k: 1}, {k: 2}]}\nmixed: [1, {a: 2}]\n"key with space": 1\nn: ~\n`;
    const tomls = [
      "a = 1\nb = 'x'\n[t]\nc = [1, 2.5]\ne = 0x1F\n",
      "a = ",
      "[a.b]\nc = 1\n[[d]]\ne = \"x\\ty\"\n[[d]]\ne = '''\nm\nl'''\n",
      "x = {y = 1, z = [true]}\n",
      "a = 1\na = 2\n",
    ];
    const cases: Record<string, string> = {
      all: "{{ toToml .Values }}",
      nested: "{{ toToml .Values.nested }}",
      list: "{{ toToml .Values.list }}",
    };
    tomls.forEach((t, i) => (cases[`from${i}`] = `{{ fromToml ${JSON.stringify(t)} | toJson }}`));
    const helm = helmRender(cases, values);
    const v = readHelmValues(values) as Record<string, GoValue>;
    const mine: Record<string, string> = {
      all: call("toToml", v) as string,
      nested: call("toToml", v.nested) as string,
      list: call("toToml", v.list) as string,
    };
    tomls.forEach((t, i) => (mine[`from${i}`] = call("toJson", call("fromToml", t)) as string));
    expect(mine).toEqual(helm);
  });

  it("fromYaml, fromYamlArray, fromJson, fromJsonArray with helm's error texts", () => {
    const json = [
      '{"a":1}',
      '{"a":1,}',
      "[1]",
      '"x"',
      '{"a" 1}',
      "{a:1}",
      "",
      "nul",
      '{"a":"\\q"}',
      '{"a":1} x',
      '{"a":[1 2]}',
      "1e400",
      '{"a":1e400}',
      '{"a":"x\\u00e9<>&\\u2028"}',
    ];
    const yaml = [
      "a: 1",
      "- 1",
      "x",
      "a: [",
      "",
      "a: .inf",
      "[1, 2]",
      "a: 1\n---\nb: [",
      "a: !!binary eA==",
    ];
    const cases: Record<string, string> = {};
    const mine: Record<string, string> = {};
    json.forEach((s, i) => {
      cases[`j${i}`] = `{{ fromJson ${JSON.stringify(s)} | toJson }}`;
      cases[`ja${i}`] = `{{ fromJsonArray ${JSON.stringify(s)} | toJson }}`;
      mine[`j${i}`] = call("toJson", call("fromJson", s)) as string;
      mine[`ja${i}`] = call("toJson", call("fromJsonArray", s)) as string;
    });
    yaml.forEach((s, i) => {
      cases[`y${i}`] = `{{ fromYaml ${JSON.stringify(s)} | toJson }}`;
      cases[`ya${i}`] = `{{ fromYamlArray ${JSON.stringify(s)} | toJson }}`;
      mine[`y${i}`] = call("toJson", call("fromYaml", s)) as string;
      mine[`ya${i}`] = call("toJson", call("fromYamlArray", s)) as string;
    });
    expect(mine).toEqual(helm(cases));
  });

  it("refuses the billion-laughs document as helm does", () => {
    expect(helmError(BOMB)).toContain("yaml: document contains excessive aliasing");
  });
});

function helm(cases: Record<string, string>): Record<string, string> {
  return helmRender(cases);
}

let BOMB = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
for (let i = 1; i < 10; i++)
  BOMB += `a${i}: &a${i} [${Array(9)
    .fill(`*a${i - 1}`)
    .join(",")}]\n`;

describe("YAML reading limits", () => {
  it("refuses an alias bomb before expanding it", () => {
    expect(() => readHelmValues(BOMB)).toThrow("document contains excessive aliasing");
  });

  it("refuses a bomb of merge keys and nested maps too", () => {
    let doc = "m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}\n";
    for (let i = 1; i < 12; i++) {
      doc += `m${i}: &m${i} {${Array.from({ length: 9 }, (_, k) => `k${k}: *m${i - 1}`).join(", ")}}\n`;
    }
    expect(() => readHelmYaml(doc)).toThrow("document contains excessive aliasing");
  });

  it("refuses input over the size limit", () => {
    expect(() => readHelmYaml("a: 1\n".repeat(100), { maxBytes: 100, source: "v.yaml" })).toThrow(
      "v.yaml: YAML input is larger than the 100 bytes allowed",
    );
  });

  it("reads only the first document, as yaml.v2's Unmarshal", () => {
    expect(readHelmYaml("a: 1\n---\nb: [\n")).toEqual({ a: 1 });
    expect(readHelmYaml("# c\n---\na: 1\n")).toEqual({ a: 1 });
  });

  it("keeps __proto__ an ordinary key", () => {
    const v = readHelmYaml("__proto__: {polluted: 1}\n") as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(sortDeep(v)).toBeTruthy();
  });
});
