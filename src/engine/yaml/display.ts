import { emitYaml, type YamlNode } from "./emitter.js";
import { v2String } from "./marshal.js";

const plain = (value: string): YamlNode => ({ kind: "scalar", value, style: "plain" });

function numberText(n: number): string {
  if (Number.isNaN(n)) return ".nan";
  if (!Number.isFinite(n)) return n > 0 ? ".inf" : "-.inf";
  return String(n);
}

function displayTree(v: unknown): YamlNode {
  if (v === undefined || v === null) return plain("null");
  if (typeof v === "string") return v2String(v);
  if (typeof v === "boolean") return plain(v ? "true" : "false");
  if (typeof v === "number") return plain(numberText(v));
  if (typeof v === "bigint") return plain(v.toString());
  if (Array.isArray(v)) return { kind: "seq", items: v.map(displayTree) };
  if (typeof v !== "object") return v2String(String(v));
  const pairs: [YamlNode, YamlNode][] = [];
  for (const [key, value] of Object.entries(v)) {
    if (value !== undefined) pairs.push([v2String(key), displayTree(value)]);
  }
  return { kind: "map", pairs };
}

/**
 * YAML for people to read and edit: diffs, the TUI's panes, the values text the user edits in
 * the TUI. The rules:
 * - keys in the object's own order (a manifest reads as it was written);
 * - goyaml.v3's layout: two-space indent, `- ` items indented under their key, no line folding;
 * - a string is double-quoted whenever helm's reader would take it for something else (`"yes"`,
 *   `"1.0"`, `"~"`, `"12:30"`, `"2024-01-01"`), multi-line strings are `|` blocks — so the text
 *   reads back, with the values-file rules, as the same value;
 * - numbers as JavaScript prints them (6, 0.5, 1e+21; .inf, .nan), undefined fields left out.
 * Ends with a line break.
 */
export function toDisplayYaml(value: unknown): string {
  return emitYaml(displayTree(value), { v3: true, indent: 2 });
}
