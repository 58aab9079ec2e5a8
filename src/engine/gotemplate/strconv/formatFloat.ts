/**
 * strconv.FormatFloat: what `%v`, `%g`, `%.2f` and cast.ToString print for a float. Digits come
 * from the exact decimal expansion of the double (or the shortest one that reads back), rounded
 * half to even as Go's decimal type does.
 */

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
  return out + ch + exponent(x.d.length === 0 ? 0 : x.dp - 1);
}

/** An exponent as Go writes it: always signed, at least two digits. */
function exponent(exp: number): string {
  const abs = Math.abs(exp);
  return (exp < 0 ? "-" : "+") + (abs < 10 ? "0" + String(abs) : String(abs));
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
  return out + (fmt === "X" ? "P" : "p") + exponent(exp);
}
