import { GoInt } from "../gotemplate/value.js";

/** A values tree as parsed from YAML: maps, lists and scalars. */
export type Values = { [key: string]: unknown };

export function isValuesMap(value: unknown): value is Values {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !Buffer.isBuffer(value) &&
    !(value instanceof GoInt)
  );
}

/**
 * The values with `--set` integers (int64, as helm's strvals types them, so Go templates print
 * 1000000 rather than float64's 1e+06) as plain numbers: for JSON Schema checks and Handlebars
 * charts, which know only JSON's numbers.
 */
export function plainValues<T>(value: T): T {
  if (value instanceof GoInt) return value.value as T;
  if (Array.isArray(value)) return value.map((v: unknown) => plainValues(v)) as T;
  if (isValuesMap(value)) {
    const out: Values = {};
    for (const [k, v] of Object.entries(value)) {
      // Assignment keeps the copy a fast object (defineProperty on every key turns it into a
      // slow dictionary); only a "__proto__" key needs defining, or it would set the prototype.
      if (k === "__proto__") {
        Object.defineProperty(out, k, {
          value: plainValues(v),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else out[k] = plainValues(v);
    }
    return out as T;
  }
  return value;
}
