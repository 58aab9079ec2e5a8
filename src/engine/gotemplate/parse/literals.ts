/**
 * Go literal syntax as the template parser reads it (strconv.Unquote / UnquoteChar, and
 * parse.newNumber's ParseInt / ParseUint / ParseFloat): string constants and number constants
 * stored under every Go type that can represent them.
 */
import type { NumberNode, Tree } from "../ast.js";
import { goQuote } from "../ast.js";
import { underscoreOK } from "../strconv/parse.js";
import { T } from "./tokens.js";

/** strconv.Unquote for "…" and `…` literals; undefined = invalid syntax. */
export function goUnquote(s: string): string | undefined {
  if (s.length < 2) return undefined;
  const q = s[0];
  if (q !== s[s.length - 1]) return undefined;
  const body = s.slice(1, -1);
  if (q === "`") {
    if (body.includes("`")) return undefined;
    return body.includes("\r") ? body.replace(/\r/g, "") : body;
  }
  if (q !== '"') return undefined;
  if (!body.includes("\\") && !body.includes('"') && !body.includes("\n")) return body;
  let out = "";
  let rest = body;
  while (rest.length > 0) {
    const r = unquoteChar(rest, '"');
    if (!r) return undefined;
    out += r.value;
    rest = rest.slice(r.consumed);
  }
  return out;
}

/** strconv.UnquoteChar: the first (possibly escaped) character of s. */
export function unquoteChar(
  s: string,
  quote: string,
): { value: string; code: number; consumed: number } | undefined {
  const c = s.codePointAt(0)!;
  const ch = String.fromCodePoint(c);
  if (ch === quote && (quote === "'" || quote === '"')) return undefined;
  if (ch === "\n") return undefined;
  if (ch !== "\\") return { value: ch, code: c, consumed: ch.length };
  if (s.length <= 1) return undefined;
  const e = s[1]!;
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };
  const sv = simple[e];
  if (sv !== undefined) return { value: String.fromCharCode(sv), code: sv, consumed: 2 };
  if (e === "'" || e === '"') {
    if (e !== quote) return undefined;
    return { value: e, code: e.charCodeAt(0), consumed: 2 };
  }
  if (e === "x" || e === "u" || e === "U") {
    const n = e === "x" ? 2 : e === "u" ? 4 : 8;
    const hex = s.slice(2, 2 + n);
    if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
    const v = parseInt(hex, 16);
    if (e === "x") {
      // A \x byte inside a string is a raw byte; bytes ≥ 0x80 cannot be represented in a JS
      // string faithfully, so they come through as the Latin-1 character of that value.
      return { value: String.fromCharCode(v), code: v, consumed: 2 + n };
    }
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
    return { value: String.fromCodePoint(v), code: v, consumed: 2 + n };
  }
  if (e >= "0" && e <= "7") {
    const oct = s.slice(1, 4);
    if (!/^[0-7]{3}$/.test(oct)) return undefined;
    const v = parseInt(oct, 8);
    if (v > 255) return undefined;
    return { value: String.fromCharCode(v), code: v, consumed: 4 };
  }
  return undefined;
}

const MAX_U64 = (1n << 64n) - 1n;
const MAX_I64 = (1n << 63n) - 1n;
const MIN_I64 = -(1n << 63n);

/** strconv.ParseUint(s, 0, 64) / ParseInt(s, 0, 64); undefined on any error. */
function parseGoInteger(text: string, signed: boolean): bigint | undefined {
  let s = text;
  let neg = false;
  if (signed && (s[0] === "+" || s[0] === "-")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s.length === 0) return undefined;
  let base = 10;
  let digits = s;
  if (s[0] === "0") {
    if (s.length >= 3 && (s[1] === "x" || s[1] === "X")) {
      base = 16;
      digits = s.slice(2);
    } else if (s.length >= 3 && (s[1] === "o" || s[1] === "O")) {
      base = 8;
      digits = s.slice(2);
    } else if (s.length >= 3 && (s[1] === "b" || s[1] === "B")) {
      base = 2;
      digits = s.slice(2);
    } else {
      base = 8;
      digits = s.slice(1);
      if (digits.length === 0) return 0n;
    }
  }
  if (digits.includes("_")) {
    if (!underscoreOK(s)) return undefined;
    digits = digits.replace(/_/g, "");
  }
  if (digits.length === 0) return undefined;
  const valid =
    base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return undefined;
  const prefix = base === 16 ? "0x" : base === 8 ? "0o" : base === 2 ? "0b" : "";
  let v = BigInt(prefix + digits);
  if (neg) v = -v;
  if (signed ? v < MIN_I64 || v > MAX_I64 : v > MAX_U64) return undefined;
  return v;
}

/** strconv.ParseFloat(s, 64) for the forms the lexer lets through; undefined on error. */
function parseGoFloat(text: string): number | undefined {
  let s = text;
  if (s.includes("_")) {
    if (!underscoreOK(s)) return undefined;
    s = s.replace(/_/g, "");
  }
  let v: number;
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(s);
  if (hex) {
    const [, sign, int = "", frac = "", exp = "0"] = hex;
    if (int.length + frac.length === 0) return undefined;
    const mant = BigInt("0x" + (int + frac || "0"));
    v = Number(mant) * Math.pow(2, Number(exp) - 4 * frac.length);
    if (sign === "-") v = -v;
  } else {
    if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) return undefined;
    v = Number(s);
  }
  if (!Number.isFinite(v)) return undefined;
  return v;
}

/** parse.newNumber: a number node or Go's error text. */
export function newNumber(pos: number, tree: Tree, text: string, typ: T): NumberNode | string {
  const n: NumberNode = {
    type: "number",
    pos,
    tree,
    text,
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int64: 0,
    uint64: 0,
    float64: 0,
    real: 0,
    imag: 0,
  };
  if (typ === T.CharConstant) {
    const r = unquoteChar(text.slice(1), "'");
    if (!r) return "invalid syntax";
    if (text.slice(1 + r.consumed) !== "'") return `malformed character constant: ${text}`;
    n.int64 = n.uint64 = n.float64 = r.code;
    n.isInt = n.isUint = n.isFloat = true;
    return n;
  }
  if (typ === T.Complex) {
    const m = /^([+-]?[^+-]*(?:[eEpP][+-][^+-]*)?)([+-].*)i$/.exec(text);
    const re = m ? parseGoFloat(m[1]!) : undefined;
    const im = m ? parseGoFloat(m[2]!) : undefined;
    if (re === undefined || im === undefined) return "expected integer";
    n.isComplex = true;
    simplifyComplex(n, re, im);
    return n;
  }
  if (text.endsWith("i")) {
    const f = parseGoFloat(text.slice(0, -1));
    if (f !== undefined) {
      n.isComplex = true;
      simplifyComplex(n, 0, f);
      return n;
    }
  }
  const u = parseGoInteger(text, false);
  if (u !== undefined) {
    n.isUint = true;
    n.uint64 = Number(u);
  }
  const i = parseGoInteger(text, true);
  if (i !== undefined) {
    n.isInt = true;
    n.int64 = Number(i);
    if (i === 0n) {
      n.isUint = true;
      n.uint64 = 0;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = n.int64;
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = n.uint64;
  } else {
    const f = parseGoFloat(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      n.isFloat = true;
      n.float64 = f;
      if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
        n.isInt = true;
        n.int64 = f === 0 ? 0 : f;
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        n.isUint = true;
        n.uint64 = f === 0 ? 0 : f;
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return n;
}

function simplifyComplex(n: NumberNode, re: number, im: number): void {
  n.real = re;
  n.imag = im;
  n.isFloat = im === 0;
  if (n.isFloat) {
    n.float64 = re;
    n.isInt = Number.isInteger(re) && re >= -(2 ** 63) && re < 2 ** 63;
    if (n.isInt) n.int64 = re === 0 ? 0 : re;
    n.isUint = Number.isInteger(re) && re >= 0 && re < 2 ** 64;
    if (n.isUint) n.uint64 = re === 0 ? 0 : re;
  }
}
