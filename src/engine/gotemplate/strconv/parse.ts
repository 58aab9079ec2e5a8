/**
 * strconv's number and bool parsing (ParseInt, ParseUint, Atoi, ParseFloat, ParseBool) with Go's
 * accepted syntax and its error texts.
 */
import { quote } from "./quote.js";

/**
 * A *strconv.NumError: its message is what Go prints, e.g. `strconv.Atoi: parsing "x": invalid
 * syntax`. `value` is what the Go function returns alongside the error (0, or the clamped value
 * when out of range), which callers that drop the error (sprig's atoi) go on with.
 */
export class NumError extends Error {
  constructor(
    readonly func: string,
    readonly num: string,
    readonly err: string,
    readonly value = 0,
  ) {
    super(`strconv.${func}: parsing ${quote(num)}: ${err}`);
    this.name = "NumError";
  }
}

const SYNTAX = "invalid syntax";
const RANGE = "value out of range";

/** Go's rule for `_` in number literals: only between digits (or after a base prefix). */
export function underscoreOK(s: string): boolean {
  let saw = "^";
  let i = 0;
  if (s.length >= 1 && (s[0] === "-" || s[0] === "+")) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === "0" && "bBoOxX".includes(s[1]!)) {
    i = 2;
    saw = "0";
    hex = s[1] === "x" || s[1] === "X";
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= "0" && c <= "9") || (hex && /^[a-fA-F]$/.test(c))) {
      saw = "0";
      continue;
    }
    if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}

function digitVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 122) return l - 97 + 10;
  return 99;
}

/** strconv.ParseUint, as a bigint so 64-bit range checks are exact. */
function parseUintBig(s: string, base: number, bitSize: number, fn: string, s0: string): bigint {
  if (s === "") throw new NumError(fn, s0, SYNTAX);
  const base0 = base === 0;
  if (base === 0) {
    base = 10;
    if (s[0] === "0") {
      const c1 = s.length >= 3 ? s[1]!.toLowerCase() : "";
      if (c1 === "b") {
        base = 2;
        s = s.slice(2);
      } else if (c1 === "o") {
        base = 8;
        s = s.slice(2);
      } else if (c1 === "x") {
        base = 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
      }
    }
  } else if (base < 2 || base > 36) {
    throw new NumError(fn, s0, "invalid base " + String(base));
  }
  if (bitSize === 0) bitSize = 64;
  else if (bitSize < 0 || bitSize > 64)
    throw new NumError(fn, s0, "invalid bit size " + String(bitSize));
  const maxVal = (1n << BigInt(bitSize)) - 1n;
  const bigBase = BigInt(base);
  let underscores = false;
  let n = 0n;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 95 && base0) {
      underscores = true;
      continue;
    }
    const d = digitVal(c);
    if (d >= base) throw new NumError(fn, s0, SYNTAX);
    n = n * bigBase + BigInt(d);
    // Go returns at the first digit that overflows, before looking at the rest.
    if (n > maxVal) throw new NumError(fn, s0, RANGE, Number(maxVal));
  }
  if (underscores && !underscoreOK(s0)) throw new NumError(fn, s0, SYNTAX);
  return n;
}

/** strconv.ParseInt(s, base, bitSize); base 0 reads 0x, 0o, 0b and leading-0 octal prefixes and underscores. */
export function parseInt(s: string, base: number, bitSize: number): number {
  return Number(parseIntBig(s, base, bitSize));
}

export function parseIntBig(s: string, base: number, bitSize: number): bigint {
  const fn = "ParseInt";
  if (s === "") throw new NumError(fn, s, SYNTAX);
  const s0 = s;
  let neg = false;
  if (s[0] === "+") s = s.slice(1);
  else if (s[0] === "-") {
    neg = true;
    s = s.slice(1);
  }
  let un: bigint;
  try {
    un = parseUintBig(s, base, bitSize, fn, s0);
  } catch (e) {
    if (e instanceof NumError && e.err !== RANGE) throw new NumError(fn, s0, e.err);
    un = 1n << 64n; // out of range: reported below
  }
  const bits = bitSize === 0 ? 64 : bitSize;
  const cutoff = 1n << BigInt(bits - 1);
  if (!neg && un >= cutoff) throw new NumError(fn, s0, RANGE, Number(cutoff - 1n));
  if (neg && un > cutoff) throw new NumError(fn, s0, RANGE, -Number(cutoff));
  return neg ? -un : un;
}

/** strconv.ParseUint */
export function parseUint(s: string, base: number, bitSize: number): number {
  return Number(parseUintBig(s, base, bitSize, "ParseUint", s));
}

/** strconv.Atoi */
export function atoi(s: string): number {
  try {
    return parseInt(s, 10, 0);
  } catch (e) {
    if (e instanceof NumError) throw new NumError("Atoi", s, e.err, e.value);
    throw e;
  }
}

const DEC_FLOAT = /^[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9][0-9_]*)?$/;
const HEX_FLOAT =
  /^[+-]?0[xX](?:[0-9a-fA-F_]+\.?[0-9a-fA-F_]*|\.[0-9a-fA-F_]+)[pP][+-]?[0-9][0-9_]*$/;
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/** strconv.ParseFloat(s, 64 | 32): Go's decimal and hexadecimal float syntax, Inf and NaN. */
export function parseFloat(s: string, bitSize: 32 | 64 = 64): number {
  const fn = "ParseFloat";
  const sp = SPECIAL_FLOAT.exec(s);
  if (sp) {
    if (sp[2]!.toLowerCase() === "nan") {
      if (sp[1] !== "") throw new NumError(fn, s, SYNTAX);
      return NaN;
    }
    return sp[1] === "-" ? -Infinity : Infinity;
  }
  let v: number;
  if (DEC_FLOAT.test(s) && /[0-9]/.test(s.replace(/[eE].*$/, ""))) {
    if (s.includes("_") && !underscoreOK(s)) throw new NumError(fn, s, SYNTAX);
    v = Number(s.replace(/_/g, ""));
  } else if (
    HEX_FLOAT.test(s) &&
    /[0-9a-fA-F]/.test(s.slice(s.search(/[xX]/) + 1).replace(/[pP].*$/, ""))
  ) {
    if (s.includes("_") && !underscoreOK(s)) throw new NumError(fn, s, SYNTAX);
    v = parseHexFloat(s.replace(/_/g, ""));
  } else {
    throw new NumError(fn, s, SYNTAX);
  }
  if (bitSize === 32) v = Math.fround(v);
  if (!Number.isFinite(v)) throw new NumError(fn, s, RANGE, v);
  return v;
}

/** A hexadecimal float, rounded to the nearest float64 (ties to even) as Go's atofHex does. */
function parseHexFloat(s: string): number {
  const neg = s[0] === "-";
  const body = s.replace(/^[+-]?0[xX]/, "");
  const p = body.search(/[pP]/);
  const mantStr = body.slice(0, p);
  const dot = mantStr.indexOf(".");
  const digits = mantStr.replace(".", "");
  const fracDigits = dot < 0 ? 0 : mantStr.length - dot - 1;
  const mant = digits === "" ? 0n : BigInt("0x" + digits);
  if (mant === 0n) return neg ? -0 : 0;
  // The value is mant * 2^e2 exactly; keep 53 significant bits (fewer for subnormals).
  const e2 = Math.max(Math.min(Number(body.slice(p + 1)), 100000), -100000) - 4 * fracDigits;
  const bits = mant.toString(2).length;
  const top = bits - 1 + e2; // binary exponent of the leading bit
  if (top > 1023) return neg ? -Infinity : Infinity;
  const keep = top >= -1022 ? 53 : 53 - (-1022 - top);
  let q = mant;
  let shift = 0;
  if (bits > keep) {
    shift = bits - keep;
    const big = BigInt(shift);
    q = mant >> big;
    const rem = mant & ((1n << big) - 1n);
    const half = 1n << (big - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
  }
  // q has at most 53 bits: both scalings below are exact.
  const exp = e2 + shift;
  const halfExp = Math.trunc(exp / 2);
  const v = Number(q) * 2 ** halfExp * 2 ** (exp - halfExp);
  return neg ? -v : v;
}

/** strconv.ParseBool */
export function parseBool(s: string): boolean {
  switch (s) {
    case "1":
    case "t":
    case "T":
    case "true":
    case "TRUE":
    case "True":
      return true;
    case "0":
    case "f":
    case "F":
    case "false":
    case "FALSE":
    case "False":
      return false;
  }
  throw new NumError("ParseBool", s, SYNTAX);
}
