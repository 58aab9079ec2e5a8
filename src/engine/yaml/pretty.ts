/**
 * helm's toYamlPretty: goyaml.v3's encoder with SetIndent(2), on the Go value itself (no JSON
 * step): float64 prints in Go's %g form (1000000 → 1e+06), sequences are indented under their
 * key, and strings that YAML 1.1 would read as booleans (yes, on, n…) are still quoted.
 */
import { GoInt, GoObject, isGoFunction, type GoMap, type GoValue } from "../gotemplate/value.js";
import { emitYaml, type YamlNode } from "./emitter.js";
import { formatFloatG } from "./goFloat.js";
import { JsonMarshalError } from "./json.js";
import { v2KeyLess, v2String } from "./marshal.js";

const plain = (value: string): YamlNode => ({ kind: "scalar", value, style: "plain" });

function v3Tree(v: GoValue, depth: number): YamlNode {
  if (depth > 1000) throw new JsonMarshalError("yaml: value nested too deeply");
  if (v === undefined || v === null) return plain("null");
  if (typeof v === "string") return v2String(v);
  if (typeof v === "boolean") return plain(v ? "true" : "false");
  if (typeof v === "number") {
    const s = formatFloatG(v);
    return plain(s === "+Inf" ? ".inf" : s === "-Inf" ? "-.inf" : s === "NaN" ? ".nan" : s);
  }
  if (v instanceof GoInt) return plain(String(Math.trunc(v.value)));
  if (v instanceof Uint8Array) return { kind: "seq", items: [...v].map((b) => plain(String(b))) };
  if (Array.isArray(v)) return { kind: "seq", items: v.map((item) => v3Tree(item, depth + 1)) };
  if (v instanceof GoObject) {
    const view = v.toGo();
    if (view === undefined) throw new JsonMarshalError(`cannot marshal type: ${v.goType}`);
    return v3Tree(view, depth + 1);
  }
  if (isGoFunction(v)) throw new JsonMarshalError("cannot marshal type: func()");
  const map = v as GoMap;
  const keys = Object.keys(map).sort((a, b) => (a === b ? 0 : v2KeyLess(a, b) ? -1 : 1));
  return { kind: "map", pairs: keys.map((k) => [v2String(k), v3Tree(map[k], depth + 1)]) };
}

/** goyaml.v3 Encoder{SetIndent(2)}.Encode(v): the text with its final line break. */
export function toHelmYamlPretty(v: GoValue): string {
  return emitYaml(v3Tree(v, 0), { v3: true, indent: 2 });
}
