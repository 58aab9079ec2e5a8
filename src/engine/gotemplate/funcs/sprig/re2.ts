/**
 * Go's regexp syntax (RE2, regexp/syntax with the Perl flags regexp.Compile uses) translated to
 * an equivalent JavaScript RegExp, with Go's parse errors. JavaScript's own syntax differs in
 * ways that change matches: `.` and `$`, `\s` and `\w` mean other things, (?i)/(?m)/(?s)/(?U)
 * can be switched on part-way through a Go pattern, `[[:alpha:]]` and `\pL` have other
 * spellings, `\Q…\E`, `\z` and octal escapes do not exist, and a quantified `^` is an error. So
 * the pattern is parsed as Go's parser does (the same checks in the same order, for the same
 * error messages) and each piece is emitted in a form that matches the same text under the `u`
 * flag. Case folding is done by expanding literals and classes, never with JS's `i` flag.
 */

/** A Go *syntax.Error: prints as `error parsing regexp: CODE: `EXPR``. */
export class RegexpSyntaxError extends Error {
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

export interface Translated {
  source: string;
  /** Capture group names by group number (index 0 is the whole match, unnamed groups ""). */
  names: string[];
}

interface Flags {
  fold: boolean;
  multiLine: boolean;
  dotNL: boolean;
  ungreedy: boolean;
}

/** One element of a concatenation: JS text that a quantifier can follow, or a "|". */
interface Part {
  js: string;
  /** An assertion (^, $, \b, lookarounds): JS cannot quantify it without a group. */
  assertion: boolean;
  /** The smallest n for which Go's repeatIsValid(re, n) holds (nested {m} counts multiply). */
  need: number;
}

interface Frame {
  parts: (Part | "|")[];
  open: string;
  flags: Flags;
}

type Range = [number, number];
const MAX_RUNE = 0x10ffff;

const ERR_MISSING_BRACKET = "missing closing ]";
const ERR_MISSING_PAREN = "missing closing )";
const ERR_UNEXPECTED_PAREN = "unexpected )";
const ERR_INVALID_ESCAPE = "invalid escape sequence";
const ERR_INVALID_RANGE = "invalid character class range";
const ERR_NAMED_CAPTURE = "invalid named capture";
const ERR_PERL_OP = "invalid or unsupported Perl syntax";
const ERR_REPEAT_OP = "invalid nested repetition operator";
const ERR_REPEAT_SIZE = "invalid repeat count";
const ERR_REPEAT_ARG = "missing argument to repetition operator";
const ERR_TRAILING_BACKSLASH = "trailing backslash at end of expression";

// --- character sets -----------------------------------------------------------------------

const PERL_GROUPS: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};

const POSIX_GROUPS: Record<string, Range[]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: PERL_GROUPS.w!,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

/** Go's unicode.Categories (JS's \p{…} also knows Cn and LC, which Go does not). */
const CATEGORIES = new Set(
  "C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs".split(
    " ",
  ),
);

/** The JS property escape body for a Go \p name, or undefined when Go has no such table. */
function unicodeProperty(name: string): string | undefined {
  if (name === "Any") return "Any";
  if (CATEGORIES.has(name)) return `gc=${name}`;
  if (!/^[A-Z][A-Za-z_]*$/.test(name)) return undefined;
  try {
    new RegExp(`\\p{sc=${name}}`, "u");
    return `sc=${name}`;
  } catch {
    return undefined;
  }
}

function normalize(ranges: Range[]): Range[] {
  const sorted = ranges.map((r) => [r[0], r[1]] as Range).sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

function negate(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of normalize(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

// Case folding: Go folds with Unicode's simple case-folding orbits (k K K, s S ſ, …).
let foldOrbits: Map<number, number[]> | undefined;
function oneRune(s: string, cp: number): number {
  const out = s.codePointAt(0)!;
  return s.length === (out > 0xffff ? 2 : 1) ? out : cp;
}
function orbitKey(cp: number): number {
  const ch = String.fromCodePoint(cp);
  const up = oneRune(ch.toUpperCase(), cp);
  return oneRune(String.fromCodePoint(up).toLowerCase(), up);
}
function orbitOf(cp: number): number[] {
  if (cp < 0x80) {
    // ASCII letters fold with their other case, and k and s also with K (U+212A) and ſ (U+017F).
    const lower = cp | 0x20;
    if (lower < 0x61 || lower > 0x7a) return [cp];
    if (lower === 0x6b) return [0x4b, 0x6b, 0x212a];
    if (lower === 0x73) return [0x53, 0x73, 0x17f];
    return [lower - 0x20, lower];
  }
  if (!foldOrbits) {
    // Built once, on the first non-ASCII rune under (?i): every rune grouped by its folded form.
    foldOrbits = new Map();
    for (let c = 0; c <= 0x1ffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const key = orbitKey(c);
      if (key === c && oneRune(String.fromCodePoint(c).toUpperCase(), c) === c) continue;
      const list = foldOrbits.get(key);
      if (list) list.push(c);
      else foldOrbits.set(key, [c]);
    }
  }
  const orbit = foldOrbits.get(orbitKey(cp));
  return orbit && orbit.includes(cp) ? [...new Set([...orbit, orbitKey(cp)])] : [cp];
}
/** A class range with every case variant of its runes added (large ranges are left alone). */
function foldRanges(ranges: Range[]): Range[] {
  const out = ranges.slice();
  for (const [lo, hi] of ranges) {
    if (hi - lo > 0x3000) continue;
    for (let c = lo; c <= hi; c++)
      for (const f of orbitOf(c)) if (f < lo || f > hi) out.push([f, f]);
  }
  return normalize(out);
}

/** A rune as JS pattern text: ASCII letters and digits as they are, everything else \u{…}. */
function runeJs(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) {
    return String.fromCharCode(cp);
  }
  return `\\u{${cp.toString(16)}}`;
}

function classJs(ranges: Range[], props: string[], negated: boolean): string {
  let body = "";
  for (const [lo, hi] of ranges) body += lo === hi ? runeJs(lo) : `${runeJs(lo)}-${runeJs(hi)}`;
  body += props.join("");
  if (body === "") return negated ? "[^]" : "[]";
  return `[${negated ? "^" : ""}${body}]`;
}

// --- the parser ---------------------------------------------------------------------------

const isAlnum = (c: string): boolean => /^[0-9A-Za-z]$/.test(c);

class Translator {
  private pos = 0;
  private flags: Flags = { fold: false, multiLine: false, dotNL: false, ungreedy: false };
  private readonly frames: Frame[] = [{ parts: [], open: "", flags: this.flags }];
  private readonly names: string[] = [""];
  /** Where the previous token began, when it was a repetition operator (Go's lastRepeat). */
  private lastRepeat = -1;

  constructor(private readonly src: string) {}

  private get frame(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  private push(js: string, assertion = false, need = 0): void {
    this.frame.parts.push({ js, assertion, need });
  }

  /** The next code point at `i`, and its width in UTF-16 units. */
  private runeAt(i: number): [number, number] {
    const cp = this.src.codePointAt(i)!;
    return [cp, cp > 0xffff ? 2 : 1];
  }

  private literal(cp: number): void {
    if (this.flags.fold) {
      const orbit = orbitOf(cp);
      if (orbit.length > 1) {
        this.push(classJs(normalize(orbit.map((c) => [c, c] as Range)), [], false));
        return;
      }
    }
    this.push(runeJs(cp));
  }

  translate(): Translated {
    const s = this.src;
    while (this.pos < s.length) {
      const start = this.pos;
      let repeatStart = -1;
      const c = s[this.pos]!;
      switch (c) {
        case "(":
          if (s[this.pos + 1] === "?") this.parsePerlFlags();
          else {
            this.pos++;
            this.openGroup("(", "");
          }
          break;
        case "|":
          this.pos++;
          this.frame.parts.push("|");
          break;
        case ")":
          this.pos++;
          this.closeGroup();
          break;
        case "^":
          this.pos++;
          this.push(this.flags.multiLine ? "(?<![^\\n])" : "^", true);
          break;
        case "$":
          this.pos++;
          this.push(this.flags.multiLine ? "(?![^\\n])" : "$", true);
          break;
        case ".":
          this.pos++;
          this.push(this.flags.dotNL ? "[^]" : "[^\\n]");
          break;
        case "[":
          this.parseClass();
          break;
        case "*":
        case "+":
        case "?":
          this.pos++;
          this.repeat(c, 0, 0, start);
          repeatStart = start;
          break;
        case "{": {
          const rep = this.parseRepeat();
          if (!rep) {
            this.pos++;
            this.literal(0x7b);
            break;
          }
          const [min, max] = rep;
          if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max)) {
            throw new RegexpSyntaxError(ERR_REPEAT_SIZE, s.slice(start, this.pos));
          }
          this.repeat("{", min, max, start);
          repeatStart = start;
          break;
        }
        case "\\":
          this.parseBackslash();
          break;
        default: {
          const [cp, w] = this.runeAt(this.pos);
          this.pos += w;
          this.literal(cp);
        }
      }
      this.lastRepeat = repeatStart;
    }
    if (this.frames.length !== 1) throw new RegexpSyntaxError(ERR_MISSING_PAREN, s);
    return { source: this.join(this.frame), names: this.names };
  }

  private join(frame: Frame): string {
    return frame.parts.map((p) => (p === "|" ? "|" : p.js)).join("");
  }

  private openGroup(open: string, name: string): void {
    if (open === "(") this.names.push(name);
    this.frames.push({ parts: [], open, flags: { ...this.flags } });
  }

  private closeGroup(): void {
    if (this.frames.length < 2) throw new RegexpSyntaxError(ERR_UNEXPECTED_PAREN, this.src);
    const frame = this.frames.pop()!;
    this.flags = frame.flags;
    let need = 0;
    for (const p of frame.parts) if (p !== "|") need = Math.max(need, p.need);
    this.push(`${frame.open}${this.join(frame)})`, false, need);
  }

  /** `*` `+` `?` `{n,m}` (and a trailing `?` for non-greedy) applied to the last atom. */
  private repeat(op: string, min: number, max: number, start: number): void {
    let nonGreedy = this.flags.ungreedy;
    if (this.src[this.pos] === "?") {
      this.pos++;
      nonGreedy = !nonGreedy;
    }
    if (this.lastRepeat >= 0) {
      throw new RegexpSyntaxError(ERR_REPEAT_OP, this.src.slice(this.lastRepeat, this.pos));
    }
    const parts = this.frame.parts;
    const last = parts[parts.length - 1];
    if (last === undefined || last === "|") {
      throw new RegexpSyntaxError(ERR_REPEAT_ARG, this.src.slice(start, this.pos));
    }
    let quant: string;
    let need = last.need;
    if (op === "{") {
      quant = max === min ? `{${min}}` : max < 0 ? `{${min},}` : `{${min},${max}}`;
      const m = max === -1 ? min : max;
      if (m > 0) need = Math.max(m, last.need * m);
      if ((min >= 2 || max >= 2) && need > 1000) {
        throw new RegexpSyntaxError(ERR_REPEAT_SIZE, this.src.slice(start, this.pos));
      }
    } else quant = op;
    const atom = last.assertion ? `(?:${last.js})` : last.js;
    parts[parts.length - 1] = { js: atom + quant + (nonGreedy ? "?" : ""), assertion: false, need };
  }

  /** Go's parseRepeat: `{n}`, `{n,}`, `{n,m}`; anything else makes `{` a literal. */
  private parseRepeat(): [number, number] | undefined {
    const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    // Go's parseInt: no leading zeros; nine digits or more read as -1 ("too big").
    const num = (t: string): number | undefined => {
      if (t.length >= 2 && t[0] === "0") return undefined;
      return t.length > 8 ? -1 : Number(t);
    };
    let min = num(m[1]!);
    if (min === undefined) return undefined;
    let max = min;
    if (m[2] !== undefined) {
      if (m[3] === "") max = -1;
      else {
        const n = num(m[3]!);
        if (n === undefined) return undefined;
        max = n;
        if (max < 0) min = -1;
      }
    }
    this.pos += m[0].length;
    return [min, max];
  }

  /** `(?flags)`, `(?flags:…)`, `(?P<name>…)` and `(?<name>…)`. */
  private parsePerlFlags(): void {
    const s = this.src;
    const start = this.pos;
    const t = s.slice(start);
    // (?P<name>…), and since Go 1.22 (?<name>…); a lookbehind "(?<=" is an invalid name.
    const named =
      t.length > 4 && t.startsWith("(?P<") ? 4 : t.length > 3 && t.startsWith("(?<") ? 3 : 0;
    if (named > 0) {
      const end = t.indexOf(">");
      if (end < 0) throw new RegexpSyntaxError(ERR_NAMED_CAPTURE, t);
      const name = t.slice(named, end);
      if (!/^[0-9A-Za-z_]+$/.test(name)) {
        throw new RegexpSyntaxError(ERR_NAMED_CAPTURE, t.slice(0, end + 1));
      }
      this.pos += end + 1;
      this.openGroup("(", name);
      return;
    }
    let i = start + 2;
    const flags = { ...this.flags };
    let negated = false;
    let sawFlag = false;
    while (i < s.length) {
      const c = s[i++]!;
      switch (c) {
        case "i":
        case "m":
        case "s":
        case "U": {
          const on = !negated;
          if (c === "i") flags.fold = on;
          else if (c === "m") flags.multiLine = on;
          else if (c === "s") flags.dotNL = on;
          else flags.ungreedy = on;
          sawFlag = true;
          continue;
        }
        case "-":
          if (negated) break;
          negated = true;
          sawFlag = false;
          continue;
        case ":":
        case ")":
          if (negated && !sawFlag) break;
          this.pos = i;
          // A `(?i:` group remembers the flags from before it, restored when it closes.
          if (c === ":") this.openGroup("(?:", "");
          this.flags = flags;
          return;
      }
      break;
    }
    throw new RegexpSyntaxError(ERR_PERL_OP, s.slice(start, i));
  }

  private parseBackslash(): void {
    const s = this.src;
    const next = s[this.pos + 1];
    switch (next) {
      case "A":
        this.pos += 2;
        this.push("^", true);
        return;
      case "z":
        this.pos += 2;
        this.push("$", true);
        return;
      case "b":
        this.pos += 2;
        this.push("\\b", true);
        return;
      case "B":
        this.pos += 2;
        this.push("\\B", true);
        return;
      case "C":
        throw new RegexpSyntaxError(ERR_INVALID_ESCAPE, "\\C");
      case "Q": {
        const end = s.indexOf("\\E", this.pos + 2);
        const lit = end < 0 ? s.slice(this.pos + 2) : s.slice(this.pos + 2, end);
        this.pos = end < 0 ? s.length : end + 2;
        for (const ch of lit) this.literal(ch.codePointAt(0)!);
        return;
      }
    }
    if (next === "p" || next === "P") {
      const cls = this.parseUnicodeClass();
      if (cls) {
        this.push(this.flags.fold ? this.foldProperty(cls) : `[${cls}]`);
        return;
      }
    }
    const perl = this.parsePerlClassEscape();
    if (perl) {
      this.push(classJs(perl, [], false));
      return;
    }
    this.literal(this.parseEscape());
  }

  /** A \p class under (?i): Go adds the table's case folds; JS can only approximate with \p{L&}. */
  private foldProperty(cls: string): string {
    if (/\{gc=(Lu|Ll|Lt)\}/.test(cls))
      return cls.startsWith("\\P") ? "[^\\p{gc=LC}]" : "[\\p{gc=LC}]";
    return `[${cls}]`;
  }

  /** \d \D \s \S \w \W as ranges (Go's are ASCII-only), folded under (?i). */
  private parsePerlClassEscape(): Range[] | undefined {
    const c = this.src[this.pos + 1];
    if (c === undefined) return undefined;
    const group = PERL_GROUPS[c.toLowerCase()];
    if (!group || !/[dswDSW]/.test(c)) return undefined;
    this.pos += 2;
    const ranges = this.flags.fold ? foldRanges(group) : group;
    return c === c.toUpperCase() ? negate(ranges) : ranges;
  }

  /** \pL, \p{Greek}, \P{…}, \p{^…}: the JS escape (e.g. `\p{sc=Greek}`), or an error. */
  private parseUnicodeClass(): string | undefined {
    const s = this.src;
    let negated = s[this.pos + 1] === "P";
    let seq: string;
    let name: string;
    if (this.pos + 2 >= s.length) return undefined;
    if (s[this.pos + 2] !== "{") {
      const [cp, w] = this.runeAt(this.pos + 2);
      seq = s.slice(this.pos, this.pos + 2 + w);
      name = String.fromCodePoint(cp);
    } else {
      const end = s.indexOf("}", this.pos);
      if (end < 0) throw new RegexpSyntaxError(ERR_INVALID_RANGE, s.slice(this.pos));
      seq = s.slice(this.pos, end + 1);
      name = s.slice(this.pos + 3, end);
    }
    if (name.startsWith("^")) {
      negated = !negated;
      name = name.slice(1);
    }
    const prop = unicodeProperty(name);
    if (!prop) throw new RegexpSyntaxError(ERR_INVALID_RANGE, seq);
    this.pos += seq.length;
    return `\\${negated ? "P" : "p"}{${prop}}`;
  }

  /** Go's parseEscape: a single escaped rune (\n, \x41, \x{263a}, \101, \.), else an error. */
  private parseEscape(): number {
    const s = this.src;
    const start = this.pos;
    if (start + 1 >= s.length) throw new RegexpSyntaxError(ERR_TRAILING_BACKSLASH, "");
    const [cp, w] = this.runeAt(start + 1);
    let i = start + 1 + w;
    const c = String.fromCodePoint(cp);
    const fail = (): never => {
      throw new RegexpSyntaxError(ERR_INVALID_ESCAPE, s.slice(start, i));
    };
    if (cp < 0x80 && !isAlnum(c)) {
      this.pos = i;
      return cp;
    }
    const octal = (d: string | undefined): boolean => d !== undefined && d >= "0" && d <= "7";
    if (c >= "1" && c <= "7" && !octal(s[i])) return fail(); // a backreference: not supported
    if (c >= "0" && c <= "7") {
      let r = cp - 0x30;
      for (let k = 1; k < 3 && octal(s[i]); k++) r = r * 8 + (s.charCodeAt(i++) - 0x30);
      this.pos = i;
      return r;
    }
    const unhex = (ch: string | undefined): number =>
      ch !== undefined && /^[0-9a-fA-F]$/.test(ch) ? parseInt(ch, 16) : -1;
    switch (c) {
      case "x": {
        if (i >= s.length) return fail();
        const [c2, w2] = this.runeAt(i);
        i += w2;
        if (c2 === 0x7b) {
          let r = 0;
          let n = 0;
          for (;;) {
            if (i >= s.length) return fail();
            const [d, wd] = this.runeAt(i);
            i += wd;
            if (d === 0x7d) break;
            const v = unhex(String.fromCodePoint(d));
            if (v < 0) return fail();
            r = r * 16 + v;
            if (r > MAX_RUNE) return fail();
            n++;
          }
          if (n === 0) return fail();
          this.pos = i;
          return r;
        }
        const x = unhex(String.fromCodePoint(c2));
        if (i >= s.length) return fail();
        const [c3, w3] = this.runeAt(i);
        i += w3;
        const y = unhex(String.fromCodePoint(c3));
        if (x < 0 || y < 0) return fail();
        this.pos = i;
        return x * 16 + y;
      }
      case "a":
        this.pos = i;
        return 7;
      case "f":
        this.pos = i;
        return 12;
      case "n":
        this.pos = i;
        return 10;
      case "r":
        this.pos = i;
        return 13;
      case "t":
        this.pos = i;
        return 9;
      case "v":
        this.pos = i;
        return 11;
    }
    return fail();
  }

  /** A bracketed class: ranges, [:posix:] groups, \p classes, \d-style escapes; ^ negates. */
  private parseClass(): void {
    const s = this.src;
    const whole = s.slice(this.pos);
    this.pos++;
    let negated = false;
    if (s[this.pos] === "^") {
      negated = true;
      this.pos++;
    }
    let ranges: Range[] = [];
    const props: string[] = [];
    let first = true;
    while (this.pos >= s.length || s[this.pos] !== "]" || first) {
      first = false;
      if (this.pos >= s.length) throw new RegexpSyntaxError(ERR_MISSING_BRACKET, whole);
      if (s.startsWith("[:", this.pos)) {
        const end = s.indexOf(":]", this.pos + 2);
        if (end >= 0) {
          const name = s.slice(this.pos, end + 2);
          const neg = name[2] === "^";
          const group = POSIX_GROUPS[name.slice(neg ? 3 : 2, -2)];
          if (!group) throw new RegexpSyntaxError(ERR_INVALID_RANGE, name);
          const folded = this.flags.fold ? foldRanges(group) : group;
          ranges.push(...(neg ? negate(folded) : folded));
          this.pos = end + 2;
          continue;
        }
      }
      if (s[this.pos] === "\\" && (s[this.pos + 1] === "p" || s[this.pos + 1] === "P")) {
        const cls = this.parseUnicodeClass();
        if (cls) {
          props.push(this.flags.fold ? this.foldProperty(cls).slice(1, -1) : cls);
          continue;
        }
      }
      if (s[this.pos] === "\\") {
        const perl = this.parsePerlClassEscape();
        if (perl) {
          ranges.push(...perl);
          continue;
        }
      }
      const rangeStart = this.pos;
      const lo = this.classChar(whole);
      let hi = lo;
      if (s[this.pos] === "-" && this.pos + 1 < s.length && s[this.pos + 1] !== "]") {
        this.pos++;
        hi = this.classChar(whole);
        if (hi < lo) throw new RegexpSyntaxError(ERR_INVALID_RANGE, s.slice(rangeStart, this.pos));
      }
      ranges.push(...(this.flags.fold ? foldRanges([[lo, hi]]) : [[lo, hi] as Range]));
    }
    this.pos++; // ]
    ranges = normalize(ranges);
    this.push(classJs(ranges, props, negated));
  }

  private classChar(whole: string): number {
    if (this.pos >= this.src.length) throw new RegexpSyntaxError(ERR_MISSING_BRACKET, whole);
    if (this.src[this.pos] === "\\") return this.parseEscape();
    const [cp, w] = this.runeAt(this.pos);
    this.pos += w;
    return cp;
  }
}

/** Translates a Go regexp to JavaScript RegExp source (to be compiled with the `u` flag). */
export function translateRE2(pattern: string): Translated {
  return new Translator(pattern).translate();
}
