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

/**
 * The largest YAML body read: a real API server refuses request bodies over 3 MiB
 * (MaxRequestBodyBytes) before it decodes them.
 */
export const MAX_YAML_BYTES = 3 * 1024 * 1024;

/**
 * One YAML document (an empty one is null), with every alias expanded: the result shares no
 * objects. Throws on a syntax error, several documents, duplicate keys, an unknown tag, a body
 * over MAX_YAML_BYTES or excessive aliasing.
 */
export function parseYaml(text: string): unknown {
  if (Buffer.byteLength(text) > MAX_YAML_BYTES)
    throw new Error(`yaml: input is larger than the ${MAX_YAML_BYTES} bytes allowed`);
  // An alias needs an anchor to point at: without both, js-yaml shares nothing.
  if (!(text.includes("&") && text.includes("*"))) return load(text, LOAD_OPTIONS) ?? null;
  const anchors = new Map<object, string>();
  const value = load(text, {
    ...LOAD_OPTIONS,
    listener: (event, state) => {
      const { anchor, result } = state as unknown as { anchor: string | null; result: unknown };
      if (event === "close" && anchor !== null && typeof result === "object" && result !== null)
        anchors.set(result, anchor);
    },
  });
  return expandAliases(value, anchors) ?? null;
}

/**
 * go-yaml's alias budget (decode.go: allowedAliasRatio), which the API server's YAML decoding
 * (sigs.k8s.io/yaml) applies: each decoded node is a step, a step through an alias (the alias
 * and everything under its anchor) an aliased one; past 100 aliased steps and 1,000 in all, the
 * aliased share may not pass 99% up to 400,000 steps, falling to 10% at 4,000,000.
 */
function allowedAliasRatio(steps: number): number {
  if (steps <= 400_000) return 0.99;
  if (steps >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((steps - 400_000) / 3_600_000);
}

/** The API server's words, after its "error decoding YAML: ". */
const EXCESSIVE = "error converting YAML to JSON: yaml: document contains excessive aliasing";

/**
 * A copy of `root` with every alias expanded, counted under go-yaml's budget as it is copied: each
 * node (mapping keys too) one step, an alias one more, every step under an alias aliased. js-yaml
 * returns an alias as the very object of its anchor, so an alias is told from its anchor by where
 * it is reached from: the anchor from its first parent and key, an alias from anywhere else.
 * Without the copy a stored object would share parts with itself, and a billion-laughs body would
 * be expanded by whatever walked it next (JSON.stringify, the state file).
 */
function expandAliases(root: unknown, anchors: Map<object, string>): unknown {
  let steps = 0;
  let aliased = 0;
  const step = (throughAlias: boolean): void => {
    steps++;
    if (throughAlias) aliased++;
    if (aliased > 100 && steps > 1000 && aliased / steps > allowedAliasRatio(steps))
      throw new Error(EXCESSIVE);
  };
  const homes = new Map<object, { parent: object | null; key: string | number }>();
  const isAlias = (node: object, parent: object | null, key: string | number): boolean => {
    const home = homes.get(node);
    if (home === undefined) homes.set(node, { parent, key });
    return home !== undefined && (home.parent !== parent || home.key !== key);
  };
  const open = new Set<object>();
  const walk = (
    node: unknown,
    aliasDepth: number,
    parent: object | null,
    at: string | number,
  ): unknown => {
    step(aliasDepth > 0);
    if (node === null || typeof node !== "object") return node;
    if (open.has(node))
      throw new Error(
        `error converting YAML to JSON: yaml: anchor '${anchors.get(node) ?? ""}' value contains itself`,
      );
    let inAlias = aliasDepth;
    if (isAlias(node, parent, at)) {
      inAlias++;
      step(true);
    }
    open.add(node);
    try {
      if (Array.isArray(node)) return node.map((item, i) => walk(item, inAlias, node, i));
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        step(inAlias > 0); // the key
        const value = walk(child, inAlias, node, key);
        if (key === "__proto__")
          Object.defineProperty(out, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else out[key] = value;
      }
      return out;
    } finally {
      open.delete(node);
    }
  };
  return walk(root, 0, null, "");
}
