import { bytesToString, stringToBytes } from "../../strconv.js";
/**
 * Go's unicode package, rune by rune (a rune is one code point here). JavaScript's own case
 * mapping is the *full* one ("ß".toUpperCase() is "SS"); Go's ToUpper/ToLower/ToTitle are the
 * simple one-rune mappings, so a mapping that would change the length leaves the rune alone.
 */

const UPPER = /^\p{Lu}$/u;
const LOWER = /^\p{Ll}$/u;
const TITLE = /^\p{Lt}$/u;
const LETTER = /^\p{L}$/u;
const NUMBER = /^\p{N}$/u;
const DIGIT = /^\p{Nd}$/u;
const PUNCT = /^\p{P}$/u;

/** unicode.IsSpace: Latin-1 spaces plus the White_Space property (not U+FEFF, unlike JS's \s). */
export function isSpace(cp: number): boolean {
  if (cp <= 0xff) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) || cp === 0x85 || cp === 0xa0;
  return (
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

const ascii = (cp: number, lo: number, hi: number): boolean => cp >= lo && cp <= hi;

export function isUpper(cp: number): boolean {
  if (cp < 0x80) return ascii(cp, 0x41, 0x5a);
  return UPPER.test(String.fromCodePoint(cp));
}
export function isLower(cp: number): boolean {
  if (cp < 0x80) return ascii(cp, 0x61, 0x7a);
  return LOWER.test(String.fromCodePoint(cp));
}
export function isTitle(cp: number): boolean {
  return cp >= 0x80 && TITLE.test(String.fromCodePoint(cp));
}
export function isLetter(cp: number): boolean {
  if (cp < 0x80) return ascii(cp, 0x41, 0x5a) || ascii(cp, 0x61, 0x7a);
  return LETTER.test(String.fromCodePoint(cp));
}
export function isNumber(cp: number): boolean {
  if (cp < 0x80) return ascii(cp, 0x30, 0x39);
  return NUMBER.test(String.fromCodePoint(cp));
}
export function isDigit(cp: number): boolean {
  if (cp < 0x80) return ascii(cp, 0x30, 0x39);
  return DIGIT.test(String.fromCodePoint(cp));
}
export function isPunct(cp: number): boolean {
  return PUNCT.test(String.fromCodePoint(cp));
}

function simple(cp: number, mapped: string): number {
  const out = mapped.codePointAt(0);
  return out !== undefined && mapped.length === (out > 0xffff ? 2 : 1) ? out : cp;
}

export function toUpper(cp: number): number {
  if (cp < 0x80) return ascii(cp, 0x61, 0x7a) ? cp - 32 : cp;
  return simple(cp, String.fromCodePoint(cp).toUpperCase());
}
export function toLower(cp: number): number {
  if (cp < 0x80) return ascii(cp, 0x41, 0x5a) ? cp + 32 : cp;
  if (cp === 0x130) return 0x69; // İ: Go's simple mapping; JS's full one appends a combining dot
  return simple(cp, String.fromCodePoint(cp).toLowerCase());
}

/** The four Latin digraphs with a distinct title case (DŽ Dž dž → Dž, …); otherwise upper case. */
const TITLE_DIGRAPHS: Record<number, number> = {
  0x1c4: 0x1c5,
  0x1c5: 0x1c5,
  0x1c6: 0x1c5,
  0x1c7: 0x1c8,
  0x1c8: 0x1c8,
  0x1c9: 0x1c8,
  0x1ca: 0x1cb,
  0x1cb: 0x1cb,
  0x1cc: 0x1cb,
  0x1f1: 0x1f2,
  0x1f2: 0x1f2,
  0x1f3: 0x1f2,
};
export function toTitle(cp: number): number {
  return TITLE_DIGRAPHS[cp] ?? toUpper(cp);
}

/** Maps every rune of `s` (strings.Map without deletion). */
export function mapRunes(s: string, f: (cp: number) => number): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const m = f(cp);
    out += m === cp ? ch : String.fromCodePoint(m);
  }
  return out;
}

// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;
export function isAscii(s: string): boolean {
  return ASCII_ONLY.test(s);
}

/** String.fromCodePoint over an array of any length (spread arguments have a limit). */
export function fromCodePoints(cps: number[]): string {
  let out = "";
  for (let i = 0; i < cps.length; i += 4096) out += String.fromCodePoint(...cps.slice(i, i + 4096));
  return out;
}

/**
 * Go strings are bytes: functions that slice by byte offset (trunc, substr, abbrev) work on the
 * UTF-8 encoding. A cut through a multi-byte rune leaves invalid bytes, kept as escapes
 * (strconv.ts bytesToString), as Go keeps them.
 */
export function utf8(s: string): Buffer {
  const b = stringToBytes(s);
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
export function fromUtf8(b: Uint8Array): string {
  return bytesToString(b);
}
