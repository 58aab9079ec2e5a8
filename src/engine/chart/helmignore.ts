import ignore, { type Ignore } from "ignore";

/**
 * Helm always hides dotfiles in templates/, whatever .helmignore says
 * (docs/chart-engine.md#loading-a-chart-directory).
 */
const BUILT_IN_RULES = ["templates/.?*"];

/** The rules of a chart directory's .helmignore (gitignore syntax, with `!` and `dir/`). */
export function helmIgnoreRules(helmignore: string | undefined): Ignore {
  return ignore()
    .add(BUILT_IN_RULES)
    .add(helmignore ?? "");
}

/** Whether a path relative to the chart root (posix, a trailing "/" for folders) is left out. */
export function isIgnored(rules: Ignore, relativePath: string): boolean {
  return rules.ignores(relativePath);
}
