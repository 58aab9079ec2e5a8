/**
 * sprig's regex functions over Go's regexp package. Patterns are Go (RE2) syntax, translated
 * once per pattern by re2.ts. Go's iteration rules differ from String.prototype.replace: an
 * empty match right after a previous match is skipped, and replacement templates use Go's
 * Expand syntax, where `$1x` names a group "1x" (usually empty) and only `${1}x` means group 1.
 * The plain functions panic on a bad pattern (regexp.MustCompile's message), the must* ones
 * return the parse error; regexMatch swallows it and answers false.
 */
import { typedSlice, type GoValue } from "../../value.js";
import { canBackquote, quote } from "../../strconv.js";
import { FuncError, type FuncMap } from "../types.js";
import { intArg, strArg } from "./common.js";
import { RegexpSyntaxError, translateRE2 } from "./re2.js";

interface Compiled {
  re: RegExp;
  names: string[];
}

const cache = new Map<string, Compiled | RegexpSyntaxError>();

function compile(pattern: string): Compiled {
  let c = cache.get(pattern);
  if (c === undefined) {
    try {
      const t = translateRE2(pattern);
      c = { re: new RegExp(t.source, "gu"), names: t.names };
    } catch (e) {
      if (!(e instanceof RegexpSyntaxError)) throw e;
      c = e;
    }
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, c);
  }
  if (c instanceof RegexpSyntaxError) throw new FuncError(c.message);
  return c;
}

/** regexp.MustCompile: the parse error wrapped in `regexp: Compile(PATTERN): …`. */
function mustCompile(pattern: string): Compiled {
  try {
    return compile(pattern);
  } catch (e) {
    if (!(e instanceof FuncError)) throw e;
    const q = canBackquote(pattern) ? "`" + pattern + "`" : quote(pattern);
    throw new FuncError(`regexp: Compile(${q}): ${e.message}`);
  }
}

/** The first match at or after `pos` (the pattern still sees the text before `pos`). */
function execAt(c: Compiled, s: string, pos: number): RegExpExecArray | null {
  c.re.lastIndex = pos;
  return c.re.exec(s);
}

const runeWidth = (s: string, i: number): number => {
  const cp = s.codePointAt(i);
  return cp !== undefined && cp > 0xffff ? 2 : 1;
};

/** Go's allMatches: up to n matches (n < 0: all), skipping empty matches that abut the previous one. */
function allMatches(c: Compiled, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n < 0) n = s.length + 1;
  let pos = 0;
  let prevEnd = -1;
  while (out.length < n && pos <= s.length) {
    const m = execAt(c, s, pos);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === pos) {
      // An empty match: not allowed right after the previous match; step over one rune.
      if (start === prevEnd) accept = false;
      pos += pos < s.length ? runeWidth(s, pos) : 1;
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** Regexp.Expand's template: $name / ${name}, $$; names are [A-Za-z0-9_]+, all digits = number. */
function expand(template: string, m: RegExpExecArray, names: string[]): string {
  let out = "";
  let i = 0;
  for (;;) {
    const d = template.indexOf("$", i);
    if (d < 0) return out + template.slice(i);
    out += template.slice(i, d);
    i = d + 1;
    if (template[i] === "$") {
      out += "$";
      i++;
      continue;
    }
    const ref = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(template.slice(i));
    if (!ref) {
      out += "$"; // malformed: the $ is literal text
      continue;
    }
    i += ref[0].length;
    const name = (ref[1] ?? ref[2])!;
    // All digits (no leading zero, under 1e8) is a group number; anything else a group name.
    const num =
      /^[0-9]{1,8}$/.test(name) && !(name.length > 1 && name[0] === "0") ? Number(name) : -1;
    if (num >= 0) {
      if (num < m.length) out += m[num] ?? "";
    } else {
      // Go takes the first group of that name that took part in the match.
      for (let g = 1; g < names.length; g++) {
        if (names[g] === name && m[g] !== undefined) {
          out += m[g];
          break;
        }
      }
    }
  }
}

/** Go's replaceAll: an empty match right after a previous match is not replaced. */
function replaceAll(c: Compiled, src: string, repl: (m: RegExpExecArray) => string): string {
  let out = "";
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= src.length) {
    const m = execAt(c, src, searchPos);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += src.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) out += repl(m);
    lastMatchEnd = end;
    const width = searchPos < src.length ? runeWidth(src, searchPos) : 1;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + src.slice(lastMatchEnd);
}

/** Regexp.Split: n < 0 all pieces, 0 none; an empty text gives [""] for a non-empty pattern. */
function split(c: Compiled, pattern: string, s: string, n: number): string[] {
  if (n === 0) return [];
  if (pattern.length > 0 && s.length === 0) return [""];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of allMatches(c, s, n)) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** regexp.QuoteMeta: a backslash before each of \.+*?()|[]{}^$ */
function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}

const strings = (a: string[]): string[] => typedSlice(a, "[]string");

type Compile = (pattern: string) => Compiled;
function findAll(comp: Compile, re: GoValue, s: GoValue, n: GoValue): string[] {
  return strings(allMatches(comp(strArg(re)), strArg(s), intArg(n)).map((m) => m[0]));
}
function find(comp: Compile, re: GoValue, s: GoValue): string {
  return execAt(comp(strArg(re)), strArg(s), 0)?.[0] ?? "";
}
function replace(comp: Compile, re: GoValue, s: GoValue, repl: GoValue): string {
  const c = comp(strArg(re));
  return replaceAll(c, strArg(s), (m) => expand(strArg(repl), m, c.names));
}
function replaceLiteral(comp: Compile, re: GoValue, s: GoValue, repl: GoValue): string {
  return replaceAll(comp(strArg(re)), strArg(s), () => strArg(repl));
}
function splitFn(comp: Compile, re: GoValue, s: GoValue, n: GoValue): string[] {
  return strings(split(comp(strArg(re)), strArg(re), strArg(s), intArg(n)));
}

const SS = ["string", "string"] as const;
const SSI: ["string", "string", "int"] = ["string", "string", "int"];
const SSS: ["string", "string", "string"] = ["string", "string", "string"];

export const regexFuncs: FuncMap = {
  regexMatch: {
    fn: (re, s) => {
      try {
        return execAt(compile(strArg(re)), strArg(s), 0) !== null;
      } catch (e) {
        if (e instanceof FuncError) return false;
        throw e;
      }
    },
    params: [...SS],
  },
  mustRegexMatch: {
    fn: (re, s) => execAt(compile(strArg(re)), strArg(s), 0) !== null,
    params: [...SS],
  },
  regexFindAll: { fn: (re, s, n) => findAll(mustCompile, re, s, n), params: SSI },
  mustRegexFindAll: { fn: (re, s, n) => findAll(compile, re, s, n), params: SSI },
  regexFind: { fn: (re, s) => find(mustCompile, re, s), params: [...SS] },
  mustRegexFind: { fn: (re, s) => find(compile, re, s), params: [...SS] },
  regexReplaceAll: { fn: (re, s, r) => replace(mustCompile, re, s, r), params: SSS },
  mustRegexReplaceAll: { fn: (re, s, r) => replace(compile, re, s, r), params: SSS },
  regexReplaceAllLiteral: { fn: (re, s, r) => replaceLiteral(mustCompile, re, s, r), params: SSS },
  mustRegexReplaceAllLiteral: { fn: (re, s, r) => replaceLiteral(compile, re, s, r), params: SSS },
  regexSplit: { fn: (re, s, n) => splitFn(mustCompile, re, s, n), params: SSI },
  mustRegexSplit: { fn: (re, s, n) => splitFn(compile, re, s, n), params: SSI },
  regexQuoteMeta: { fn: (s) => quoteMeta(strArg(s)), params: ["string"] },
};
