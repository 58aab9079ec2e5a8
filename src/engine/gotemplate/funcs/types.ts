import type { GoValue } from "../value.js";

/**
 * A template function. Arguments arrive already evaluated; a Go func that returns
 * (value, error) signals the error by throwing `FuncError` — the evaluator reports it as helm
 * does: `error calling NAME: MESSAGE`. A Go panic is a thrown `FuncError` too (text/template
 * recovers panics in functions the same way).
 */
export type GoFunc = (...args: GoValue[]) => GoValue;

/**
 * Parameter types of a Go function, as far as text/template looks at them: number constants
 * take the parameter's type (`trunc 63` passes int, `round 3.7 0` passes float64 / int), and an
 * argument whose type does not fit fails with text/template's "wrong type for value" error.
 * "any" is interface{}.
 */
export type ParamType =
  "any" | "string" | "bool" | "int" | "int64" | "float64" | "[]any" | "[]string" | "map" | "[]byte";

export interface FuncDef {
  fn: GoFunc;
  /** Fixed parameters. Omitted = untyped (every constant takes its natural type). */
  params?: ParamType[];
  /** The element type of a trailing `...T` parameter. */
  variadic?: ParamType;
}

export type FuncMap = Record<string, FuncDef>;

/** An error a template function returns (or a panic it raises). */
export class FuncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FuncError";
  }
}
