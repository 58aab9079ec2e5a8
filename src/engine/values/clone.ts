import { isValuesMap, type Values } from "./types.js";

/**
 * Sets an own, enumerable key. Plain assignment of "__proto__" would replace the
 * object's prototype instead of adding a key, so that one key is defined explicitly.
 */
export function setOwn(target: Values, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/** The value stored under an own key, never one inherited from Object.prototype. */
export function getOwn(target: Values, key: string): unknown {
  return Object.hasOwn(target, key) ? target[key] : undefined;
}

/** A deep copy of a values tree: maps and lists are copied, scalars shared. */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneValue(item)) as T;
  if (isValuesMap(value)) return cloneValues(value) as T;
  return value;
}

export function cloneValues(values: Values): Values {
  const out: Values = {};
  for (const [key, val] of Object.entries(values)) setOwn(out, key, cloneValue(val));
  return out;
}
