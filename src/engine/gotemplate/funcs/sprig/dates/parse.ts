/** Go's time.ParseInLocation, with its error texts (toDate / mustToDate). */
import { timeQuote } from "./duration.js";
import { DAYS, GoTime, MONTHS } from "./goTime.js";
import { nextStdChunk, Std } from "./layout.js";
import { daysIn, fixedZone, isLeap, UTC, type Location } from "./zone.js";

export class TimeParseError extends Error {}

const LONG_MONTHS = MONTHS;
const SHORT_MONTHS = LONG_MONTHS.map((m) => m.slice(0, 3));
const LONG_DAYS = DAYS;
const SHORT_DAYS = LONG_DAYS.map((d) => d.slice(0, 3));
const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

const BAD = Symbol("bad");

const isDigit = (s: string, i: number): boolean => i < s.length && s[i]! >= "0" && s[i]! <= "9";

function getnum(s: string, fixed: boolean): [number, string] | typeof BAD {
  if (!isDigit(s, 0)) return BAD;
  if (!isDigit(s, 1)) return fixed ? BAD : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

function getnum3(s: string, fixed: boolean): [number, string] | typeof BAD {
  let i = 0;
  while (i < 3 && isDigit(s, i)) i++;
  if (i === 0 || (fixed && i !== 3)) return BAD;
  return [Number(s.slice(0, i)), s.slice(i)];
}

/** Case-insensitive lookup of a name at the start of s. */
function lookup(names: string[], s: string): [number, string] | typeof BAD {
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!;
    if (s.length >= n.length && s.slice(0, n.length).toLowerCase() === n.toLowerCase())
      return [i, s.slice(n.length)];
  }
  return BAD;
}

function skip(value: string, prefix: string): string | typeof BAD {
  while (prefix.length > 0) {
    if (prefix[0] === " ") {
      if (value.length > 0 && value[0] !== " ") return BAD;
      prefix = prefix.replace(/^ +/, "");
      value = value.replace(/^ +/, "");
      continue;
    }
    if (value.length === 0 || value[0] !== prefix[0]) return BAD;
    prefix = prefix.slice(1);
    value = value.slice(1);
  }
  return value;
}

const atoi = (s: string): number | typeof BAD => (/^[+-]?[0-9]+$/.test(s) ? Number(s) : BAD);

function parseNanoseconds(value: string, nbytes: number): number | typeof BAD {
  if (value[0] !== "." && value[0] !== ",") return BAD;
  if (nbytes > 10) nbytes = 10;
  const n = atoi(value.slice(1, nbytes));
  if (n === BAD) return BAD;
  return n * 10 ** (10 - nbytes);
}

function parseSignedOffset(value: string): number {
  if (value[0] !== "-" && value[0] !== "+") return 0;
  const m = /^[0-9]+/.exec(value.slice(1));
  if (m === null || Number(m[0]) > 23) return 0;
  return 1 + m[0].length;
}

function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith("ChST") || value.startsWith("MeST")) return 4;
  if (value.startsWith("GMT"))
    return value.length === 3 ? 3 : 3 + parseSignedOffset(value.slice(3));
  if (value[0] === "+" || value[0] === "-") return parseSignedOffset(value);
  let n = 0;
  while (n < 6 && n < value.length && value[n]! >= "A" && value[n]! <= "Z") n++;
  if (n === 5 && value[4] === "T") return 5;
  if (n === 4 && (value[3] === "T" || value.startsWith("WITA"))) return 4;
  if (n === 3) return 3;
  return 0;
}

export function parseTime(layout: string, value: string, loc: Location): GoTime {
  const alayout = layout;
  const avalue = value;
  const fail = (layoutElem: string, valueElem: string, message = ""): never => {
    throw new TimeParseError(
      message === ""
        ? `parsing time ${timeQuote(avalue)} as ${timeQuote(alayout)}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(layoutElem)}`
        : `parsing time ${timeQuote(avalue)}${message}`,
    );
  };
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let z: Location | undefined;
  let zoneOffset = -1;
  let zoneName = "";
  let amSet = false;
  let pmSet = false;

  for (;;) {
    const chunk = nextStdChunk(layout);
    const skipped = skip(value, chunk.prefix);
    if (skipped === BAD) return fail(chunk.prefix, value);
    value = skipped;
    if (chunk.std === Std.None) {
      if (value.length !== 0) fail("", value, `: extra text: ${timeQuote(value)}`);
      break;
    }
    layout = chunk.suffix;
    let range = "";
    let bad = false;
    const num = (r: [number, string] | typeof BAD): number => {
      if (r === BAD) {
        bad = true;
        return 0;
      }
      value = r[1];
      return r[0];
    };
    switch (chunk.std) {
      case Std.Year: {
        const y = value.length >= 2 ? atoi(value.slice(0, 2)) : BAD;
        if (y === BAD) bad = true;
        else {
          value = value.slice(2);
          year = y >= 69 ? y + 1900 : y + 2000;
        }
        break;
      }
      case Std.LongYear: {
        const y = value.length >= 4 && isDigit(value, 0) ? atoi(value.slice(0, 4)) : BAD;
        if (y === BAD) bad = true;
        else {
          year = y;
          value = value.slice(4);
        }
        break;
      }
      case Std.Month:
        month = num(lookup(SHORT_MONTHS, value)) + 1;
        break;
      case Std.LongMonth:
        month = num(lookup(LONG_MONTHS, value)) + 1;
        break;
      case Std.NumMonth:
      case Std.ZeroMonth:
        month = num(getnum(value, chunk.std === Std.ZeroMonth));
        if (!bad && (month <= 0 || month > 12)) range = "month";
        break;
      case Std.WeekDay:
        num(lookup(SHORT_DAYS, value));
        break;
      case Std.LongWeekDay:
        num(lookup(LONG_DAYS, value));
        break;
      case Std.Day:
      case Std.UnderDay:
      case Std.ZeroDay:
        if (chunk.std === Std.UnderDay && value[0] === " ") value = value.slice(1);
        day = num(getnum(value, chunk.std === Std.ZeroDay));
        break;
      case Std.UnderYearDay:
      case Std.ZeroYearDay:
        for (let i = 0; i < 2; i++)
          if (chunk.std === Std.UnderYearDay && value[0] === " ") value = value.slice(1);
        yday = num(getnum3(value, chunk.std === Std.ZeroYearDay));
        break;
      case Std.Hour:
        hour = num(getnum(value, false));
        if (hour < 0 || hour >= 24) range = "hour";
        break;
      case Std.Hour12:
      case Std.ZeroHour12:
        hour = num(getnum(value, chunk.std === Std.ZeroHour12));
        if (hour < 0 || hour > 12) range = "hour";
        break;
      case Std.Minute:
      case Std.ZeroMinute:
        min = num(getnum(value, chunk.std === Std.ZeroMinute));
        if (min < 0 || min >= 60) range = "minute";
        break;
      case Std.Second:
      case Std.ZeroSecond: {
        sec = num(getnum(value, chunk.std === Std.ZeroSecond));
        if (bad) break;
        if (sec < 0 || sec >= 60) {
          range = "second";
          break;
        }
        // A fraction after the seconds is read even when the layout has none.
        if (value.length >= 2 && (value[0] === "." || value[0] === ",") && isDigit(value, 1)) {
          const next = nextStdChunk(layout).std;
          if (next === Std.FracSecond0 || next === Std.FracSecond9) break;
          let n = 2;
          while (n < value.length && isDigit(value, n)) n++;
          const ns = parseNanoseconds(value, n);
          if (ns === BAD) bad = true;
          else nsec = ns;
          value = value.slice(n);
        }
        break;
      }
      case Std.PM:
      case Std.pm: {
        const [am, pm] = chunk.std === Std.PM ? ["AM", "PM"] : ["am", "pm"];
        const p = value.slice(0, 2);
        if (value.length < 2 || (p !== am && p !== pm)) bad = true;
        else {
          value = value.slice(2);
          if (p === pm) pmSet = true;
          else amSet = true;
        }
        break;
      }
      case Std.TZ: {
        if (value.startsWith("UTC")) {
          z = UTC;
          value = value.slice(3);
          break;
        }
        const n = parseTimeZone(value);
        if (n === 0) bad = true;
        else {
          zoneName = value.slice(0, n);
          value = value.slice(n);
        }
        break;
      }
      case Std.FracSecond0: {
        const ndigit = 1 + chunk.digits!;
        if (value.length < ndigit) {
          bad = true;
          break;
        }
        const ns = parseNanoseconds(value, ndigit);
        if (ns === BAD) bad = true;
        else nsec = ns;
        value = value.slice(ndigit);
        break;
      }
      case Std.FracSecond9: {
        if (value.length < 2 || (value[0] !== "." && value[0] !== ",") || !isDigit(value, 1)) break;
        let i = 0;
        while (i < 9 && i + 1 < value.length && isDigit(value, i + 1)) i++;
        const ns = parseNanoseconds(value, 1 + i);
        if (ns === BAD) bad = true;
        else nsec = ns;
        value = value.slice(1 + i);
        break;
      }
      default: {
        // Numeric zones: Z0700, -07:00, ...
        const std = chunk.std;
        if (
          (std === Std.ISO8601TZ || std === Std.ISO8601ShortTZ || std === Std.ISO8601ColonTZ) &&
          value[0] === "Z"
        ) {
          value = value.slice(1);
          z = UTC;
          break;
        }
        let parts: [string, string, string, string] | undefined;
        if (std === Std.ISO8601ColonTZ || std === Std.NumColonTZ) {
          if (value.length >= 6 && value[3] === ":")
            parts = [value[0]!, value.slice(1, 3), value.slice(4, 6), "00"];
          if (parts) value = value.slice(6);
        } else if (std === Std.NumShortTZ || std === Std.ISO8601ShortTZ) {
          if (value.length >= 3) parts = [value[0]!, value.slice(1, 3), "00", "00"];
          if (parts) value = value.slice(3);
        } else if (std === Std.ISO8601ColonSecondsTZ || std === Std.NumColonSecondsTZ) {
          if (value.length >= 9 && value[3] === ":" && value[6] === ":")
            parts = [value[0]!, value.slice(1, 3), value.slice(4, 6), value.slice(7, 9)];
          if (parts) value = value.slice(9);
        } else if (std === Std.ISO8601SecondsTZ || std === Std.NumSecondsTz) {
          if (value.length >= 7)
            parts = [value[0]!, value.slice(1, 3), value.slice(3, 5), value.slice(5, 7)];
          if (parts) value = value.slice(7);
        } else {
          if (value.length >= 5) parts = [value[0]!, value.slice(1, 3), value.slice(3, 5), "00"];
          if (parts) value = value.slice(5);
        }
        if (parts === undefined) {
          bad = true;
          break;
        }
        const [sign, hh, mm, ss] = parts;
        const h = atoi(hh);
        const m = atoi(mm);
        const s = atoi(ss);
        if (h === BAD || m === BAD || s === BAD || (sign !== "+" && sign !== "-")) {
          bad = true;
          break;
        }
        zoneOffset = (h * 60 + m) * 60 + s;
        if (sign === "-") zoneOffset = -zoneOffset;
      }
    }
    if (range !== "") fail(chunk.text, value, `: ${range} out of range`);
    if (bad) fail(chunk.text, value);
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;

  if (yday >= 0) {
    let d = 0;
    let m = 0;
    if (isLeap(year)) {
      if (yday === 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) yday--;
    }
    if (yday < 1 || yday > 365) fail("", value, ": day-of-year out of range");
    if (m === 0) {
      m = Math.floor((yday - 1) / 31) + 1;
      if (DAYS_BEFORE[m]! < yday) m++;
      d = yday - DAYS_BEFORE[m - 1]!;
    }
    if (month >= 0 && month !== m) fail("", value, ": day-of-year does not match month");
    month = m;
    if (day >= 0 && day !== d) fail("", value, ": day-of-year does not match day");
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) fail("", value, ": day out of range");

  if (z !== undefined) return GoTime.date(year, month, day, hour, min, sec, nsec, z);
  if (zoneOffset !== -1) {
    const t = GoTime.date(year, month, day, hour, min, sec, nsec, UTC);
    const unix = t.sec - zoneOffset;
    const found = loc.lookup(unix);
    if (found.offset === zoneOffset && (zoneName === "" || found.abbr === zoneName))
      return new GoTime(unix, nsec, loc);
    return new GoTime(unix, nsec, fixedZone(zoneName, zoneOffset));
  }
  if (zoneName !== "") {
    const t = GoTime.date(year, month, day, hour, min, sec, nsec, UTC);
    // Go's lookupName: a zone of that name in loc, preferring the one in effect then.
    const at = loc.lookup(t.sec - loc.lookup(t.sec).offset);
    if (at.abbr === zoneName) return new GoTime(t.sec - at.offset, nsec, loc);
    let offset = 0;
    if (zoneName.length > 3 && zoneName.startsWith("GMT"))
      offset = Number(zoneName.slice(3)) * 3600;
    // Go keeps the wall clock as UTC here and only labels it with the zone.
    return new GoTime(t.sec, nsec, fixedZone(zoneName, offset));
  }
  return GoTime.date(year, month, day, hour, min, sec, nsec, loc);
}
