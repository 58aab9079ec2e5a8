import { isValuesMap, plainValues, type Values } from "./types.js";

/**
 * A path-level diff of two values trees (docs/chart-engine.md#values-diff): one entry per leaf
 * that was added, removed or changed, so `env[name=FOO].value: "a" → "b"` says what moved where a
 * YAML text diff would show a hunk of indentation. Values are user data: nothing is masked here;
 * printers make strings safe for the terminal.
 */

/** One step of a path: a map key, a list index, or a list item found by its `name`. */
export type PathSegment = { key: string } | { index: number } | { name: string };

export interface ValueChange {
  path: PathSegment[];
  change: "added" | "removed" | "changed";
  /** Absent for an added value. */
  before?: unknown;
  /** Absent for a removed value. */
  after?: unknown;
}

/** The changes from `before` to `after`, in the order of `after`'s keys (then removed ones). */
export function diffValues(before: Values, after: Values): ValueChange[] {
  const out: ValueChange[] = [];
  walk(plainValues(before), plainValues(after), [], out);
  return out;
}

function walk(a: unknown, b: unknown, path: PathSegment[], out: ValueChange[]): void {
  if (isValuesMap(a) && isValuesMap(b)) {
    for (const key of Object.keys(b)) {
      const at = [...path, { key }];
      if (Object.hasOwn(a, key)) walk(a[key], b[key], at, out);
      else leaves(b[key], at, "added", out);
    }
    for (const key of Object.keys(a)) {
      if (!Object.hasOwn(b, key)) leaves(a[key], [...path, { key }], "removed", out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    walkList(a, b, path, out);
    return;
  }
  if (sameScalar(a, b)) return;
  // A scalar that became a map (or a list that became a scalar): its leaves went and came.
  if (isContainer(a) || isContainer(b)) {
    leaves(a, path, "removed", out);
    leaves(b, path, "added", out);
    return;
  }
  out.push({ path, change: "changed", before: a, after: b });
}

/**
 * Lists whose items all carry a distinct string `name` (containers, env, ports, volumes) are
 * matched by name, so inserting an item is one addition rather than every later item changed;
 * any other list is matched by index.
 */
function walkList(a: unknown[], b: unknown[], path: PathSegment[], out: ValueChange[]): void {
  const byNameA = namedItems(a);
  const byNameB = namedItems(b);
  if (byNameA && byNameB) {
    for (const [name, item] of byNameB) {
      const at = [...path, { name }];
      if (byNameA.has(name)) walk(byNameA.get(name), item, at, out);
      else namedLeaves(item, at, "added", out);
    }
    for (const [name, item] of byNameA) {
      if (!byNameB.has(name)) namedLeaves(item, [...path, { name }], "removed", out);
    }
    return;
  }
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) walk(a[i], b[i], [...path, { index: i }], out);
  for (let i = common; i < b.length; i++) leaves(b[i], [...path, { index: i }], "added", out);
  for (let i = common; i < a.length; i++) leaves(a[i], [...path, { index: i }], "removed", out);
}

function namedItems(list: unknown[]): Map<string, unknown> | undefined {
  if (list.length === 0) return new Map();
  const map = new Map<string, unknown>();
  for (const item of list) {
    if (!isValuesMap(item) || typeof item.name !== "string" || map.has(item.name)) return undefined;
    map.set(item.name, item);
  }
  return map;
}

/** Every leaf under `value` (an empty map or list is a leaf of its own). */
function leaves(
  value: unknown,
  path: PathSegment[],
  change: "added" | "removed",
  out: ValueChange[],
): void {
  if (isValuesMap(value) && Object.keys(value).length > 0) {
    for (const [key, v] of Object.entries(value)) leaves(v, [...path, { key }], change, out);
    return;
  }
  if (Array.isArray(value) && value.length > 0) {
    const named = namedItems(value);
    if (named) for (const [name, v] of named) namedLeaves(v, [...path, { name }], change, out);
    else value.forEach((v, index) => leaves(v, [...path, { index }], change, out));
    return;
  }
  out.push(change === "added" ? { path, change, after: value } : { path, change, before: value });
}

/** A named item's leaves, without its name: the path already says it. */
function namedLeaves(
  item: unknown,
  path: PathSegment[],
  change: "added" | "removed",
  out: ValueChange[],
): void {
  const rest = Object.entries(item as Values).filter(([key]) => key !== "name");
  if (rest.length === 0) {
    out.push(change === "added" ? { path, change, after: item } : { path, change, before: item });
  } else for (const [key, v] of rest) leaves(v, [...path, { key }], change, out);
}

function isContainer(value: unknown): boolean {
  return isValuesMap(value) || Array.isArray(value);
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (isContainer(a) || isContainer(b)) return false;
  return Object.is(a, b) || (a === 0 && b === 0);
}

const BARE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/**
 * `a.b[2].c`, `env[name=FOO].value`; a key or name with a dot, a space, brackets or any other
 * odd character is JSON-quoted (`annotations."example.com/team"`), which escapes control
 * characters too, so a path is always one unambiguous line.
 */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const seg of path) {
    if ("index" in seg) out += `[${seg.index}]`;
    else if ("name" in seg) out += `[name=${BARE_KEY.test(seg.name) ? seg.name : quote(seg.name)}]`;
    else out += (out ? "." : "") + (BARE_KEY.test(seg.key) ? seg.key : quote(seg.key));
  }
  return out;
}

/**
 * A value on one line: strings JSON-quoted (so `"5"` and `5` differ, and a newline shows as
 * `\n`), an empty map or list as `{}`/`[]`. JSON leaves C1 controls and bidirectional overrides
 * as they are: printers pass the line through visibleLine (src/visibleText.ts).
 */
export function formatValue(value: unknown): string {
  if (value === undefined) return "null";
  return JSON.stringify(value) ?? String(value);
}

const MARK = { added: "+", removed: "-", changed: "~" } as const;

/**
 * One change as a line: `~ a.b[2].c: 3 → 5`, `+ a.x: "new"`, `- a.y: 1`. Keys, names and
 * strings are the user's: show the line through the terminal guard (src/visibleText.ts).
 */
export function formatChange(change: ValueChange): string {
  const path = formatPath(change.path);
  const text =
    change.change === "changed"
      ? `${path}: ${formatValue(change.before)} → ${formatValue(change.after)}`
      : `${path}: ${formatValue(change.change === "added" ? change.after : change.before)}`;
  return `${MARK[change.change]} ${text}`;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
