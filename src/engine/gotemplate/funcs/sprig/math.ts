/**
 * sprig's arithmetic. The integer functions convert every operand with cast.ToInt64 (floats are
 * truncated, strings parsed, nil is 0) and return int64, wrapping on overflow; division by zero
 * is Go's runtime panic. The *f functions do their arithmetic in shopspring/decimal, starting
 * from each float64's shortest decimal form, so `addf 0.1 0.2` is exactly 0.3, and divf rounds
 * to 16 decimal places.
 */
import { GoInt, type GoValue } from "../../value.js";
import { toFloat64, toInt64 } from "../../convert.js";
import { FuncError, type FuncMap } from "../types.js";
import { intArg } from "./common.js";

const i64 = (n: number): GoInt => new GoInt(n, "int64");

/** Two's-complement wrap to int64 when a result leaves the exactly representable range. */
function wrap(n: number, exact: () => bigint): number {
  return Number.isSafeInteger(n) ? n : Number(BigInt.asIntN(64, exact()));
}
/**
 * An int64 operand as a bigint. A number holding 2^63 can only be MaxInt64 rounded up on its way
 * into a float (int64 stops one short of it), so it is read back as MaxInt64.
 */
const big = (n: number): bigint => (n >= 2 ** 63 ? 2n ** 63n - 1n : BigInt(Math.trunc(n)));

function add(...vals: GoValue[]): GoInt {
  const ns = vals.map(toInt64);
  const sum = ns.reduce((a, b) => a + b, 0);
  return i64(wrap(sum, () => ns.reduce((a, b) => a + big(b), 0n)));
}

function mul(a: GoValue, ...rest: GoValue[]): GoInt {
  const ns = [a, ...rest].map(toInt64);
  const prod = ns.reduce((x, y) => x * y, 1);
  return i64(wrap(prod, () => ns.reduce((x, y) => x * big(y), 1n)));
}

const DIVIDE_BY_ZERO = "runtime error: integer divide by zero";

function div(a: GoValue, b: GoValue): GoInt {
  const [x, y] = [toInt64(a), toInt64(b)];
  if (y === 0) throw new FuncError(DIVIDE_BY_ZERO);
  return i64(wrap(Math.trunc(x / y), () => big(x) / big(y)));
}

function mod(a: GoValue, b: GoValue): GoInt {
  const [x, y] = [toInt64(a), toInt64(b)];
  if (y === 0) throw new FuncError(DIVIDE_BY_ZERO);
  return i64(
    Number.isSafeInteger(x) && Number.isSafeInteger(y) ? (x % y) + 0 : Number(big(x) % big(y)),
  );
}

function maxInt(a: GoValue, ...rest: GoValue[]): GoInt {
  let m = toInt64(a);
  for (const b of rest) m = Math.max(m, toInt64(b));
  return i64(m);
}
function minInt(a: GoValue, ...rest: GoValue[]): GoInt {
  let m = toInt64(a);
  for (const b of rest) m = Math.min(m, toInt64(b));
  return i64(m);
}

/** math.Max: +Inf beats NaN, NaN beats the rest, +0 beats -0. */
function goMax(x: number, y: number): number {
  if (x === Infinity || y === Infinity) return Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && y === 0) return Object.is(x, -0) ? y : x;
  return x > y ? x : y;
}
/** math.Min: -Inf beats NaN, NaN beats the rest, -0 beats +0. */
function goMin(x: number, y: number): number {
  if (x === -Infinity || y === -Infinity) return -Infinity;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 && y === 0) return Object.is(x, -0) ? x : y;
  return x < y ? x : y;
}

/** sprig's round: away from zero when the fraction reaches roundOn (0.5 by default). */
function round(a: GoValue, places: number, roundOn = 0.5): number {
  const val = toFloat64(a);
  const pow = Math.pow(10, places);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

// shopspring/decimal, as far as sprig uses it: value = coef × 10^exp.
interface Decimal {
  coef: bigint;
  exp: number;
}
const DIVISION_PRECISION = 16;

/** decimal.NewFromFloat: the float's shortest round-tripping decimal digits. */
function fromFloat(f: number): Decimal {
  if (!Number.isFinite(f))
    throw new FuncError(`Cannot create a Decimal from ${f > 0 ? "+Inf" : f < 0 ? "-Inf" : "NaN"}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(f))!;
  const frac = m[3] ?? "";
  const coef = BigInt(m[1]! + m[2]! + frac);
  return { coef, exp: Number(m[4] ?? 0) - frac.length };
}
function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.coef * 10n ** BigInt(a.exp - exp), b.coef * 10n ** BigInt(b.exp - exp), exp];
}
const decAdd = (a: Decimal, b: Decimal): Decimal => {
  const [x, y, exp] = align(a, b);
  return { coef: x + y, exp };
};
const decSub = (a: Decimal, b: Decimal): Decimal => {
  const [x, y, exp] = align(a, b);
  return { coef: x - y, exp };
};
const decMul = (a: Decimal, b: Decimal): Decimal => ({ coef: a.coef * b.coef, exp: a.exp + b.exp });
/** Decimal.Div: the quotient to 16 decimal places, the last one rounded half away from zero. */
function decDiv(a: Decimal, b: Decimal): Decimal {
  if (b.coef === 0n) throw new FuncError("decimal division by 0");
  // a/b × 10^16 = a.coef × 10^(a.exp − b.exp + 16) / b.coef
  const shift = a.exp - b.exp + DIVISION_PRECISION;
  let num = a.coef;
  let den = b.coef;
  if (shift >= 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  let q = num / den;
  const r = num % den;
  const abs = (n: bigint): bigint => (n < 0n ? -n : n);
  if (2n * abs(r) >= abs(den)) q += num < 0n !== den < 0n ? -1n : 1n;
  return { coef: q, exp: -DIVISION_PRECISION };
}
const decFloat = (d: Decimal): number => Number(`${d.coef}e${d.exp}`);

type DecOp = (a: Decimal, b: Decimal) => Decimal;
/** sprig's execDecimalOp: folds the operands left to right in decimal arithmetic. */
function decimalOp(first: GoValue, rest: GoValue[], op: DecOp): number {
  let acc = fromFloat(toFloat64(first));
  for (const x of rest) acc = op(acc, fromFloat(toFloat64(x)));
  return decFloat(acc);
}

export const mathFuncs: FuncMap = {
  add1: { fn: (v) => add(v, new GoInt(1, "int64")), params: ["any"] },
  add: { fn: add, params: [], variadic: "any" },
  sub: {
    fn: (a, b) => {
      const [x, y] = [toInt64(a), toInt64(b)];
      return i64(wrap(x - y, () => big(x) - big(y)));
    },
    params: ["any", "any"],
  },
  div: { fn: div, params: ["any", "any"] },
  mod: { fn: mod, params: ["any", "any"] },
  mul: { fn: mul, params: ["any"], variadic: "any" },
  biggest: { fn: maxInt, params: ["any"], variadic: "any" },
  max: { fn: maxInt, params: ["any"], variadic: "any" },
  min: { fn: minInt, params: ["any"], variadic: "any" },
  maxf: {
    fn: (a, ...rest) => rest.reduce<number>((m, b) => goMax(m, toFloat64(b)), toFloat64(a)),
    params: ["any"],
    variadic: "any",
  },
  minf: {
    fn: (a, ...rest) => rest.reduce<number>((m, b) => goMin(m, toFloat64(b)), toFloat64(a)),
    params: ["any"],
    variadic: "any",
  },
  ceil: { fn: (a) => Math.ceil(toFloat64(a)), params: ["any"] },
  floor: { fn: (a) => Math.floor(toFloat64(a)), params: ["any"] },
  round: {
    fn: (a, p, ...opt) => round(a, intArg(p), opt.length > 0 ? (opt[0] as number) : undefined),
    params: ["any", "int"],
    variadic: "float64",
  },
  add1f: { fn: (v) => decimalOp(v, [1], decAdd), params: ["any"] },
  addf: { fn: (...v) => decimalOp(0, v, decAdd), params: [], variadic: "any" },
  subf: { fn: (a, ...v) => decimalOp(a, v, decSub), params: ["any"], variadic: "any" },
  divf: { fn: (a, ...v) => decimalOp(a, v, decDiv), params: ["any"], variadic: "any" },
  mulf: { fn: (a, ...v) => decimalOp(a, v, decMul), params: ["any"], variadic: "any" },
};
