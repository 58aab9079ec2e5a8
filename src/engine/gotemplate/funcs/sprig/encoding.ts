/**
 * Sprig's b64enc/b64dec/b32enc/b32dec. The decoders follow Go's encoding/base64 and base32 (padding
 * required, \r and \n ignored, the offending byte's offset in the error) and, as sprig does, return
 * the error text itself as the result instead of failing.
 */
import type { FuncMap } from "../types.js";
import { bytesToString as fromUtf8, stringToBytes as utf8 } from "../../strconv.js";
import { strArg } from "./common.js";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const PAD = 0x3d; // '='
const CR = 0x0d;
const LF = 0x0a;

function decodeMap(alphabet: string): Uint8Array {
  const m = new Uint8Array(256).fill(0xff);
  for (let i = 0; i < alphabet.length; i++) m[alphabet.charCodeAt(i)] = i;
  return m;
}
const B64_MAP = decodeMap(B64);
const B32_MAP = decodeMap(B32);

class CorruptInput extends Error {
  constructor(kind: string, offset: number) {
    super(`illegal ${kind} data at input byte ${offset}`);
  }
}

export function base64Encode(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** Go's base64.StdEncoding.DecodeString, quantum by quantum. */
export function base64Decode(text: string): Uint8Array {
  const src = utf8(text);
  const out: number[] = [];
  let si = 0;
  const dbuf = [0, 0, 0, 0];
  for (;;) {
    let dlen = 4;
    let trailing: number | undefined;
    dbuf.fill(0);
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Uint8Array.from(out);
        throw new CorruptInput("base64", si - j);
      }
      const ch = src[si]!;
      si++;
      const v = B64_MAP[ch]!;
      if (v !== 0xff) {
        dbuf[j] = v;
        continue;
      }
      if (ch === LF || ch === CR) {
        j--;
        continue;
      }
      if (ch !== PAD || j < 2) throw new CorruptInput("base64", si - 1);
      if (j === 2) {
        // "==" expected: the first "=" is consumed, newlines may sit between them.
        while (si < src.length && (src[si] === LF || src[si] === CR)) si++;
        if (si === src.length) throw new CorruptInput("base64", src.length);
        if (src[si] !== PAD) throw new CorruptInput("base64", si - 1);
        si++;
      }
      while (si < src.length && (src[si] === LF || src[si] === CR)) si++;
      if (si < src.length) trailing = si;
      dlen = j;
      break;
    }
    const val = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    for (let k = 0; k < dlen - 1; k++) out.push(bytes[k]!);
    if (trailing !== undefined) throw new CorruptInput("base64", trailing);
    if (dlen < 4) return Uint8Array.from(out);
  }
}

export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 5) {
    const chunk = bytes.subarray(i, i + 5);
    let bits = 0n;
    for (let k = 0; k < 5; k++) bits = (bits << 8n) | BigInt(chunk[k] ?? 0);
    const chars = [1, 2, 4, 5, 7, 8][chunk.length] ?? 8; // characters carrying data
    for (let k = 0; k < 8; k++)
      out += k < chars ? B32[Number((bits >> BigInt(35 - 5 * k)) & 31n)] : "=";
  }
  return out;
}

/** Go's base32.StdEncoding.DecodeString (newlines stripped first, offsets counted without them). */
export function base32Decode(text: string): Uint8Array {
  const src = utf8(text).filter((b) => b !== CR && b !== LF);
  const olen = src.length;
  const out: number[] = [];
  let pos = 0;
  let end = false;
  while (pos < src.length && !end) {
    const dbuf = [0, 0, 0, 0, 0, 0, 0, 0];
    let dlen = 8;
    for (let j = 0; j < 8;) {
      if (pos === src.length) throw new CorruptInput("base32", olen - (src.length - pos) - j);
      const ch = src[pos]!;
      pos++;
      const left = src.length - pos;
      if (ch === PAD && j >= 2 && left < 8) {
        if (left + j < 7) throw new CorruptInput("base32", olen);
        for (let k = 0; k < 7 - j; k++)
          if (left > k && src[pos + k] !== PAD)
            throw new CorruptInput("base32", olen - left + k - 1);
        dlen = j;
        end = true;
        if (dlen === 1 || dlen === 3 || dlen === 6)
          throw new CorruptInput("base32", olen - left - 1);
        break;
      }
      const v = B32_MAP[ch]!;
      if (v === 0xff) throw new CorruptInput("base32", olen - left - 1);
      dbuf[j] = v;
      j++;
    }
    const d = dbuf as [number, number, number, number, number, number, number, number];
    const bytes = [
      ((d[0] << 3) | (d[1] >> 2)) & 0xff,
      ((d[1] << 6) | (d[2] << 1) | (d[3] >> 4)) & 0xff,
      ((d[3] << 4) | (d[4] >> 1)) & 0xff,
      ((d[4] << 7) | (d[5] << 2) | (d[6] >> 3)) & 0xff,
      ((d[6] << 5) | d[7]) & 0xff,
    ];
    const n = { 8: 5, 7: 4, 5: 3, 4: 2, 2: 1 }[dlen] ?? 0;
    for (let k = 0; k < n; k++) out.push(bytes[k]!);
  }
  return Uint8Array.from(out);
}

/** sprig returns err.Error() in place of the decoded text. */
function orErrorText(decode: () => Uint8Array): string {
  try {
    return fromUtf8(decode());
  } catch (e) {
    if (e instanceof CorruptInput) return e.message;
    throw e;
  }
}

export const encodingFuncs: FuncMap = {
  b64enc: { params: ["string"], fn: (s) => base64Encode(utf8(strArg(s))) },
  b64dec: { params: ["string"], fn: (s) => orErrorText(() => base64Decode(strArg(s))) },
  b32enc: { params: ["string"], fn: (s) => base32Encode(utf8(strArg(s))) },
  b32dec: { params: ["string"], fn: (s) => orErrorText(() => base32Decode(strArg(s))) },
};
