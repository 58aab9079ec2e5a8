import { CORE_SCHEMA } from "js-yaml";
import { emitYaml, type YamlNode } from "./emitter.js";
import { loadYaml } from "./load.js";
import { v2String } from "./marshal.js";
import { analyzeScalar, codePoints } from "./scalarAnalysis.js";

/**
 * What the text is, which decides the reader whose typing says which strings need quotes: values
 * are read as helm reads values files (YAML 1.1: `yes`, `0777`, `12:30` are not strings), a
 * manifest as readManifestYaml reads it (YAML 1.2 core).
 */
export type DisplayedAs = "values" | "manifest";

const plain = (value: string): YamlNode => ({ kind: "scalar", value, style: "plain" });

function coreReadsAsItself(s: string): boolean {
  try {
    return loadYaml(s, { schema: CORE_SCHEMA }) === s;
  } catch {
    return false;
  }
}

function stringNode(s: string, as: DisplayedAs): YamlNode {
  const helm = v2String(s);
  if (helm.style === "literal") return helm;
  const typedAsString = as === "values" ? helm.style === "plain" : coreReadsAsItself(s);
  if (typedAsString && analyzeScalar(codePoints(s)).blockPlain) return plain(s);
  const style = s.includes('"') && !s.includes("'") ? "single" : "double";
  return { kind: "scalar", value: s, style };
}

function numberText(n: number): string {
  if (Number.isNaN(n)) return ".nan";
  if (!Number.isFinite(n)) return n > 0 ? ".inf" : "-.inf";
  return String(n);
}

function displayTree(v: unknown, as: DisplayedAs): YamlNode {
  if (v === undefined || v === null) return plain("null");
  if (typeof v === "string") return stringNode(v, as);
  if (typeof v === "boolean") return plain(v ? "true" : "false");
  if (typeof v === "number") return plain(numberText(v));
  if (typeof v === "bigint") return plain(v.toString());
  if (Array.isArray(v)) return { kind: "seq", items: v.map((item) => displayTree(item, as)) };
  if (typeof v !== "object") return stringNode(String(v), as);
  const pairs: [YamlNode, YamlNode][] = [];
  for (const [key, value] of Object.entries(v)) {
    if (value !== undefined) pairs.push([stringNode(key, as), displayTree(value, as)]);
  }
  return { kind: "map", pairs };
}

/**
 * YAML for people to read and edit: diffs of manifests, the TUI's values pane, the values text
 * the user edits in the TUI (and the Handlebars engine's toYaml, which lands in a manifest).
 * The rules:
 * - keys in the object's own order (a manifest reads as it was written);
 * - goyaml.v3's layout: two-space indent, `- ` items indented under their key, no line folding;
 * - a string is plain when the reader for what it is (`as`) takes it for the same string, else
 *   double-quoted (single-quoted when it holds `"` and no `'`): `"yes"`,
 *   `"1.0"`, `"~"`, `"12:30"`, `"a: b"`; multi-line strings are `|` blocks — so the text reads
 *   back as the same value;
 * - numbers as JavaScript prints them (6, 0.5, 1e+21; .inf, .nan), undefined fields left out.
 * Ends with a line break.
 */
export function toDisplayYaml(value: unknown, as: DisplayedAs): string {
  return emitYaml(displayTree(value, as), { v3: true, indent: 2 });
}
