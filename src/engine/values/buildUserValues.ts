import { readFileSync } from "node:fs";
import { mergeValues } from "./mergeValues.js";
import { readValuesFile } from "./readValueFiles.js";
import { applySet, applySetFile, applySetJson } from "./setParser.js";
import type { Values } from "./types.js";

export interface UserValueOptions {
  /** `-f/--values` files, merged in order (later wins). */
  valueFiles?: string[];
  /** `--set-json` expressions. */
  setJson?: string[];
  /** `--set` expressions. */
  set?: string[];
  /** `--set-string` expressions. */
  setString?: string[];
  /** `--set-file key=path` expressions. */
  setFile?: string[];
  /** `--set-literal` expressions. */
  setLiteral?: string[];
}

/**
 * The user-supplied values, in Helm's order (pkg/cli/values/options.go MergeValues):
 * `-f` files in order ← `--set-json` ← `--set` ← `--set-string` ← `--set-file` ← `--set-literal`.
 * Nulls are kept: coalescing with the chart (coalesce.ts) turns them into deletions.
 * `readFile` reads `--set-file` paths (relative to the working directory by default).
 */
export async function buildUserValues(
  options: UserValueOptions,
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): Promise<Values> {
  let base: Values = {};
  for (const file of options.valueFiles ?? []) {
    base = mergeValues(base, await readValuesFile(file));
  }
  for (const expr of options.setJson ?? []) base = applySetJson(base, expr);
  for (const expr of options.set ?? []) applySet(base, expr, "set");
  for (const expr of options.setString ?? []) applySet(base, expr, "string");
  for (const expr of options.setFile ?? []) applySetFile(base, expr, readFile);
  for (const expr of options.setLiteral ?? []) applySet(base, expr, "literal");
  return base;
}
