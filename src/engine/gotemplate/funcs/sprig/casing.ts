/**
 * huandu/xstrings v1.5.0's case conversions, which sprig exposes as snakecase, kebabcase and
 * camelcase (= xstrings.ToPascalCase since sprig 3.3). Their word splitting has many corners
 * ("HTTP20xOK" → "http_20x_ok", "Bld4Floor3rd" → "bld4_floor_3rd"), so this follows the
 * library's state machine step by step, over code points.
 */
import {
  fromCodePoints,
  isLetter,
  isNumber,
  isPunct,
  isSpace,
  isUpper,
  toLower,
  toUpper,
} from "./unicode.js";

function isConnector(cp: number): boolean {
  return cp === 0x2d || cp === 0x5f || isSpace(cp);
}

/** A letter that is not a CJK ideograph (xstrings' isAlphabet). */
function isAlphabet(cp: number): boolean {
  if (!isLetter(cp)) return false;
  if (cp < 0x3400) return true;
  if (cp >= 0x4e00 && cp <= 0x9fcc) return false;
  if (cp >= 0x3400 && cp <= 0x4d85) return false;
  if (cp >= 0x20000 && cp <= 0x2b81d) return false;
  return true;
}

/** xstrings.toCamelCase(str, isBig): ToPascalCase when isBig. */
export function toCamelCase(str: string, isBig: boolean): string {
  const runes = Array.from(str, (c) => c.codePointAt(0)!);
  if (runes.length === 0) return "";
  const out: number[] = [];
  let i = 0;
  let r0 = 0;
  let isFirstRuneUpper = false;
  // Leading connectors are kept as they are.
  while (i < runes.length) {
    r0 = runes[i++]!;
    if (!isConnector(r0)) {
      isFirstRuneUpper = isUpper(r0);
      r0 = isBig ? toUpper(r0) : toLower(r0);
      break;
    }
    out.push(r0);
  }
  if (i >= runes.length) {
    // The loop above consumed the whole string: its last rune has not been written yet.
    out.push(r0);
    return fromCodePoints(out);
  }
  while (i < runes.length) {
    const r1 = r0;
    r0 = runes[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out.push(r1);
      continue;
    }
    if (isConnector(r1)) {
      isFirstRuneUpper = isUpper(r0);
      r0 = toUpper(r0);
    } else {
      if (isFirstRuneUpper) {
        if (isUpper(r0)) r0 = toLower(r0);
        else isFirstRuneUpper = false;
      }
      out.push(r1);
    }
  }
  if (isFirstRuneUpper && !isBig) r0 = toLower(r0);
  out.push(r0);
  return fromCodePoints(out);
}

const enum Word {
  Invalid,
  Number,
  UpperCase,
  Alphabet,
  Connector,
  Punct,
  Other,
}

interface Step {
  wt: Word;
  word: number[];
  rest: number[];
}

/** xstrings.nextWord: the next run of one kind of rune ("HTTPStatus" → "HTTP", then "Status"). */
function nextWord(s: number[]): Step {
  if (s.length === 0) return { wt: Word.Invalid, word: [], rest: [] };
  let n = 1;
  const r = s[0]!;
  let wt: Word;
  if (isConnector(r)) {
    wt = Word.Connector;
    while (n < s.length && isConnector(s[n]!)) n++;
  } else if (isPunct(r)) {
    wt = Word.Punct;
    while (n < s.length && isPunct(s[n]!)) n++;
  } else if (isUpper(r)) {
    wt = Word.UpperCase;
    if (n < s.length) {
      const r2 = s[n]!;
      if (isUpper(r2)) {
        n++;
        while (n < s.length && isUpper(s[n]!)) n++;
        // "HTTPStatus": the "S" starts the next word.
        if (n < s.length && isAlphabet(s[n]!)) n--;
      } else if (isAlphabet(r2)) {
        n++;
        while (n < s.length && isAlphabet(s[n]!) && !isUpper(s[n]!)) n++;
      }
    }
  } else if (isAlphabet(r)) {
    wt = Word.Alphabet;
    while (n < s.length && isAlphabet(s[n]!) && !isUpper(s[n]!)) n++;
  } else if (isNumber(r)) {
    wt = Word.Number;
    while (n < s.length && isNumber(s[n]!)) n++;
  } else {
    wt = Word.Other;
    while (n < s.length) {
      const c = s[n]!;
      if (isConnector(c) || isAlphabet(c) || isNumber(c) || isPunct(c)) break;
      n++;
    }
  }
  return { wt, word: s.slice(0, n), rest: s.slice(n) };
}

function writeLower(out: number[], wt: Word, word: number[], connector: number): void {
  if (wt !== Word.UpperCase && wt !== Word.Connector) {
    out.push(...word);
    return;
  }
  for (const r of word) {
    if (isConnector(r)) out.push(connector);
    else if (isUpper(r)) out.push(toLower(r));
    else out.push(r);
  }
}

/** xstrings.camelCaseToLowerCase: ToSnakeCase with '_', ToKebabCase with '-'. */
export function camelCaseToLowerCase(str: string, connectorChar: string): string {
  if (str.length === 0) return "";
  const connector = connectorChar.codePointAt(0)!;
  const out: number[] = [];
  let { wt, word, rest } = nextWord(Array.from(str, (c) => c.codePointAt(0)!));

  while (rest.length > 0) {
    if (wt !== Word.Connector) writeLower(out, wt, word, connector);
    const prev = wt;
    const last = word;
    ({ wt, word, rest } = nextWord(rest));

    if (prev === Word.Number) {
      while (wt === Word.Alphabet || wt === Word.Number) {
        writeLower(out, wt, word, connector);
        ({ wt, word, rest } = nextWord(rest));
      }
      if (wt !== Word.Invalid && wt !== Word.Punct && wt !== Word.Connector) out.push(connector);
    } else if (prev === Word.Connector) {
      writeLower(out, prev, last, connector);
    } else if (prev === Word.Punct) {
      // nothing
    } else {
      if (wt !== Word.Number) {
        if (wt !== Word.Connector && wt !== Word.Punct) out.push(connector);
        continue;
      }
      if (rest.length === 0) continue;
      const num = word;
      ({ wt, word, rest } = nextWord(rest));
      // A number followed by something other than letters belongs to the previous word: "Bld4Floor".
      if (wt !== Word.Alphabet) {
        writeLower(out, Word.Number, num, connector);
        if (wt !== Word.Connector && wt !== Word.Punct) out.push(connector);
        continue;
      }
      // Lower-case letters after a number start a new word with the number: "HTTP2xx" → "http_2xx".
      out.push(connector);
      writeLower(out, Word.Number, num, connector);
      while (wt === Word.Alphabet || wt === Word.Number) {
        writeLower(out, wt, word, connector);
        ({ wt, word, rest } = nextWord(rest));
      }
      if (wt !== Word.Invalid && wt !== Word.Connector && wt !== Word.Punct) out.push(connector);
    }
  }
  writeLower(out, wt, word, connector);
  return fromCodePoints(out);
}
