/**
 * The Go parameter types a template function declares (ExecParam) as exec.go's evalArg and
 * validateType see them: which values each accepts, which can be nil, how Go names them in
 * errors, and method values as callables.
 */
import type { Callable, ExecParam } from "../builtins.js";
import {
  GoInt,
  isGoMap,
  sliceType,
  typeName,
  underlyingMapType,
  type GoFunction,
  type GoValue,
} from "../value.js";

export function canBeNil(typ: ExecParam | null): boolean {
  switch (typ) {
    case "any":
    case "value":
    case "[]any":
    case "[]string":
    case "map":
    case "[]byte":
      return true;
  }
  return false;
}

export function assignable(v: GoValue, typ: ExecParam): boolean {
  switch (typ) {
    case "string":
      return typeof v === "string";
    case "bool":
      return typeof v === "boolean";
    case "float64":
      return typeof v === "number";
    case "int":
    case "int64":
      return v instanceof GoInt && v.kind === typ;
    case "[]any":
      return Array.isArray(v) && sliceType(v) === "[]interface {}";
    case "[]string":
      return Array.isArray(v) && sliceType(v) === "[]string";
    case "map":
      // A named map type (common.Values) is assignable to its unnamed underlying type.
      return isGoMap(v) && underlyingMapType(v) === "map[string]interface {}";
    case "[]byte":
      return v instanceof Uint8Array;
  }
  return true;
}

export function goTypeName(typ: ExecParam | null): string {
  switch (typ) {
    case null:
    case "any":
      return "interface {}";
    case "value":
      return "reflect.Value";
    case "[]any":
      return "[]interface {}";
    case "map":
      return "map[string]interface {}";
    case "[]byte":
      return "[]uint8";
  }
  return typ;
}

interface TypedGoFunction extends GoFunction {
  params?: readonly ExecParam[];
  variadic?: ExecParam;
}

/** A method value as a callable; methods may declare params/variadic like FuncDefs, else are untyped. */
export function methodCallable(m: GoFunction): Callable {
  const t = m as TypedGoFunction;
  return { fn: (...a: GoValue[]) => m.call(...a), params: t.params, variadic: t.variadic };
}

/** reflect.Value.String() of call's final argument: the string, or "<T Value>". */
export function calleeString(v: GoValue): string {
  return typeof v === "string" ? v : `<${typeName(v)} Value>`;
}
