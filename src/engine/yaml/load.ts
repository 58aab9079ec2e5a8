/**
 * The one place js-yaml's `load` is called (test/yaml/aliasLimits.test.ts checks that no other
 * module does), so every YAML text wheelhouse reads has the same limits:
 * - size: a text over `maxBytes` (default 64 MiB) is refused before it is parsed;
 * - merge keys: js-yaml copies merged keys while parsing; the copies are capped at what go-yaml's
 *   alias budget allows (js-yaml's own default, 10,000, refuses documents helm reads);
 * - aliases: js-yaml returns an alias as the very object of its anchor, so parsing never expands
 *   one — whatever walks the result does (JSON.stringify of a billion-laughs manifest ran for
 *   162 s and 2.4 GB). So the tree is expanded here, under go-yaml's alias budget
 *   (./aliasBudget.js), and what is returned shares no objects; an anchor that contains its own
 *   alias is refused. `expand: false` is for the helm reader, which counts as it decodes.
 * Errors are js-yaml's YAMLException (`reason`, and `mark` when it has a place).
 */
import { load, YAMLException, type LoadOptions } from "js-yaml";
import { AliasBudget, AliasHomes, EXCESSIVE_ALIASING, mergeKeyBudget } from "./aliasBudget.js";
import { DEFAULT_MAX_YAML_BYTES } from "./errors.js";

/** What a parse listener sees of js-yaml's state when a node closes. */
export interface NodeEvent {
  anchor: string | null;
  result: unknown;
}

export interface YamlLoadOptions extends Omit<LoadOptions, "listener"> {
  /** Refuse longer texts (bytes of UTF-8; default 64 MiB). */
  maxBytes?: number;
  /** Expand aliases under the budget (default true); false when the caller counts them itself. */
  expand?: boolean;
  /** js-yaml's nesting limit (default 100). */
  maxDepth?: number;
  listener?: (event: "open" | "close", state: NodeEvent) => void;
}

/** Nesting allowed once aliases are expanded (readers of the tree recurse over it). */
const MAX_EXPANDED_DEPTH = 1000;

/** Parses one YAML document under the limits above. Throws YAMLException. */
export function loadYaml(text: string, options: YamlLoadOptions = {}): unknown {
  const { maxBytes = DEFAULT_MAX_YAML_BYTES, expand = true, ...loadOptions } = options;
  // Cheap bound first: a UTF-16 length above max*1 can still be under max bytes only if ASCII.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes))
    throw new YAMLException(`YAML input is larger than the ${maxBytes} bytes allowed`);
  // An alias needs an anchor (`&name`) to point at: without both, nothing is shared.
  const aliased = expand && text.includes("&") && text.includes("*");
  const anchors = new Map<object, string>();
  const listener = loadOptions.listener;
  const value = load(text, {
    ...loadOptions,
    maxTotalMergeKeys: mergeKeyBudget(text.length),
    ...(aliased
      ? {
          listener: (event: "open" | "close", state: NodeEvent) => {
            if (event === "close" && state.anchor !== null && typeof state.result === "object")
              if (state.result !== null) anchors.set(state.result, state.anchor);
            listener?.(event, state);
          },
        }
      : {}),
  } as LoadOptions);
  return aliased ? expandAliases(value, anchors) : value;
}

/**
 * A copy of `root` in which every alias is expanded, counted as go-yaml's decoder counts: each
 * node (mapping keys too) one step, an alias one more, and every step under an alias aliased.
 */
function expandAliases(root: unknown, anchors: Map<object, string>): unknown {
  const budget = new AliasBudget();
  const homes = new AliasHomes();
  const open = new Set<object>();
  const step = (throughAlias: boolean): void => {
    if (!budget.spend(throughAlias)) throw new YAMLException(EXCESSIVE_ALIASING);
  };
  type Key = string | number;
  const walk = (
    node: unknown,
    aliasDepth: number,
    depth: number,
    parent: object | null,
    at: Key,
  ): unknown => {
    step(aliasDepth > 0);
    if (node === null || typeof node !== "object") return node;
    if (open.has(node))
      throw new YAMLException(`anchor '${anchors.get(node) ?? ""}' value contains itself`);
    if (depth > MAX_EXPANDED_DEPTH)
      throw new YAMLException(`nesting exceeds ${MAX_EXPANDED_DEPTH} levels once aliases expand`);
    let inAlias = aliasDepth;
    if (homes.isAlias(node, parent, at)) {
      inAlias++;
      step(true);
    }
    open.add(node);
    try {
      if (Array.isArray(node))
        return node.map((item, i) => walk(item, inAlias, depth + 1, node, i));
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        step(inAlias > 0); // the key: go-yaml decodes it as a node of its own
        const value = walk(child, inAlias, depth + 1, node, key);
        // js-yaml defines a `__proto__` key as an own property; so does the copy.
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
  return walk(root, 0, 0, null, "");
}

export { YAMLException };
