/**
 * Go's regexp syntax (RE2, regexp/syntax with the Perl flags regexp.Compile uses) translated to
 * an equivalent JavaScript RegExp, with Go's parse errors. JavaScript's own syntax differs in
 * ways that change matches: `.` and `$`, `\s` and `\w` mean other things, (?i)/(?m)/(?s)/(?U)
 * can be switched on part-way through a Go pattern, `[[:alpha:]]` and `\pL` have other
 * spellings, `\Q…\E`, `\z` and octal escapes do not exist, and a quantified `^` is an error. So
 * the pattern is parsed as Go's parser does (the same checks in the same order, for the same
 * error messages) and each piece is emitted in a form that matches the same text under the `u`
 * flag. Case folding is done by expanding literals and classes, never with JS's `i` flag.
 *
 * The pattern's structure is read here; re2/classParser.ts reads escapes and classes, and
 * re2/ranges.ts and re2/caseFold.ts build the rune sets they stand for.
 */
import { orbitOf } from "./re2/caseFold.js";
import { ClassParser, type Flags } from "./re2/classParser.js";
import {
  ERR_INVALID_ESCAPE,
  ERR_MISSING_PAREN,
  ERR_NAMED_CAPTURE,
  ERR_PERL_OP,
  ERR_REPEAT_ARG,
  ERR_REPEAT_OP,
  ERR_REPEAT_SIZE,
  ERR_UNEXPECTED_PAREN,
  RegexpSyntaxError,
} from "./re2/errors.js";
import { classJs, normalize, runeJs, type Range } from "./re2/ranges.js";

export { RegexpSyntaxError } from "./re2/errors.js";

export interface Translated {
  source: string;
  /** Capture group names by group number (index 0 is the whole match, unnamed groups ""). */
  names: string[];
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

/** The pattern's structure: groups, alternation, repetition, flag changes and atoms. */
class Translator extends ClassParser {
  private readonly frames: Frame[] = [{ parts: [], open: "", flags: this.flags }];
  private readonly names: string[] = [""];
  /** Where the previous token began, when it was a repetition operator (Go's lastRepeat). */
  private lastRepeat = -1;

  private get frame(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  private push(js: string, assertion = false, need = 0): void {
    this.frame.parts.push({ js, assertion, need });
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
          this.push(this.parseClass());
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
}

/** Translates a Go regexp to JavaScript RegExp source (to be compiled with the `u` flag). */
export function translateRE2(pattern: string): Translated {
  return new Translator(pattern).translate();
}
