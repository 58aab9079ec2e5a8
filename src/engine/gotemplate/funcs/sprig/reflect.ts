/**
 * sprig's reflection functions (reflect.go): typeOf is fmt's %T, kindOf is reflect.Kind's name
 * ("invalid" for nil), deepEqual is reflect.DeepEqual (int 1 and float64 1 differ).
 */
import { kindOf, typeName } from "../../value.js";
import type { FuncMap } from "../types.js";
import { deepEqual, strArg } from "./common.js";

export const reflectFuncs: FuncMap = {
  typeOf: { fn: (v) => typeName(v), params: ["any"] },
  typeIs: { fn: (t, v) => strArg(t) === typeName(v), params: ["string", "any"] },
  typeIsLike: {
    fn: (t, v) => {
      const name = typeName(v);
      return strArg(t) === name || "*" + strArg(t) === name;
    },
    params: ["string", "any"],
  },
  kindOf: { fn: (v) => kindOf(v), params: ["any"] },
  kindIs: { fn: (t, v) => strArg(t) === kindOf(v), params: ["string", "any"] },
  deepEqual: { fn: (a, b) => deepEqual(a, b), params: ["any", "any"] },
};
