import { cloneValue, getOwn, setOwn } from "./clone.js";
import { isValuesMap, type Values } from "./types.js";

/**
 * Helm's mergeMaps (pkg/cli/values/options.go), used between `-f` files: maps merge
 * key by key, recursively; anything else in `override` (lists, scalars, null)
 * replaces what `base` had. Neither input is changed and the result shares no map
 * or list with them.
 */
export function mergeValues(base: Values, override: Values): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(base)) setOwn(out, key, cloneValue(value));
  for (const [key, value] of Object.entries(override)) {
    const existing = getOwn(out, key);
    if (isValuesMap(value) && isValuesMap(existing)) {
      setOwn(out, key, mergeValues(existing, value));
    } else {
      setOwn(out, key, cloneValue(value));
    }
  }
  return out;
}
