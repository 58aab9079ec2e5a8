/** Go's *syntax.Error and the error codes the translator reports (regexp/syntax ErrorCode). */

/** A Go *syntax.Error: prints as `error parsing regexp: CODE: `EXPR``. */
export class RegexpSyntaxError extends Error {
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

export const ERR_MISSING_BRACKET = "missing closing ]";
export const ERR_MISSING_PAREN = "missing closing )";
export const ERR_UNEXPECTED_PAREN = "unexpected )";
export const ERR_INVALID_ESCAPE = "invalid escape sequence";
export const ERR_INVALID_RANGE = "invalid character class range";
export const ERR_NAMED_CAPTURE = "invalid named capture";
export const ERR_PERL_OP = "invalid or unsupported Perl syntax";
export const ERR_REPEAT_OP = "invalid nested repetition operator";
export const ERR_REPEAT_SIZE = "invalid repeat count";
export const ERR_REPEAT_ARG = "missing argument to repetition operator";
export const ERR_TRAILING_BACKSLASH = "trailing backslash at end of expression";
