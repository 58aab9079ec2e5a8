/**
 * sprig's defaults.go: default/empty/coalesce/all/any/ternary. "Empty" is the zero value of the
 * value's own type (nil, false, 0, 0.0, "", empty list or map), so `default "x" 0` is "x" and a
 * struct is never empty. (compact is here in sprig's map too; it lives with the list functions.)
 */
import type { GoValue } from "../../value.js";
import type { FuncMap } from "../types.js";
import { isEmpty } from "./common.js";

/** `default DEFAULT GIVEN`: called with no GIVEN (a missing pipeline value), the default wins. */
function dfault(d: GoValue, ...given: GoValue[]): GoValue {
  if (given.length === 0 || isEmpty(given[0])) return d;
  return given[0]!;
}

export const defaultFuncs: FuncMap = {
  default: { fn: dfault, params: ["any"], variadic: "any" },
  empty: { fn: (v) => isEmpty(v), params: ["any"] },
  coalesce: { fn: (...v) => v.find((x) => !isEmpty(x)) ?? null, params: [], variadic: "any" },
  all: { fn: (...v) => v.every((x) => !isEmpty(x)), params: [], variadic: "any" },
  any: { fn: (...v) => v.some((x) => !isEmpty(x)), params: [], variadic: "any" },
  ternary: { fn: (vt, vf, v) => (v === true ? vt : vf), params: ["any", "any", "bool"] },
};
