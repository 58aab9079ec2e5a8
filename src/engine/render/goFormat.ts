/**
 * The subset of Go's fmt verbs that chart templates use with `printf`:
 * %s %d %v %q %f (with precision) %x %t and %%.
 */
export function goSprintf(format: string, args: unknown[]): string {
  let next = 0;
  return format.replace(
    /%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdvqfxXt%])/g,
    (whole, _flags, width, precision, verb: string) => {
      if (verb === "%") return "%";
      if (next >= args.length) return `%!${verb}(MISSING)`;
      const arg = args[next++];
      let out: string;
      switch (verb) {
        case "d":
          out = typeof arg === "number" ? String(Math.trunc(arg)) : `%!d(${goString(arg)})`;
          break;
        case "f":
          out =
            typeof arg === "number"
              ? arg.toFixed(precision === undefined ? 6 : Number(precision))
              : `%!f(${goString(arg)})`;
          break;
        case "q":
          out = JSON.stringify(goString(arg));
          break;
        case "x":
        case "X":
          out =
            typeof arg === "number" ? arg.toString(16) : Buffer.from(goString(arg)).toString("hex");
          if (verb === "X") out = out.toUpperCase();
          break;
        default:
          out = goString(arg);
      }
      if (width !== undefined) out = out.padStart(Number(width));
      void whole;
      return out;
    },
  );
}

/** How Go's %v prints a value: nil as <nil>, lists as [a b], maps as map[k:v]. */
export function goString(value: unknown): string {
  if (value === undefined || value === null) return "<nil>";
  if (Array.isArray(value)) return `[${value.map(goString).join(" ")}]`;
  if (typeof value === "object") {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${k}:${goString((value as Record<string, unknown>)[k])}`);
    return `map[${entries.join(" ")}]`;
  }
  return String(value);
}
