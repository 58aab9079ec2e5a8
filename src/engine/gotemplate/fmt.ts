/**
 * Go's fmt package (Sprint, Sprintln, Sprintf) over the value model in value.ts. Templates print
 * every value through it: `{{ .x }}` is fmt.Fprint, `printf` is fmt.Sprintf, sprig's toString is
 * `%v`. The structure follows Go's print.go/format.go (printArg → handleMethods → printValue,
 * then the per-kind formatters) so that flags, widths and the `%!verb(type=value)` error forms
 * come out the same: fmt/format.ts formats the pieces, fmt/print.ts prints one operand,
 * fmt/printf.ts reads a format string.
 */
import { formatFloat } from "./strconv/formatFloat.js";
import { GoInt, GoObject, type GoValue } from "./value.js";
import { Printer } from "./fmt/print.js";
import { doPrintf } from "./fmt/printf.js";

export type { FmtStruct } from "./fmt/print.js";

/** %v of one value (what `{{ . }}` prints, through fmt.Fprint). */
export function formatValue(v: GoValue): string {
  // Fast paths for the common scalars; everything else goes through the printer.
  switch (typeof v) {
    case "string":
      return v;
    case "boolean":
      return v ? "true" : "false";
    case "number":
      // Within [1e-4, 1e6) Go's %v and JS both print the shortest digits without an exponent.
      if ((v >= 1e-4 && v < 1e6) || (v <= -1e-4 && v > -1e6) || (v === 0 && !Object.is(v, -0)))
        return String(v);
      return formatFloat(v, "g", -1, 64);
    case "undefined":
      return "<nil>";
  }
  if (v === null) return "<nil>";
  if (v instanceof GoInt && Number.isSafeInteger(v.value)) return String(v.value);
  const p = new Printer();
  p.printArg(v, "v");
  return p.buf;
}

/**
 * What `{{ value }}` prints: text/template's printValue dereferences a pointer that is not a
 * Stringer before fmt.Fprint, so a pointer to a plain struct prints as {a b}, not &{a b}.
 */
export function formatIndirect(v: GoValue): string {
  if (!(v instanceof GoObject)) return formatValue(v);
  const p = new Printer();
  p.indirect = true;
  p.printArg(v, "v");
  return p.buf;
}

/** fmt.Sprint: operands in %v, a space between two operands when neither is a string. */
export function sprint(...args: GoValue[]): string {
  let out = "";
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const isString = typeof args[i] === "string";
    if (i > 0 && !isString && !prevString) out += " ";
    out += formatValue(args[i]);
    prevString = isString;
  }
  return out;
}

/** fmt.Sprintln: operands in %v, always space-separated, and a newline. */
export function sprintln(...args: GoValue[]): string {
  let out = "";
  for (let i = 0; i < args.length; i++) {
    if (i > 0) out += " ";
    out += formatValue(args[i]);
  }
  return out + "\n";
}

/** fmt.Sprintf */
export function sprintf(format: string, ...args: GoValue[]): string {
  const p = new Printer();
  doPrintf(p, format, args);
  return p.buf;
}
