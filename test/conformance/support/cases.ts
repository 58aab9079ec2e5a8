/**
 * Helpers to write cases compactly. Every document a case renders must be a
 * YAML mapping or comments only, or helm refuses the chart ("YAML parse
 * error"); single-line results are therefore printed in comments.
 */

/** Shared values: every YAML type as helm reads it (float64 numbers, 1e+06, nulls, nested maps, lists). */
export const VALUES = `str: hello
empty: ""
int: 42
bigint: 1000000
float: 1.5
exp: 1e+06
neg: -3
zero: 0
fzero: 0.0
t: true
f: false
nil: null
list: [1, two, 3.5, true, null]
strs: [b, a, c]
emptyList: []
emptyMap: {}
map: {b: 2, a: 1, c: {d: x}}
nested: {a: {b: {c: deep}}}
quoted: "123"
octal: 0755
hex: 0x1F
date: 2024-01-02
yesWord: yes
offWord: off
multiline: |
  line1
  line2
special: "a: b # c"
unicode: "héllo ✓ 日本"
html: "<a href='x'>&\\"</a>"
url: "https://user:pw@example.com:8080/p/a th?q=1&r=a b#frag"
version: 1.21.3-eks.1
`;

/**
 * One template printing each expression as `# EXPR => {{ EXPR }}`, so a diff
 * shows the expression next to its result (braces in the label are spaced
 * out so they stay text). Expressions must render to one line.
 */
export function probe(exprs: string[]): string {
  return exprs.map((e) => `# ${label(e)} => {{ ${e} }}\n`).join("");
}

function label(expr: string): string {
  return expr.replaceAll("{{", "{ {").replaceAll("}}", "} }");
}

/** Cases named NAME → `templates/NAME.yaml`; names with an extension (`_helpers.tpl`) stay as they are. */
export function templatesOf(cases: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(cases).map(([name, text]) => [name.includes(".") ? name : `${name}.yaml`, text]),
  );
}
