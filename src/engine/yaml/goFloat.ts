/**
 * Go's strconv float formatting with the shortest round-trip digits (precision -1), which is what
 * encoding/json, yaml.v2/v3 and BurntSushi/toml print. JavaScript's own shortest digits (from
 * toExponential) are the same digits Go finds; only the layout differs.
 */

interface Digits {
  neg: boolean;
  /** Decimal digits without leading zeros ("0" for zero). */
  d: string;
  /** Position of the decimal point relative to the digits (Go's decimal.dp). */
  dp: number;
}

function shortestDigits(f: number): Digits {
  const neg = f < 0 || Object.is(f, -0);
  const abs = Math.abs(f);
  if (abs === 0) return { neg, d: "0", dp: 1 };
  const [mant, exp] = abs.toExponential().split("e") as [string, string];
  return { neg, d: mant.replace(".", ""), dp: Number(exp) + 1 };
}

/** Shortest digits that read back as the same float32 (FormatFloat with bitSize 32). */
function shortestDigits32(f: number): Digits {
  const f32 = Math.fround(f);
  const abs = Math.abs(f32);
  if (abs === 0) return { neg: f32 < 0 || Object.is(f32, -0), d: "0", dp: 1 };
  for (let p = 1; p <= 9; p++) {
    const s = abs.toExponential(p - 1);
    if (Math.fround(Number(s)) === abs) {
      const [mant, exp] = s.split("e") as [string, string];
      return {
        neg: f32 < 0,
        d: mant.replace(".", "").replace(/0+$/, "") || "0",
        dp: Number(exp) + 1,
      };
    }
  }
  return shortestDigits(f32);
}

function special(f: number): string | undefined {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  return undefined;
}

function fmtE(x: Digits): string {
  const mant = x.d.length > 1 ? `${x.d[0]}.${x.d.slice(1)}` : x.d;
  let exp = x.d === "0" ? 0 : x.dp - 1;
  const sign = exp < 0 ? "-" : "+";
  exp = Math.abs(exp);
  return `${x.neg ? "-" : ""}${mant}e${sign}${exp < 10 ? "0" : ""}${exp}`;
}

function fmtF(x: Digits): string {
  let s: string;
  if (x.dp <= 0) s = `0.${"0".repeat(-x.dp)}${x.d}`;
  else if (x.dp >= x.d.length) s = x.d + "0".repeat(x.dp - x.d.length);
  else s = `${x.d.slice(0, x.dp)}.${x.d.slice(x.dp)}`;
  return (x.neg ? "-" : "") + s;
}

/** strconv.FormatFloat(f, 'g', -1, bitSize). */
export function formatFloatG(f: number, bitSize: 32 | 64 = 64): string {
  const sp = special(f);
  if (sp !== undefined) return sp;
  const x = bitSize === 32 ? shortestDigits32(f) : shortestDigits(f);
  // Go uses %e when the exponent is < -4 or >= the precision, which is 6 for the shortest form.
  const exp = x.dp - 1;
  if (x.d !== "0" && (exp < -4 || exp >= 6)) return fmtE(x);
  return fmtF(x);
}

/** strconv.FormatFloat(f, 'e', -1, 64). */
export function formatFloatE(f: number): string {
  return special(f) ?? fmtE(shortestDigits(f));
}

/** strconv.FormatFloat(f, 'f', -1, 64). */
export function formatFloatF(f: number): string {
  return special(f) ?? fmtF(shortestDigits(f));
}

/**
 * encoding/json's float64 text: 'f' between 1e-6 and 1e21, 'e' outside (with "e-07" cleaned to
 * "e-7"). NaN and ±Inf have no JSON form; the caller reports json's UnsupportedValueError.
 */
export function formatJsonFloat(f: number): string {
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    const s = formatFloatE(f);
    return s.replace(/e-0(\d)$/, "e-$1");
  }
  return formatFloatF(f);
}
