/**
 * How careful the UI is on a kube context, from the user's config file: `readonly` hides and
 * refuses every change (as `--readonly`), `protected` shows a banner and has every change
 * confirmed by typing the release's name (README.md "Configuration").
 */
export type ContextSafety = "readonly" | "protected";

/** Glob patterns of context names (`*` any run of characters, `?` one). */
export interface SafetyRules {
  readonlyContexts: string[];
  protectedContexts: string[];
}

export const NO_SAFETY_RULES: SafetyRules = { readonlyContexts: [], protectedContexts: [] };

/** The safety of a context: read-only wins over protected when both match. */
export function safetyOf(
  rules: SafetyRules,
  context: string | undefined,
): ContextSafety | undefined {
  if (context === undefined) return undefined;
  if (rules.readonlyContexts.some((p) => globMatches(p, context))) return "readonly";
  if (rules.protectedContexts.some((p) => globMatches(p, context))) return "protected";
  return undefined;
}

/**
 * A shell-style match over the whole name. Path globbing (minimatch, picomatch) is not used on
 * purpose: there `*` stops at `/`, and context names contain slashes
 * (`arn:aws:eks:eu-west-1:1234:cluster/prod`), which `*prod` must still match.
 */
export function globMatches(pattern: string, name: string): boolean {
  const source = [...pattern]
    .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`, "s").test(name);
}

/**
 * The safety of the context the app is on. Until the cluster has said which context that is
 * (just after `:ctx`), any rules at all make it protected: never less careful than configured.
 */
export function currentSafety(ctx: {
  options: { readonly: boolean; safety?: SafetyRules; context?: string };
  cluster?: { context: string };
}): ContextSafety | undefined {
  const rules = ctx.options.safety;
  if (!rules) return undefined;
  const name = ctx.cluster?.context ?? ctx.options.context;
  if (name === undefined) {
    const any = rules.readonlyContexts.length + rules.protectedContexts.length > 0;
    return any ? "protected" : undefined;
  }
  return safetyOf(rules, name);
}

/** `--readonly`, or a context configured read-only: changes are hidden and refused. */
export function isReadonly(ctx: Parameters<typeof currentSafety>[0]): boolean {
  return ctx.options.readonly || currentSafety(ctx) === "readonly";
}
