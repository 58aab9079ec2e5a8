import { int64 } from "../gotemplate/value.js";

export type SetMode = "set" | "string" | "literal";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Helm's typedVal. Integers that JavaScript cannot hold exactly (beyond 2^53) stay
 * strings rather than silently losing digits; Helm keeps them as int64.
 */
export function typedValue(text: string, mode: SetMode): unknown {
  if (mode !== "set") return text;
  const lower = text.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (lower === "null") return null;
  if (text === "0") return int64(0);
  if (text.length > 0 && text[0] !== "0" && /^[+-]?\d+$/.test(text)) {
    const big = BigInt(text);
    if (big < INT64_MIN || big > INT64_MAX) return text;
    const n = Number(text);
    if (!Number.isSafeInteger(n)) return text;
    return int64(n === 0 ? 0 : n);
  }
  return text;
}
