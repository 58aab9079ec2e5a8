/** Go's time.Duration (int64 nanoseconds): ParseDuration and String ("1h2m3.5s"). */

export const NANOSECOND = 1n;
export const MICROSECOND = 1000n;
export const MILLISECOND = 1000000n;
export const SECOND = 1000000000n;
export const MINUTE = 60n * SECOND;
export const HOUR = 60n * MINUTE;

const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);

/** Wraps to int64 as Go's arithmetic does. */
export const int64 = (n: bigint): bigint => BigInt.asIntN(64, n);

const UNITS: Record<string, bigint> = {
  ns: NANOSECOND,
  us: MICROSECOND,
  µs: MICROSECOND, // U+00B5
  μs: MICROSECOND, // U+03BC
  ms: MILLISECOND,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
};

/** Go's strconv-style quoting used in time's error messages. */
export function timeQuote(s: string): string {
  let out = '"';
  for (const b of new TextEncoder().encode(s)) {
    if (b >= 0x80 || b < 0x20) {
      out += `\\x${b.toString(16).padStart(2, "0")}`;
    } else {
      const c = String.fromCharCode(b);
      out += c === '"' || c === "\\" ? `\\${c}` : c;
    }
  }
  return `${out}"`;
}

export class DurationError extends Error {}

/** time.ParseDuration. */
export function parseDuration(orig: string): bigint {
  let s = orig;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  const invalid = () => new DurationError(`time: invalid duration ${timeQuote(orig)}`);
  if (s === "") throw invalid();
  let d = 0n;
  while (s !== "") {
    if (!(s[0] === "." || (s[0]! >= "0" && s[0]! <= "9"))) throw invalid();
    const intMatch = /^[0-9]*/.exec(s)![0];
    s = s.slice(intMatch.length);
    if (intMatch.length > 0 && BigInt(intMatch) > 1n << 63n) throw invalid();
    let v = intMatch === "" ? 0n : BigInt(intMatch);
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[0] === ".") {
      s = s.slice(1);
      const frac = /^[0-9]*/.exec(s)![0];
      s = s.slice(frac.length);
      post = frac.length > 0;
      // leadingFraction: digits beyond int64 precision are dropped.
      for (const ch of frac) {
        const y = f * 10n + BigInt(ch);
        if (f > ((1n << 63n) - 1n) / 10n || y > 1n << 63n) break;
        f = y;
        scale *= 10;
      }
    }
    if (intMatch === "" && !post) throw invalid();
    const unitMatch = /^[^.0-9]*/.exec(s)![0];
    if (unitMatch === "")
      throw new DurationError(`time: missing unit in duration ${timeQuote(orig)}`);
    s = s.slice(unitMatch.length);
    const unit = UNITS[unitMatch];
    if (unit === undefined)
      throw new DurationError(
        `time: unknown unit ${timeQuote(unitMatch)} in duration ${timeQuote(orig)}`,
      );
    if (v > (1n << 63n) / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.floor(Number(f) * (Number(unit) / scale)));
      if (v > 1n << 63n) throw invalid();
    }
    d += v;
    if (d > 1n << 63n) throw invalid();
  }
  if (neg) return -d;
  if (d > MAX) throw invalid();
  return d;
}

function fmtFrac(v: bigint, prec: number): { digits: string; rest: bigint } {
  // The fraction's digits, trailing zeros dropped (Go's fmtFrac).
  let digits = "";
  let print = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    print = print || digit !== 0n;
    if (print) digits = String(digit) + digits;
    v /= 10n;
  }
  return { digits: print ? `.${digits}` : "", rest: v };
}

/** Duration.String(): "72h3m0.5s", "1.5µs", "0s". */
export function durationString(d: bigint): string {
  if (d === 0n) return "0s";
  const neg = d < 0n;
  let u = neg ? -d : d;
  if (d === MIN) u = 1n << 63n;
  let out: string;
  if (u < SECOND) {
    let prec: number;
    let unit: string;
    if (u < MICROSECOND) return `${neg ? "-" : ""}${u}ns`;
    if (u < MILLISECOND) {
      prec = 3;
      unit = "µs";
    } else {
      prec = 6;
      unit = "ms";
    }
    const { digits, rest } = fmtFrac(u, prec);
    out = `${rest}${digits}${unit}`;
  } else {
    const { digits, rest } = fmtFrac(u, 9);
    u = rest;
    out = `${u % 60n}${digits}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return (neg ? "-" : "") + out;
}

/** Duration.Round(m): halves away from zero, saturating. */
export function roundDuration(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  if (d < 0n) {
    r = -r;
    if (r + r < m) return d + r;
    const d1 = d - m + r;
    return d1 < d ? d1 : MIN;
  }
  if (r + r < m) return d - r;
  const d1 = d + m - r;
  return d1 > d ? d1 : MAX;
}
