/**
 * Go's fmt/format.go: the flags of one verb (`%-08.3x`) and the formatting of the basic pieces —
 * padding to a width, integers in every base, floats, strings and quoted strings. The printer
 * (print.ts) decides which of these a value goes through.
 */
import { formatFloat } from "../strconv/formatFloat.js";
import {
  canBackquote,
  isPrint,
  quote,
  quoteRune,
  quoteRuneToASCII,
  quoteToASCII,
} from "../strconv/quote.js";

export const ldigits = "0123456789abcdefx";
export const udigits = "0123456789ABCDEFX";

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A surrogate pair is one rune.
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) i++;
    }
    n++;
  }
  return n;
}

/**
 * The digits of a magnitude beyond 2^53. Integers are doubles here, so int64's extremes arrive
 * rounded: 2^63 can only be MaxInt64 (9223372036854775807, e.g. a clamped strconv.Atoi result)
 * when positive and MinInt64 when negative, and 2^64 only MaxUint64.
 */
function bigIntString(u: number, isSigned: boolean, negative: boolean, base: number): string {
  let b = BigInt(u);
  if (isSigned && !negative && b >= 1n << 63n) b = (1n << 63n) - 1n;
  else if (!isSigned && b >= 1n << 64n) b = (1n << 64n) - 1n;
  return b.toString(base);
}

/** The flags and output of one Sprintf/Sprint call (Go's fmt, which pp embeds). */
export class Formatter {
  buf = "";
  // fmt flags
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  wid = 0;
  prec = 0;

  clearflags(): void {
    this.widPresent = this.precPresent = this.minus = this.plus = false;
    this.sharp = this.space = this.zero = this.plusV = this.sharpV = false;
    this.wid = this.prec = 0;
  }

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.zero ? "0" : " ").repeat(n);
  }

  padString(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  fmtBoolean(v: boolean): void {
    this.padString(v ? "true" : "false");
  }

  fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let s = u.toString(16).toUpperCase();
    if (s.length < prec) s = "0".repeat(prec - s.length) + s;
    s = "U+" + s;
    if (this.sharp && u <= 0x10ffffn && isPrint(Number(u)))
      s += " '" + String.fromCodePoint(Number(u)) + "'";
    const oldZero = this.zero;
    this.zero = false;
    this.padString(s);
    this.zero = oldZero;
  }

  /** fmt.fmtInteger: v is the integer's value; `unsigned` prints its 64-bit two's complement. */
  fmtInteger(v: number, base: number, isSigned: boolean, verb: string, digits: string): void {
    let negative = isSigned && v < 0;
    let u: number | bigint = negative ? -v : v;
    if (!isSigned && v < 0) {
      u = BigInt.asUintN(64, BigInt(v));
      negative = false;
    }
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0) {
        const oldZero = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = oldZero;
        return;
      }
    } else if (this.zero && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--; // leave room for sign
    }
    let s: string;
    if (typeof u === "bigint" || u <= Number.MAX_SAFE_INTEGER) s = u.toString(base);
    else s = bigIntString(u, isSigned, negative, base);
    if (digits === udigits) s = s.toUpperCase();
    if (s.length < prec) s = "0".repeat(prec - s.length) + s;
    if (this.sharp) {
      if (base === 2) s = "0b" + s;
      else if (base === 8) {
        if (s[0] !== "0") s = "0" + s;
      } else if (base === 16) s = "0" + digits[16]! + s;
    }
    if (verb === "O") s = "0o" + s;
    if (negative) s = "-" + s;
    else if (this.plus) s = "+" + s;
    else if (this.space) s = " " + s;
    const oldZero = this.zero;
    this.zero = false;
    this.padString(s);
    this.zero = oldZero;
  }

  truncateString(s: string): string {
    if (this.precPresent) {
      let n = this.prec;
      let i = 0;
      for (const ch of s) {
        n--;
        if (n < 0) return s.slice(0, i);
        i += ch.length;
      }
    }
    return s;
  }

  fmtS(s: string): void {
    this.padString(this.truncateString(s));
  }

  /** %x of a string or []byte: hex of the bytes, `% x` spaced, `%#x` 0x-prefixed. */
  fmtSbx(b: Uint8Array, digits: string): void {
    let length = b.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) {
        width += 2;
      }
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    let out = "";
    if (this.sharp) out += "0" + digits[16]!;
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        out += " ";
        if (this.sharp) out += "0" + digits[16]!;
      }
      const c = b[i]!;
      out += digits[c >> 4]! + digits[c & 0xf]!;
    }
    this.buf += out;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  fmtQ(s: string): void {
    s = this.truncateString(s);
    if (this.sharp && canBackquote(s)) {
      this.padString("`" + s + "`");
      return;
    }
    this.padString(this.plus ? quoteToASCII(s) : quote(s));
  }

  fmtC(c: number): void {
    let r = c;
    if (c < 0 || c > 0x10ffff || (c >= 0xd800 && c < 0xe000)) r = 0xfffd;
    this.padString(String.fromCodePoint(r));
  }

  fmtQc(c: number): void {
    let r = c;
    if (c < 0 || c > 0x10ffff) r = 0xfffd;
    this.padString(this.plus ? quoteRuneToASCII(r) : quoteRune(r));
  }

  /** fmt.fmtFloat: formats with the sign always present, then applies flags and padding. */
  fmtFloatStr(
    v: number,
    size: 32 | 64,
    verb: "e" | "E" | "f" | "g" | "G" | "b" | "x" | "X",
    prec: number,
  ): void {
    if (this.precPresent) prec = this.prec;
    let num = formatFloat(v, verb, prec, size);
    if (num[0] === "-" || num[0] === "+") {
      // already signed
    } else {
      num = "+" + num;
    }
    if (this.space && num[0] === "+" && !this.plus) num = " " + num.slice(1);
    if (num[1] === "I" || num[1] === "N") {
      const oldZero = this.zero;
      this.zero = false;
      if (num[1] === "N" && !this.space && !this.plus) num = num.slice(1);
      this.padString(num);
      this.zero = oldZero;
      return;
    }
    if (this.sharp && verb !== "b") {
      let digits = 0;
      if (verb === "g" || verb === "G" || verb === "x") {
        digits = prec;
        // If no precision is set explicitly use a precision of 6.
        if (digits === -1) digits = 6;
      }
      let tail = "";
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      let body = num;
      for (let i = 1; i < body.length; i++) {
        const c = body[i]!;
        if (c === ".") {
          hasDecimalPoint = true;
        } else if (c === "p" || c === "P") {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        } else if ((c === "e" || c === "E") && verb !== "x" && verb !== "X") {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        } else {
          if (c !== "0") sawNonzeroDigit = true;
          if (sawNonzeroDigit) digits--;
        }
      }
      if (!hasDecimalPoint) {
        // Leading digit 0 should contribute once to digits.
        if (body.length === 2 && body[1] === "0") digits--;
        body += ".";
      }
      if (digits > 0) body += "0".repeat(digits);
      num = body + tail;
    }
    if (this.plus || num[0] !== "+") {
      // If we're zero padding to the left we want the sign before the leading zeros.
      if (this.zero && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.padString(num);
      return;
    }
    // No sign to show and the number is positive; just print the unsigned number.
    this.padString(num.slice(1));
  }
}
