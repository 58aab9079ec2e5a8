/**
 * Just enough DER to write X.509 certificates and the key formats Go writes (Node can sign but has
 * no API to create a certificate), and to read back the parts of a CA certificate Go reuses.
 */

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return [0x80 | bytes.length, ...bytes];
}

/** A TLV with the given tag byte. */
export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concat(content);
  return concat([Uint8Array.from([tag, ...lengthBytes(body.length)]), body]);
}

export const seq = (...items: Uint8Array[]): Uint8Array => tlv(0x30, ...items);
export const set = (...items: Uint8Array[]): Uint8Array => tlv(0x31, ...items);
export const nul = (): Uint8Array => Uint8Array.of(0x05, 0x00);
export const bool = (b: boolean): Uint8Array => Uint8Array.of(0x01, 0x01, b ? 0xff : 0x00);
export const octets = (b: Uint8Array): Uint8Array => tlv(0x04, b);
export const bitString = (b: Uint8Array, unusedBits = 0): Uint8Array =>
  tlv(0x03, Uint8Array.of(unusedBits), b);
/** [n] EXPLICIT (constructed context tag). */
export const explicit = (n: number, ...content: Uint8Array[]): Uint8Array =>
  tlv(0xa0 | n, ...content);

/** A non-negative INTEGER, minimal two's complement. */
export function int(v: bigint | number | Uint8Array): Uint8Array {
  let bytes: number[];
  if (v instanceof Uint8Array) {
    bytes = [...v];
    while (bytes.length > 1 && bytes[0] === 0) bytes.shift();
  } else {
    let n = BigInt(v);
    bytes = [];
    do {
      bytes.unshift(Number(n & 0xffn));
      n >>= 8n;
    } while (n > 0n);
  }
  if (bytes.length === 0) bytes = [0];
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split(".").map((s) => BigInt(s));
  const out: number[] = [];
  const first = arcs[0]! * 40n + arcs[1]!;
  for (const arc of [first, ...arcs.slice(2)]) {
    const chunk: number[] = [];
    let n = arc;
    do {
      chunk.unshift(Number(n & 0x7fn) | (chunk.length > 0 ? 0x80 : 0));
      n >>= 7n;
    } while (n > 0n);
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Go's asn1 PrintableString alphabet ('*' and '&' excluded when marshalling). */
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** A string as Go's encoding/asn1 marshals a Go string: PrintableString when it can, else UTF8String. */
export function goString(s: string): Uint8Array {
  return PRINTABLE.test(s) ? tlv(0x13, ascii(s)) : tlv(0x0c, new TextEncoder().encode(s));
}

/** UTCTime for 1950–2049 and GeneralizedTime otherwise, to the second, as Go writes validity. */
export function time(d: Date): Uint8Array {
  const y = d.getUTCFullYear();
  const p2 = (n: number) => String(n).padStart(2, "0");
  const rest =
    p2(d.getUTCMonth() + 1) +
    p2(d.getUTCDate()) +
    p2(d.getUTCHours()) +
    p2(d.getUTCMinutes()) +
    p2(d.getUTCSeconds()) +
    "Z";
  if (y >= 1950 && y < 2050) return tlv(0x17, ascii(p2(y % 100) + rest));
  return tlv(0x18, ascii(String(y).padStart(4, "0") + rest));
}

/** One parsed TLV. */
export interface Node {
  tag: number;
  /** The value bytes. */
  content: Uint8Array;
  /** The whole TLV. */
  raw: Uint8Array;
}

export class DerError extends Error {}

/** Reads the TLV at `at`. */
export function read(buf: Uint8Array, at = 0): Node {
  if (at + 2 > buf.length) throw new DerError("asn1: syntax error: data truncated");
  const tag = buf[at]!;
  let len = buf[at + 1]!;
  let header = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new DerError("asn1: structure error: length too large");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[at + 2 + i]!;
    header += n;
  }
  const end = at + header + len;
  if (end > buf.length) throw new DerError("asn1: syntax error: data truncated");
  return { tag, content: buf.subarray(at + header, end), raw: buf.subarray(at, end) };
}

/** The TLVs inside a constructed value. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (let at = 0; at < node.content.length;) {
    const child = read(node.content, at);
    out.push(child);
    at += child.raw.length;
  }
  return out;
}

export function readOid(node: Node): string {
  const arcs: bigint[] = [];
  let n = 0n;
  for (const b of node.content) {
    n = (n << 7n) | BigInt(b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(n);
      n = 0n;
    }
  }
  const first = arcs[0] ?? 0n;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join(".");
}

export function readInt(node: Node): bigint {
  let n = 0n;
  for (const b of node.content) n = (n << 8n) | BigInt(b);
  return n;
}

/** PEM as Go's encoding/pem writes it: 64-column base64 lines. */
export function pem(type: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${type}-----\n${lines.join("\n")}${lines.length ? "\n" : ""}-----END ${type}-----\n`;
}

/** The first PEM block, as Go's pem.Decode finds it (undefined when there is none). */
export function decodePem(text: string): { type: string; der: Uint8Array } | undefined {
  const m = /(?:^|\n)-----BEGIN ([^\n]*?)-----[ \t\r]*\n([\s\S]*?)\n?-----END \1-----/.exec(text);
  if (m === null) return undefined;
  // Skip RFC 1421 headers ("Proc-Type: ...") up to the blank line that ends them.
  let body = m[2]!;
  if (/^[^\n:]+:/.test(body)) body = body.replace(/^[\s\S]*?\n\s*\n/, "");
  const b64 = body.replace(/[\s]/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) return undefined;
  return { type: m[1]!, der: new Uint8Array(Buffer.from(b64, "base64")) };
}
