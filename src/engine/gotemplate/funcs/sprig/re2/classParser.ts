/**
 * The parts of a Go pattern that stand for runes: escapes (\n, \x{263a}, \101), Perl and Unicode
 * classes (\d, \pL, \p{Greek}) and bracketed classes with ranges and [:posix:] groups, read with
 * Go's checks and error messages and written as JS class text under the flags in force.
 */
import { foldRanges } from "./caseFold.js";
import {
  ERR_INVALID_ESCAPE,
  ERR_INVALID_RANGE,
  ERR_MISSING_BRACKET,
  ERR_TRAILING_BACKSLASH,
  RegexpSyntaxError,
} from "./errors.js";
import {
  MAX_RUNE,
  PERL_GROUPS,
  POSIX_GROUPS,
  classJs,
  negate,
  normalize,
  unicodeProperty,
  type Range,
} from "./ranges.js";

/** The flags a group sets: (?i) (?m) (?s) (?U). */
export interface Flags {
  fold: boolean;
  multiLine: boolean;
  dotNL: boolean;
  ungreedy: boolean;
}

const isAlnum = (c: string): boolean => /^[0-9A-Za-z]$/.test(c);

/** Reads runes and classes at `pos` in the pattern; the translator reads the rest. */
export class ClassParser {
  protected pos = 0;
  protected flags: Flags = { fold: false, multiLine: false, dotNL: false, ungreedy: false };

  constructor(protected readonly src: string) {}

  /** The next code point at `i`, and its width in UTF-16 units. */
  protected runeAt(i: number): [number, number] {
    const cp = this.src.codePointAt(i)!;
    return [cp, cp > 0xffff ? 2 : 1];
  }

  /** A \p class under (?i): Go adds the table's case folds; JS can only approximate with \p{L&}. */
  protected foldProperty(cls: string): string {
    if (/\{gc=(Lu|Ll|Lt)\}/.test(cls))
      return cls.startsWith("\\P") ? "[^\\p{gc=LC}]" : "[\\p{gc=LC}]";
    return `[${cls}]`;
  }

  /** \d \D \s \S \w \W as ranges (Go's are ASCII-only), folded under (?i). */
  protected parsePerlClassEscape(): Range[] | undefined {
    const c = this.src[this.pos + 1];
    if (c === undefined) return undefined;
    const group = PERL_GROUPS[c.toLowerCase()];
    if (!group || !/[dswDSW]/.test(c)) return undefined;
    this.pos += 2;
    const ranges = this.flags.fold ? foldRanges(group) : group;
    return c === c.toUpperCase() ? negate(ranges) : ranges;
  }

  /** \pL, \p{Greek}, \P{…}, \p{^…}: the JS escape (e.g. `\p{sc=Greek}`), or an error. */
  protected parseUnicodeClass(): string | undefined {
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
  protected parseEscape(): number {
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
  protected parseClass(): string {
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
    return classJs(ranges, props, negated);
  }

  private classChar(whole: string): number {
    if (this.pos >= this.src.length) throw new RegexpSyntaxError(ERR_MISSING_BRACKET, whole);
    if (this.src[this.pos] === "\\") return this.parseEscape();
    const [cp, w] = this.runeAt(this.pos);
    this.pos += w;
    return cp;
  }
}
