/**
 * strconv's quoting (Quote, QuoteToASCII, QuoteRune, CanBackquote) and unicode.IsPrint: what
 * `%q` and `%#v` print. Widths and quoting work on code points, which is what Go does for valid
 * UTF-8 (the only kind YAML and JSON values can hold); a string holding bytes that are not
 * UTF-8 is quoted byte by byte, as Go does.
 */
import { decodeRune, hasEscapedBytes, stringToBytes } from "./byteString.js";

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
  return hasEscapedBytes(s) ? quoteBytes(stringToBytes(s)) : quoteWith(s, 34, false);
}
/** strconv.QuoteToASCII */
export function quoteToASCII(s: string): string {
  return hasEscapedBytes(s) ? quoteBytes(stringToBytes(s), true) : quoteWith(s, 34, true);
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
