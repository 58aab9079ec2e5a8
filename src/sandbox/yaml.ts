/**
 * The sandbox's YAML reader, for request bodies sent as YAML (apply patches, `application/yaml`).
 * They are read with YAML 1.2's core schema, as the sandbox has always read them: only null,
 * bool, int and float are implicit, so `yes`, `2024-01-01` and `0b1` stay strings and `<<` is
 * an ordinary key. js-yaml's own core schema reads a few scalars as YAML 1.1 does (`0b1` as 1,
 * `-.5` as a string), so the four implicit types are spelled out here.
 */
import { FAILSAFE_SCHEMA, Type, load } from "js-yaml";
import type { LoadOptions } from "js-yaml";

/** A YAML 1.2 core scalar type: the plain scalars it matches and what they read as. */
function coreScalar(tag: string, pattern: RegExp, construct: (s: string) => unknown): Type {
  return new Type(`tag:yaml.org,2002:${tag}`, {
    kind: "scalar",
    resolve: (s: string) => pattern.test(s),
    construct,
  });
}

const DECIMAL_FLOAT =
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+)$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

const CORE_1_2 = FAILSAFE_SCHEMA.extend({
  implicit: [
    coreScalar("null", /^(?:~|[Nn]ull|NULL)?$/, () => null),
    coreScalar("bool", /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === "t" || s[0] === "T"),
    coreScalar("int", /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (s) =>
      s.startsWith("0o")
        ? parseInt(s.slice(2), 8)
        : s.startsWith("0x")
          ? parseInt(s.slice(2), 16)
          : parseInt(s, 10),
    ),
    coreScalar("float", new RegExp(`${DECIMAL_FLOAT.source}|${SPECIAL_FLOAT.source}`), (s) =>
      !SPECIAL_FLOAT.test(s)
        ? parseFloat(s)
        : s.toLowerCase().endsWith("nan")
          ? NaN
          : s.startsWith("-")
            ? -Infinity
            : Infinity,
    ),
  ],
});

/**
 * js-yaml refuses documents nested deeper than 100 by default; a deep CRD schema sent as an apply
 * patch can come close, and the sandbox never had such a limit, so only absurd depths are refused.
 */
const LOAD_OPTIONS: LoadOptions & { maxDepth: number } = { schema: CORE_1_2, maxDepth: 1000 };

/** More aliasing than this is refused as a resource-exhaustion attempt (a "billion laughs"). */
const MAX_ALIAS_COUNT = 100;

/**
 * One YAML document (an empty one is null). Throws on a syntax error, several documents,
 * duplicate keys, an unknown tag or excessive aliasing.
 */
export function parseYaml(text: string): unknown {
  const value = load(text, LOAD_OPTIONS);
  refuseExcessiveAliasing(value);
  return value === undefined ? null : value;
}

/**
 * The `yaml` package's maxAliasCount rule, which the sandbox applied when it read YAML with that
 * package: an anchor's occurrences (itself and its aliases), times the most aliasing found inside
 * it, may not exceed MAX_ALIAS_COUNT. js-yaml returns an aliased collection as the same object at
 * each alias, so occurrences show as shared references; aliased scalars cannot be seen (and cost
 * nothing).
 */
function refuseExcessiveAliasing(root: unknown): void {
  const occurrences = new Map<object, number>();
  const count = (v: unknown): void => {
    if (v === null || typeof v !== "object") return;
    const n = (occurrences.get(v) ?? 0) + 1;
    occurrences.set(v, n);
    if (n === 1) for (const child of Object.values(v)) count(child);
  };
  count(root);
  const inside = new Map<object, number>();
  /** The most aliasing inside a collection: 1 for a scalar, 0 for an empty collection. */
  const aliasingInside = (node: object): number => {
    const known = inside.get(node);
    if (known !== undefined) return known;
    inside.set(node, 0); // a collection that contains itself adds nothing more
    let most = 0;
    for (const child of Object.values(node)) {
      if (child === null || typeof child !== "object") most = Math.max(most, 1);
      else most = Math.max(most, aliasing(child));
    }
    inside.set(node, most);
    return most;
  };
  const aliasing = (node: object): number => {
    const n = occurrences.get(node) ?? 1;
    return n > 1 ? n * aliasingInside(node) : aliasingInside(node);
  };
  for (const [node, n] of occurrences) {
    if (n > 1 && aliasing(node) > MAX_ALIAS_COUNT) {
      throw new Error("Excessive alias count indicates a resource exhaustion attack");
    }
  }
}
