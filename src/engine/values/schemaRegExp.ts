/**
 * The regular expressions of values.schema.json — `pattern` values and `patternProperties` keys —
 * run by an RE2 engine, as helm's validator runs them with Go's regexp: matching takes time linear
 * in the input whatever the pattern (JavaScript's RegExp backtracks: `^(a+)+$` against 34
 * characters took minutes), and the syntax is Go's, so lookaround and backreferences do not
 * compile and are refused in Go's words ("error parsing regexp: …"), where helm refuses them.
 */
import { RE2JS } from "re2js";

/** A schema pattern RE2 cannot compile; `message` is Go's regexp error text. */
export class SchemaPatternError extends Error {
  constructor(
    readonly pattern: string,
    message: string,
  ) {
    super(message);
    this.name = "SchemaPatternError";
  }
}

interface PatternMatcher {
  test(input: string): boolean;
  toString(): string;
}

function compileRe2(pattern: string): PatternMatcher {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (err) {
    throw new SchemaPatternError(pattern, err instanceof Error ? err.message : String(err));
  }
  // ajv keys its compiled patterns by toString; test() is an unanchored search, as RegExp's.
  return { test: (input) => re.test(input), toString: () => pattern };
}

/**
 * ajv's `code.regExp` option. The flags ajv passes ("u") are not needed: RE2 always reads the
 * pattern and the input as Unicode code points. `code` only names the engine in generated code,
 * which wheelhouse never writes out.
 */
export const re2RegExp = Object.assign((pattern: string) => compileRe2(pattern), {
  code: "re2js",
});

/** A JSON Pointer token (RFC 6901). */
function token(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Where in the schema `pattern` is written: the JSON Pointer of the first `pattern` keyword with
 * that value, or of the `patternProperties` key that is that pattern (ajv's compile error does
 * not say, helm's does).
 */
function patternPointer(schema: unknown, pattern: string, at = ""): string | undefined {
  if (schema === null || typeof schema !== "object") return undefined;
  for (const [key, value] of Object.entries(schema)) {
    const here = `${at}/${token(key)}`;
    if (key === "pattern" && value === pattern) return here;
    if (key === "patternProperties" && value !== null && typeof value === "object") {
      if (Object.hasOwn(value, pattern)) return `${here}/${token(pattern)}`;
    }
    const inside = patternPointer(value, pattern, here);
    if (inside !== undefined) return inside;
  }
  return undefined;
}

/**
 * The compile error of a schema whose pattern RE2 refuses, worded as helm words it:
 * `at '/properties/a/pattern': '^(?=a)' is not valid regex: error parsing regexp: …`.
 */
export function locatePatternError(err: SchemaPatternError, schema: unknown): Error {
  const pointer = patternPointer(schema, err.pattern);
  const where = pointer === undefined ? "" : `at '${pointer}': `;
  return new Error(`${where}'${err.pattern}' is not valid regex: ${err.message}`, { cause: err });
}
