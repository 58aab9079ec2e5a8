/**
 * Case folding under (?i): Go folds with Unicode's simple case-folding orbits (k K K, s S ſ, …),
 * so a literal or a class is expanded to every rune of its orbit rather than left to JS's `i`
 * flag, which folds differently.
 */
import { normalize, type Range } from "./ranges.js";

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
export function orbitOf(cp: number): number[] {
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
export function foldRanges(ranges: Range[]): Range[] {
  const out = ranges.slice();
  for (const [lo, hi] of ranges) {
    if (hi - lo > 0x3000) continue;
    for (let c = lo; c <= hi; c++)
      for (const f of orbitOf(c)) if (f < lo || f > hi) out.push([f, f]);
  }
  return normalize(out);
}
