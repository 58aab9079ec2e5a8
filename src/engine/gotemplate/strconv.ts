/**
 * The parts of Go's strconv that templates see: float formatting (what `%v`, `%g`, `%.2f` and
 * cast.ToString print), string quoting (`%q`, sprig's quote does not use it but printf does) and
 * number parsing with Go's accepted syntax and error texts.
 *
 * Go strings are bytes; ours are UTF-16. Widths and quoting work on code points, which is what
 * Go does for valid UTF-8 (the only kind YAML and JSON values can hold). Byte-level quoting of
 * []byte (which may hold invalid UTF-8) goes through `quoteBytes`.
 */

// ---------------------------------------------------------------------------------------------
// Float formatting
// ---------------------------------------------------------------------------------------------

/** A decimal digit string d (no leading zeros) with the decimal point before digit index dp. */
interface Decimal {
  d: string;
  dp: number;
}

const f64buf = new DataView(new ArrayBuffer(8));

/** The IEEE bits of a float64 as [negative, biased exponent, mantissa]. */
function float64Parts(f: number): [boolean, number, bigint] {
  f64buf.setFloat64(0, f);
  const hi = f64buf.getUint32(0);
  const lo = f64buf.getUint32(4);
  const neg = hi >>> 31 === 1;
  const exp = (hi >>> 20) & 0x7ff;
  const mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return [neg, exp, mant];
}

/** The exact decimal expansion of |f| (every finite double has a finite one). */
function exactDecimal(f: number): Decimal {
  const [, bexp, frac] = float64Parts(f);
  if (bexp === 0 && frac === 0n) return { d: "", dp: 0 };
  let mant = frac;
  let e2: number;
  if (bexp === 0) {
    e2 = -1074;
  } else {
    mant |= 1n << 52n;
    e2 = bexp - 1075;
  }
  let digits: string;
  let dp: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    dp = digits.length;
  } else {
    // mant * 2^e2 = mant * 5^-e2 / 10^-e2
    digits = (mant * 5n ** BigInt(-e2)).toString();
    dp = digits.length + e2;
  }
  return trimDecimal(digits, dp);
}

function trimDecimal(d: string, dp: number): Decimal {
  let start = 0;
  while (start < d.length && d.charCodeAt(start) === 48) {
    start++;
    dp--;
  }
  let end = d.length;
  while (end > start && d.charCodeAt(end - 1) === 48) end--;
  if (start === end) return { d: "", dp: 0 };
  return { d: d.slice(start, end), dp };
}

/** The shortest digits that read back as f: JS and Go choose the same digit string. */
function shortestDecimal(f: number): Decimal {
  if (f === 0) return { d: "", dp: 0 };
  const s = Math.abs(f).toExponential(); // "d.ddde+X"
  const e = s.indexOf("e");
  const mant = s.slice(0, e).replace(".", "");
  return trimDecimal(mant, Number(s.slice(e + 1)) + 1);
}

/** Shortest digits for a float32: the fewest significant digits that round-trip through float32. */
function shortestDecimal32(f: number): Decimal {
  if (f === 0) return { d: "", dp: 0 };
  const a = Math.abs(f);
  for (let p = 1; p <= 9; p++) {
    const s = a.toExponential(p - 1);
    if (Math.fround(Number(s)) === a) {
      const e = s.indexOf("e");
      return trimDecimal(s.slice(0, e).replace(".", ""), Number(s.slice(e + 1)) + 1);
    }
  }
  return exactDecimal(a);
}

/**
 * Rounds to nd significant digits, halfway cases to even, as Go's decimal.Round does on the
 * exact value (nd < 0 leaves the number alone, as Go does).
 */
function roundDecimal(x: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= x.d.length) return x;
  const c = x.d.charCodeAt(nd);
  let up: boolean;
  if (c > 53) up = true;
  else if (c < 53) up = false;
  else if (nd + 1 < x.d.length)
    up = true; // more nonzero digits follow (d has no trailing zeros)
  else up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  if (!up) return trimDecimal(x.d.slice(0, nd), x.dp);
  let i = nd - 1;
  while (i >= 0 && x.d.charCodeAt(i) === 57) i--;
  if (i < 0) return { d: "1", dp: x.dp + 1 };
  return trimDecimal(x.d.slice(0, i) + String.fromCharCode(x.d.charCodeAt(i) + 1), x.dp);
}

function digitAt(x: Decimal, i: number): string {
  return i >= 0 && i < x.d.length ? x.d[i]! : "0";
}

function fmtE(neg: boolean, x: Decimal, prec: number, ch: "e" | "E"): string {
  let out = neg ? "-" : "";
  out += x.d.length > 0 ? x.d[0] : "0";
  if (prec > 0) {
    out += ".";
    for (let i = 1; i <= prec; i++) out += digitAt(x, i);
  }
  let exp = x.d.length === 0 ? 0 : x.dp - 1;
  out += ch;
  if (exp < 0) {
    out += "-";
    exp = -exp;
  } else {
    out += "+";
  }
  // Go writes at least two exponent digits.
  out += exp < 10 ? "0" + String(exp) : String(exp);
  return out;
}

function fmtF(neg: boolean, x: Decimal, prec: number): string {
  let out = neg ? "-" : "";
  if (x.dp > 0) {
    out += x.d.slice(0, Math.min(x.d.length, x.dp));
    if (x.dp > x.d.length) out += "0".repeat(x.dp - x.d.length);
  } else {
    out += "0";
  }
  if (prec > 0) {
    out += ".";
    for (let i = 0; i < prec; i++) out += digitAt(x, x.dp + i);
  }
  return out;
}

export type FloatFormat = "e" | "E" | "f" | "g" | "G" | "b" | "x" | "X";

/** strconv.FormatFloat. prec -1 means the fewest digits that read back exactly. */
export function formatFloat(
  f: number,
  fmt: FloatFormat,
  prec: number,
  bitSize: 32 | 64 = 64,
): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (bitSize === 32) f = Math.fround(f);
  const neg = f < 0 || Object.is(f, -0);
  if (fmt === "b") return fmtB(f, bitSize);
  if (fmt === "x" || fmt === "X") return fmtX(f, prec, fmt, bitSize);

  const shortest = prec < 0;
  let x: Decimal;
  if (shortest) {
    x = bitSize === 32 ? shortestDecimal32(f) : shortestDecimal(f);
    switch (fmt) {
      case "e":
      case "E":
        prec = Math.max(x.d.length - 1, 0);
        break;
      case "f":
        prec = Math.max(x.d.length - x.dp, 0);
        break;
      default:
        prec = x.d.length;
    }
  } else {
    x = exactDecimal(f);
    switch (fmt) {
      case "e":
      case "E":
        x = roundDecimal(x, prec + 1);
        break;
      case "f":
        x = roundDecimal(x, x.dp + prec);
        break;
      default:
        if (prec === 0) prec = 1;
        x = roundDecimal(x, prec);
    }
  }

  switch (fmt) {
    case "e":
    case "E":
      return fmtE(neg, x, prec, fmt);
    case "f":
      return fmtF(neg, x, prec);
    default: {
      let eprec = prec;
      const nd = x.d.length;
      if (eprec > nd && nd >= x.dp) eprec = nd;
      // %e is used if the exponent from the conversion is less than -4 or greater than or
      // equal to the precision; shortest output uses precision 6 for this decision.
      if (shortest) eprec = 6;
      const exp = x.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > nd) prec = nd;
        return fmtE(neg, x, prec - 1, fmt === "g" ? "e" : "E");
      }
      if (prec > x.dp) prec = nd;
      return fmtF(neg, x, Math.max(prec - x.dp, 0));
    }
  }
}

/** %b of a float: decimal mantissa "p" binary exponent, e.g. 4503599627370496p-52. */
function fmtB(f: number, bitSize: 32 | 64): string {
  const neg = f < 0 || Object.is(f, -0);
  if (bitSize === 32) {
    const b = new DataView(new ArrayBuffer(4));
    b.setFloat32(0, f);
    const bits = b.getUint32(0);
    let exp = (bits >>> 23) & 0xff;
    let mant = bits & 0x7fffff;
    if (exp === 0) exp++;
    else mant |= 1 << 23;
    exp += -127 - 23;
    return (neg ? "-" : "") + String(mant) + "p" + (exp >= 0 ? "+" : "") + String(exp);
  }
  const [, bexp, frac] = float64Parts(f);
  let exp = bexp;
  let mant = frac;
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  exp += -1023 - 52;
  return (neg ? "-" : "") + mant.toString() + "p" + (exp >= 0 ? "+" : "") + String(exp);
}

/** %x of a float: hexadecimal mantissa and binary exponent, e.g. 0x1.8p+01. */
function fmtX(f: number, prec: number, fmt: "x" | "X", bitSize: 32 | 64): string {
  const neg = f < 0 || Object.is(f, -0);
  let mant: bigint;
  let exp: number;
  let mantbits: number;
  if (bitSize === 32) {
    const b = new DataView(new ArrayBuffer(4));
    b.setFloat32(0, f);
    const bits = b.getUint32(0);
    exp = (bits >>> 23) & 0xff;
    mant = BigInt(bits & 0x7fffff);
    mantbits = 23;
    if (exp === 0) exp++;
    else mant |= 1n << 23n;
    exp += -127;
  } else {
    const [, bexp, frac] = float64Parts(f);
    exp = bexp;
    mant = frac;
    mantbits = 52;
    if (exp === 0) exp++;
    else mant |= 1n << 52n;
    exp += -1023;
  }
  if (mant === 0n) exp = 0;
  // Shift the mantissa so its leading 1 is at bit 60 (Go's fmtX).
  mant <<= BigInt(60 - mantbits);
  const one60 = 1n << 60n;
  while (mant !== 0n && (mant & one60) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (one60 - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === "X" ? "0123456789ABCDEF" : "0123456789abcdef";
  const mask64 = (1n << 64n) - 1n;
  let out = neg ? "-" : "";
  out += "0" + fmt + String(Number((mant >> 60n) & 1n));
  mant = (mant << 4n) & mask64; // remove leading 0 or 1 (Go's uint64 arithmetic)
  if (prec < 0 && mant !== 0n) {
    out += ".";
    while (mant !== 0n) {
      out += hex[Number((mant >> 60n) & 15n)]!;
      mant = (mant << 4n) & mask64;
    }
  } else if (prec > 0) {
    out += ".";
    for (let i = 0; i < prec; i++) {
      out += hex[Number((mant >> 60n) & 15n)]!;
      mant = (mant << 4n) & mask64;
    }
  }
  out += fmt === "X" ? "P" : "p";
  if (exp < 0) {
    out += "-";
    exp = -exp;
  } else {
    out += "+";
  }
  out += exp < 10 ? "0" + String(exp) : String(exp);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Quoting
// ---------------------------------------------------------------------------------------------

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  if (r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) return false;
  return PRINTABLE.test(String.fromCodePoint(r));
}

const lowerhex = "0123456789abcdef";

function hex2(b: number): string {
  return "\\x" + lowerhex[(b >> 4) & 15]! + lowerhex[b & 15]!;
}

function escapedRune(r: number, quote: number, asciiOnly: boolean): string {
  if (r === quote || r === 92) return "\\" + String.fromCharCode(r);
  if (asciiOnly) {
    if (r < 0x80 && isPrint(r)) return String.fromCharCode(r);
  } else if (isPrint(r)) {
    return String.fromCodePoint(r);
  }
  switch (r) {
    case 7:
      return "\\a";
    case 8:
      return "\\b";
    case 12:
      return "\\f";
    case 10:
      return "\\n";
    case 13:
      return "\\r";
    case 9:
      return "\\t";
    case 11:
      return "\\v";
  }
  if (r < 0x20 || r === 0x7f) return hex2(r);
  if (r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) r = 0xfffd;
  if (r < 0x10000) return "\\u" + r.toString(16).padStart(4, "0");
  return "\\U" + r.toString(16).padStart(8, "0");
}

function quoteWith(s: string, quote: number, asciiOnly: boolean): string {
  let out = String.fromCharCode(quote);
  for (const ch of s) {
    // A lone surrogate cannot come from UTF-8 input; it reads as U+FFFD like TextEncoder does.
    out += escapedRune(ch.codePointAt(0)!, quote, asciiOnly);
  }
  return out + String.fromCharCode(quote);
}

/** strconv.Quote */
export function quote(s: string): string {
  return ESCAPED_BYTE.test(s) ? quoteBytes(stringToBytes(s)) : quoteWith(s, 34, false);
}
/** strconv.QuoteToASCII */
export function quoteToASCII(s: string): string {
  return ESCAPED_BYTE.test(s) ? quoteBytes(stringToBytes(s), true) : quoteWith(s, 34, true);
}
/** strconv.QuoteRune (invalid runes become U+FFFD). */
export function quoteRune(r: number): string {
  if (r > 0x10ffff || r < 0 || (r >= 0xd800 && r < 0xe000)) r = 0xfffd;
  return "'" + escapedRune(r, 39, false) + "'";
}
/** strconv.QuoteRuneToASCII */
export function quoteRuneToASCII(r: number): string {
  if (r > 0x10ffff || r < 0 || (r >= 0xd800 && r < 0xe000)) r = 0xfffd;
  return "'" + escapedRune(r, 39, true) + "'";
}

/**
 * Decodes one UTF-8 sequence at b[i]: [rune, width]; an invalid byte is [-1, 1] (Go's RuneError
 * of width 1).
 */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c0 = b[i]!;
  if (c0 < 0x80) return [c0, 1];
  const need = c0 >= 0xf0 ? (c0 <= 0xf4 ? 3 : 0) : c0 >= 0xe0 ? 2 : c0 >= 0xc2 ? 1 : 0;
  if (need === 0) return [-1, 1];
  let r = c0 & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
  for (let k = 1; k <= need; k++) {
    const c = b[i + k];
    if (c === undefined || (c & 0xc0) !== 0x80) return [-1, 1];
    r = (r << 6) | (c & 0x3f);
  }
  const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
  if (r < min || r > 0x10ffff || (r >= 0xd800 && r < 0xe000)) return [-1, 1];
  return [r, need + 1];
}

/** strconv.Quote of a byte string: invalid UTF-8 bytes print as \xNN. */
export function quoteBytes(b: Uint8Array, asciiOnly = false): string {
  let out = '"';
  for (let i = 0; i < b.length;) {
    const [r, w] = decodeRune(b, i);
    out += r < 0 ? hex2(b[i]!) : escapedRune(r, 34, asciiOnly);
    i += w;
  }
  return out + '"';
}

/*
 * Go strings are bytes; ours are JavaScript strings. Valid UTF-8 becomes the characters it spells;
 * each byte that is not part of valid UTF-8 becomes a lone surrogate U+DC80–U+DCFF (Python's
 * "surrogateescape"), so binary data — `.Files.Get` of an image, `b64dec` of random bytes — comes
 * back byte for byte through b64enc, the hashes and len.
 */
const ESCAPE_BASE = 0xdc00;
const strictDecoder = new TextDecoder("utf-8", { fatal: true });
const utf8Encoder = new TextEncoder();
const ESCAPED_BYTE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** Go's string(b). */
export function bytesToString(b: Uint8Array): string {
  try {
    return strictDecoder.decode(b);
  } catch {
    let out = "";
    for (let i = 0; i < b.length;) {
      const [r, w] = decodeRune(b, i);
      out += r < 0 ? String.fromCharCode(ESCAPE_BASE + b[i]!) : String.fromCodePoint(r);
      i += w;
    }
    return out;
  }
}

/** Go's []byte(s): UTF-8, with escaped bytes restored. */
export function stringToBytes(s: string): Uint8Array {
  if (!ESCAPED_BYTE.test(s)) return utf8Encoder.encode(s);
  const parts: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const lone = c >= 0xdc80 && c <= 0xdcff && !(i > 0 && isHighSurrogate(s.charCodeAt(i - 1)));
    if (lone) {
      parts.push(c - ESCAPE_BASE);
      continue;
    }
    const end = isHighSurrogate(c) && i + 1 < s.length ? i + 2 : i + 1;
    for (const byte of utf8Encoder.encode(s.slice(i, end))) parts.push(byte);
    i = end - 1;
  }
  return Uint8Array.from(parts);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** strconv.CanBackquote */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (r >= 0x80) {
      if (r === 0xfeff) return false; // BOMs are invisible and should not be quoted.
      if (r >= 0xd800 && r < 0xe000) return false; // not valid UTF-8
      continue;
    }
    if ((r < 0x20 && r !== 9) || r === 0x60 || r === 0x7f) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

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
