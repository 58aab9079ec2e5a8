/**
 * Go's string(b) and []byte(s), and utf8.DecodeRune. Go strings are bytes; ours are JavaScript
 * strings. Valid UTF-8 becomes the characters it spells; each byte that is not part of valid
 * UTF-8 becomes a lone surrogate U+DC80–U+DCFF (Python's "surrogateescape"), so binary data —
 * `.Files.Get` of an image, `b64dec` of random bytes — comes back byte for byte through b64enc,
 * the hashes and len.
 */

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

/** Whether s holds a byte that is not valid UTF-8 (an escaped byte from bytesToString). */
export function hasEscapedBytes(s: string): boolean {
  return ESCAPED_BYTE.test(s);
}
