/**
 * Go's reference-time layouts ("2006-01-02 15:04:05.999999999 -0700 MST"): the chunk scanner of
 * time/format.go, shared by formatting and parsing.
 */

export const enum Std {
  None = 0,
  LongMonth, // "January"
  Month, // "Jan"
  NumMonth, // "1"
  ZeroMonth, // "01"
  LongWeekDay, // "Monday"
  WeekDay, // "Mon"
  Day, // "2"
  UnderDay, // "_2"
  ZeroDay, // "02"
  UnderYearDay, // "__2"
  ZeroYearDay, // "002"
  Hour, // "15"
  Hour12, // "3"
  ZeroHour12, // "03"
  Minute, // "4"
  ZeroMinute, // "04"
  Second, // "5"
  ZeroSecond, // "05"
  LongYear, // "2006"
  Year, // "06"
  PM, // "PM"
  pm, // "pm"
  TZ, // "MST"
  ISO8601TZ, // "Z0700"
  ISO8601SecondsTZ, // "Z070000"
  ISO8601ShortTZ, // "Z07"
  ISO8601ColonTZ, // "Z07:00"
  ISO8601ColonSecondsTZ, // "Z07:00:00"
  NumTZ, // "-0700"
  NumSecondsTz, // "-070000"
  NumShortTZ, // "-07"
  NumColonTZ, // "-07:00"
  NumColonSecondsTZ, // "-07:00:00"
  FracSecond0, // ".0", ".00", ... (digits and separator in Chunk)
  FracSecond9, // ".9", ".99", ...
}

export interface Chunk {
  prefix: string;
  std: Std;
  /** The layout text of the element. */
  text: string;
  suffix: string;
  /** Fraction digits (FracSecond0/9). */
  digits?: number;
  /** Fraction separator, "." or ",". */
  separator?: string;
}

const ZERO_X: Std[] = [
  Std.ZeroMonth,
  Std.ZeroDay,
  Std.ZeroHour12,
  Std.ZeroMinute,
  Std.ZeroSecond,
  Std.Year,
];

const isLower = (s: string): boolean => s.length > 0 && s[0]! >= "a" && s[0]! <= "z";
const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i]! >= "0" && s[i]! <= "9";

const TZ_CHUNKS: [string, Std][] = [
  ["-070000", Std.NumSecondsTz],
  ["-07:00:00", Std.NumColonSecondsTZ],
  ["-0700", Std.NumTZ],
  ["-07:00", Std.NumColonTZ],
  ["-07", Std.NumShortTZ],
];
const ISO_CHUNKS: [string, Std][] = [
  ["Z070000", Std.ISO8601SecondsTZ],
  ["Z07:00:00", Std.ISO8601ColonSecondsTZ],
  ["Z0700", Std.ISO8601TZ],
  ["Z07:00", Std.ISO8601ColonTZ],
  ["Z07", Std.ISO8601ShortTZ],
];

/** time.nextStdChunk. */
export function nextStdChunk(layout: string): Chunk {
  const hit = (i: number, std: Std, len: number, prefixEnd = i): Chunk => ({
    prefix: layout.slice(0, prefixEnd),
    std,
    text: layout.slice(prefixEnd, i + len),
    suffix: layout.slice(i + len),
  });
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i]!;
    const at = (s: string) => layout.startsWith(s, i);
    switch (c) {
      case "J":
        if (at("Jan")) {
          if (at("January")) return hit(i, Std.LongMonth, 7);
          if (!isLower(layout.slice(i + 3))) return hit(i, Std.Month, 3);
        }
        break;
      case "M":
        if (at("Mon")) {
          if (at("Monday")) return hit(i, Std.LongWeekDay, 6);
          if (!isLower(layout.slice(i + 3))) return hit(i, Std.WeekDay, 3);
        }
        if (at("MST")) return hit(i, Std.TZ, 3);
        break;
      case "0": {
        const n = layout[i + 1];
        if (n !== undefined && n >= "1" && n <= "6")
          return hit(i, ZERO_X[n.charCodeAt(0) - 49]!, 2);
        if (at("002")) return hit(i, Std.ZeroYearDay, 3);
        break;
      }
      case "1":
        if (at("15")) return hit(i, Std.Hour, 2);
        return hit(i, Std.NumMonth, 1);
      case "2":
        if (at("2006")) return hit(i, Std.LongYear, 4);
        return hit(i, Std.Day, 1);
      case "_":
        if (layout[i + 1] === "2") {
          // "_2006" is a literal "_" and a long year.
          if (layout.startsWith("2006", i + 1)) return hit(i + 1, Std.LongYear, 4);
          return hit(i, Std.UnderDay, 2);
        }
        if (at("__2")) return hit(i, Std.UnderYearDay, 3);
        break;
      case "3":
        return hit(i, Std.Hour12, 1);
      case "4":
        return hit(i, Std.Minute, 1);
      case "5":
        return hit(i, Std.Second, 1);
      case "P":
        if (at("PM")) return hit(i, Std.PM, 2);
        break;
      case "p":
        if (at("pm")) return hit(i, Std.pm, 2);
        break;
      case "-":
        for (const [s, std] of TZ_CHUNKS) if (at(s)) return hit(i, std, s.length);
        break;
      case "Z":
        for (const [s, std] of ISO_CHUNKS) if (at(s)) return hit(i, std, s.length);
        break;
      case ".":
      case ",": {
        const ch = layout[i + 1];
        if (ch === "0" || ch === "9") {
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          // Only a run of digits that ends here is a fraction.
          if (!isDigitAt(layout, j)) {
            const chunk = hit(i, ch === "0" ? Std.FracSecond0 : Std.FracSecond9, j - i);
            chunk.digits = j - (i + 1);
            chunk.separator = c;
            return chunk;
          }
        }
        break;
      }
    }
  }
  return { prefix: layout, std: Std.None, text: "", suffix: "" };
}
