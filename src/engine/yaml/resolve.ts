/**
 * yaml.v2's implicit typing of scalars (resolve.go), which helm's YAML goes through in both
 * directions: reading (values, Chart.yaml, fromYaml) and writing (toYaml decides whether a string
 * needs quotes by resolving it). YAML 1.1 rules: y/yes/on/true… are booleans, `0777` is octal,
 * `1_000` is 1000, `0x1F`, `0o17`, `0b101` are integers, `.inf`/`.nan` floats, dates timestamps.
 */

export const LONG_TAG_PREFIX = "tag:yaml.org,2002:";

export type Resolved =
  | { tag: "str"; value: string }
  | { tag: "bool"; value: boolean }
  | { tag: "null"; value: null }
  /** An integer; yaml.v2 keeps int64 or uint64. */
  | { tag: "int"; value: bigint }
  | { tag: "float"; value: number }
  /** Looks like a timestamp; decoded into interface{} it stays the original string. */
  | { tag: "timestamp"; value: string }
  | { tag: "merge"; value: string }
  /** A tag resolve does not handle (!!binary, !custom…): the text as it is. */
  | { tag: "other"; value: string; longTag: string };

const MAP = new Map<string, Resolved>();
function add(values: string[], r: Resolved): void {
  for (const v of values) MAP.set(v, r);
}
add(["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"], {
  tag: "bool",
  value: true,
});
add(["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"], {
  tag: "bool",
  value: false,
});
add(["", "~", "null", "Null", "NULL"], { tag: "null", value: null });
add([".nan", ".NaN", ".NAN"], { tag: "float", value: NaN });
add([".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"], { tag: "float", value: Infinity });
add(["-.inf", "-.Inf", "-.INF"], { tag: "float", value: -Infinity });
add(["<<"], { tag: "merge", value: "<<" });

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const DIGITS: Record<number, RegExp> = {
  2: /^[01]+$/,
  8: /^[0-7]+$/,
  10: /^[0-9]+$/,
  16: /^[0-9a-fA-F]+$/,
};

/** strconv.ParseInt(s, 0, 64) / ParseUint (no sign) on a string already stripped of underscores. */
function parseGoInt(s: string, signed: boolean): bigint | undefined {
  let i = 0;
  let neg = false;
  if (signed && (s[0] === "+" || s[0] === "-")) {
    neg = s[0] === "-";
    i = 1;
  }
  let base = 10;
  let body = s.slice(i);
  if (body.length >= 2 && body[0] === "0") {
    const p = body[1]!.toLowerCase();
    if (p === "x") base = 16;
    else if (p === "o") base = 8;
    else if (p === "b") base = 2;
    if (base !== 10) body = body.slice(2);
    else {
      base = 8;
      body = body.slice(1);
    }
  }
  if (!DIGITS[base]!.test(body)) return undefined;
  const prefix = base === 16 ? "0x" : base === 8 ? "0o" : base === 2 ? "0b" : "";
  let v = BigInt(prefix + body);
  if (neg) v = -v;
  if (signed ? v < INT64_MIN || v > INT64_MAX : v > UINT64_MAX) return undefined;
  return v;
}

/** strconv.ParseFloat on decimal text that matched YAML's float pattern; undefined on overflow. */
function parseGoFloat(s: string): number | undefined {
  const f = Number(s);
  return Number.isFinite(f) ? f : undefined;
}

const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?)?$/;

/** yaml.v2's parseTimestamp: the formats it tries with Go's time.Parse. */
export function isYamlTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (!m) return false;
  const [, y, mo, d, sep, h, mi, sec, , zone] = m;
  if (sep !== undefined) {
    // "2006-1-2T15:4:5.999999999Z07:00" needs a zone; "2006-1-2 15:4:5.999999999" has none.
    if ((sep === " ") !== (zone === undefined)) return false;
    if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return false;
    if (zone !== undefined && zone !== "Z") {
      if (Number(zone.slice(1, 3)) > 24 || Number(zone.slice(4)) > 59) return false;
    }
  }
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const year = Number(y);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

function resolvePlain(input: string, allowTimestamp: boolean): Resolved {
  const c = input.charCodeAt(0);
  const known = MAP.get(input);
  if (known !== undefined) return known;
  if (c === 0x2e /* . */) {
    if (DOT_FLOAT.test(input)) {
      const f = parseGoFloat(input);
      if (f !== undefined) return { tag: "float", value: f };
    }
  } else if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d) {
    if (allowTimestamp && isYamlTimestamp(input)) return { tag: "timestamp", value: input };
    const plain = input.includes("_") ? input.replaceAll("_", "") : input;
    const i = parseGoInt(plain, true) ?? parseGoInt(plain, false);
    if (i !== undefined) return { tag: "int", value: i };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = parseGoFloat(plain);
      if (f !== undefined) return { tag: "float", value: f };
    }
  }
  return { tag: "str", value: input };
}

const RESOLVABLE = new Set(["", "str", "bool", "int", "float", "null", "timestamp"]);

function short(tag: string): string {
  return tag.startsWith(LONG_TAG_PREFIX) ? tag.slice(LONG_TAG_PREFIX.length) : tag;
}

/** yaml.v2 failf: a decoding problem with no line number. */
export class ResolveError extends Error {}

/**
 * resolve(tag, in): `tag` is "" for a plain scalar, else the node's long tag (or "!local").
 * Quoted scalars without a tag are strings and never come here.
 */
export function resolveScalar(tag: string, input: string): Resolved {
  const want = short(tag);
  if (!RESOLVABLE.has(want)) {
    if (want === "merge") return { tag: "merge", value: input };
    return { tag: "other", value: input, longTag: tag };
  }
  if (want === "str") return { tag: "str", value: input };
  const r = resolvePlain(input, want === "" || want === "timestamp");
  if (want === "" || want === r.tag) return r;
  if (want === "float" && r.tag === "int") return { tag: "float", value: Number(r.value) };
  throw new ResolveError(`cannot decode !!${r.tag} \`${input}\` as a !!${want}`);
}

/** The tag yaml.v2 gives a plain scalar (used by the encoder to decide on quoting). */
export function plainTag(s: string): Resolved["tag"] {
  return resolvePlain(s, true).tag;
}
