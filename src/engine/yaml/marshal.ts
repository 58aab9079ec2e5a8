/**
 * sigs.k8s.io/yaml.Marshal, which helm's toYaml uses: json.Marshal, then JSONToYAML — goyaml.v2
 * reads the JSON back (numbers become int or float by YAML's rules, so float64 1000000 prints as
 * 1000000 and 1e+21 as 1e+21), sorts map keys its own way (numbers inside keys compare by value)
 * and emits with yaml.v2's encoder.
 */
import type { GoValue } from "../gotemplate/value.js";
import { emitYaml, type YamlNode, type YamlScalar } from "./emitter.js";
import { formatFloatG } from "./goFloat.js";
import { JsonMarshalError, JsonNumber, toJsonTree, type JsonTree } from "./json.js";
import { plainTag, resolveScalar } from "./resolve.js";

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function isBase60Float(s: string): boolean {
  if (s === "") return false;
  const c = s[0]!;
  if (!(c === "+" || c === "-" || (c >= "0" && c <= "9")) || !s.includes(":")) return false;
  return BASE60_FLOAT.test(s);
}

const plain = (value: string): YamlNode => ({ kind: "scalar", value, style: "plain" });

/** yaml.v2 encoder's stringv: quote what would read back as something else. */
export function v2String(s: string): YamlScalar {
  if (s.includes("\n")) return { kind: "scalar", value: s, style: "literal" };
  const canUsePlain = plainTag(s) === "str" && !isBase60Float(s);
  return { kind: "scalar", value: s, style: canUsePlain ? "plain" : "double" };
}

/** A JSON number as goyaml.v2 decodes it (int, uint64 or float64) and prints it again. */
function v2Number(text: string): YamlNode {
  const r = resolveScalar("", text);
  if (r.tag === "int") return plain(r.value.toString());
  if (r.tag === "float") return plain(formatFloatG(r.value));
  return plain(text);
}

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}
function isDigit(c: string): boolean {
  return /\p{Nd}/u.test(c);
}

/** yaml.v2 sorter.go keyList.Less for two string keys (letters before other characters, digit runs by value). */
export function v2KeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== "0") {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) {
      an = an * 10n + BigInt(ar[ai]!.codePointAt(0)! - 0x30);
    }
    for (; bi < br.length && isDigit(br[bi]!); bi++) {
      bn = bn * 10n + BigInt(br[bi]!.codePointAt(0)! - 0x30);
    }
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]!.codePointAt(0)! < br[i]!.codePointAt(0)!;
  }
  return ar.length < br.length;
}

/** Raw in JSON text but refused by goyaml's reader: JSONToYAML fails, so helm's toYaml gives "". */
const YAML_CONTROL = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;

/**
 * A string as goyaml.v2 reads it back from json.Marshal's double-quoted text. JSON escapes every
 * line break but NEL (U+0085), which YAML 1.1 folds inside a quoted scalar like a newline.
 */
function throughJson(s: string): string {
  if (YAML_CONTROL.test(s)) throw new JsonMarshalError("yaml: control characters are not allowed");
  if (!s.includes("\u0085")) return s;
  return s.replace(/[ \t]*\u0085(?:[ \t]*\u0085)*[ \t]*/g, (m) => {
    const breaks = m.split("\u0085").length - 1;
    return breaks === 1 ? " " : "\n".repeat(breaks - 1);
  });
}

function v2Tree(t: JsonTree): YamlNode {
  if (t === null) return plain("null");
  if (typeof t === "boolean") return plain(t ? "true" : "false");
  if (typeof t === "string") return v2String(throughJson(t));
  if (t instanceof JsonNumber) return v2Number(t.text);
  if (Array.isArray(t)) return { kind: "seq", items: t.map(v2Tree) };
  const entries = [...t.entries].sort(([a], [b]) => (a === b ? 0 : v2KeyLess(a, b) ? -1 : 1));
  return {
    kind: "map",
    pairs: entries.map(([k, v]) => [v2String(throughJson(k)), v2Tree(v)]),
  };
}

/**
 * sigs.k8s.io/yaml.Marshal(v): YAML text with its final line break (helm's toYaml trims it).
 * Throws JsonMarshalError with sigs.k8s.io/yaml's text for values JSON cannot hold (NaN, ±Inf,
 * functions): "error marshaling into JSON: json: unsupported value: NaN".
 */
export function toHelmYaml(v: GoValue): string {
  let tree: JsonTree;
  try {
    tree = toJsonTree(v);
  } catch (err) {
    if (err instanceof JsonMarshalError) {
      throw new JsonMarshalError(`error marshaling into JSON: ${err.message}`);
    }
    throw err;
  }
  return emitYaml(v2Tree(tree));
}
