import { isValuesMap } from "./types.js";

/**
 * How deeply values may nest maps and lists: the YAML reader's limit for values files, given to
 * `--set`, `--set-json` and the rest too (docs/chart-engine.md#user-supplied-values). Coalescing,
 * merging, schema checks and rendering walk values recursively; a limit at the edge keeps every
 * one of them far from the JavaScript stack's end. helm's Go stack grows, so its only limits are
 * encoding/json's 10000 for --set-json and yaml.v2's 10000 for files.
 */
export const MAX_VALUES_DEPTH = 1000;

/** The reason every values source gives, in the YAML reader's words. */
export const TOO_DEEP = `nesting exceeded maxDepth (${MAX_VALUES_DEPTH})`;

/**
 * How many levels of maps and lists `value` nests (a scalar 0, `[1]` 1, `{a: [1]}` 2), counting
 * no further than `limit + 1`. A loop, not recursion, so any depth can be measured.
 */
export function nestingDepth(value: unknown, limit = MAX_VALUES_DEPTH): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    const children = Array.isArray(v) ? v : isValuesMap(v) ? Object.values(v) : undefined;
    if (children === undefined) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (level > limit) return level;
    for (const child of children) stack.push([child, level]);
  }
  return deepest;
}
