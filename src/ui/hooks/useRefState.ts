import { useCallback, useRef, useState } from "react";

/**
 * State that key handlers can read synchronously: keys can arrive faster than
 * renders, so handlers use the ref, never a value captured by an older render.
 */
export function useRefState<T>(
  initial: T,
): [T, (next: T | ((prev: T) => T)) => void, React.RefObject<T>] {
  const [value, setValue] = useState(initial);
  const ref = useRef(value);
  const set = useCallback((next: T | ((prev: T) => T)) => {
    ref.current = typeof next === "function" ? (next as (prev: T) => T)(ref.current) : next;
    setValue(ref.current);
  }, []);
  return [value, set, ref];
}
