/**
 * Time zones as Go's time.LoadLocation sees them: the system's TZif files (/usr/share/zoneinfo,
 * as Go reads them), including the POSIX rule in their footer for instants after the last
 * transition, so names like "CEST" and "+04" print as helm prints them. Where no zoneinfo file
 * exists, Intl supplies the offsets.
 */
import { readFileSync } from "node:fs";

export interface ZoneInfo {
  /** Abbreviation, e.g. "CEST", "+04" ("" for fixed zones without a name). */
  abbr: string;
  /** Seconds east of UTC. */
  offset: number;
}

export class Location {
  constructor(
    /** As Location.String() reports it ("UTC", "Local", "Europe/Berlin"). */
    readonly name: string,
    private readonly resolve: (unixSec: number) => ZoneInfo,
  ) {}
  lookup(unixSec: number): ZoneInfo {
    return this.resolve(unixSec);
  }
}

export const UTC = new Location("UTC", () => ({ abbr: "UTC", offset: 0 }));

export function fixedZone(name: string, offset: number): Location {
  return new Location(name, () => ({ abbr: name, offset }));
}

const ZONEINFO_DIRS = [
  "/usr/share/zoneinfo/",
  "/usr/share/lib/zoneinfo/",
  "/usr/lib/locale/TZ/",
  "/etc/zoneinfo/",
];

const cache = new Map<string, Location | undefined>();

/** Go's time.LoadLocation; undefined where Go returns an error. */
export function loadLocation(name: string): Location | undefined {
  if (name === "" || name === "UTC") return UTC;
  if (name === "Local") return local();
  if (cache.has(name)) return cache.get(name);
  const loc = findZone(name);
  cache.set(name, loc);
  return loc;
}

function findZone(name: string): Location | undefined {
  // Go refuses names that could leave the zoneinfo directory.
  if (name.startsWith("/") || name.startsWith("\\") || name.includes("..")) return undefined;
  const dirs = process.env.ZONEINFO
    ? [`${process.env.ZONEINFO}/`, ...ZONEINFO_DIRS]
    : ZONEINFO_DIRS;
  for (const dir of dirs) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(dir + name);
    } catch {
      continue;
    }
    const resolve = parseTzif(bytes);
    if (resolve !== undefined) return new Location(name, resolve);
  }
  return intlZone(name);
}

let localLocation: Location | undefined;

/** Go's time.Local: $TZ (unset → /etc/localtime, "" → UTC), named "Local". */
export function local(): Location {
  if (localLocation !== undefined) return localLocation;
  const tz = process.env.TZ;
  let resolve: ((s: number) => ZoneInfo) | undefined;
  if (tz === undefined) {
    try {
      resolve = parseTzif(readFileSync("/etc/localtime"));
    } catch {
      resolve = undefined;
    }
  } else if (tz !== "" && tz !== "UTC") {
    const loc = findZone(tz.startsWith(":") ? tz.slice(1) : tz);
    if (loc !== undefined) resolve = (s) => loc.lookup(s);
  }
  localLocation = new Location("Local", resolve ?? (() => ({ abbr: "UTC", offset: 0 })));
  return localLocation;
}

/** A zone Node knows but no zoneinfo file holds: offsets from Intl, Go-style numeric names. */
function intlZone(name: string): Location | undefined {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", { timeZone: name, timeZoneName: "longOffset" });
  } catch {
    return undefined;
  }
  return new Location(name, (sec) => {
    const part = format.formatToParts(new Date(sec * 1000)).find((p) => p.type === "timeZoneName");
    const m = /GMT([+-])(\d\d):(\d\d)/.exec(part?.value ?? "");
    const offset = m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
    return { abbr: numericAbbr(offset), offset };
  });
}

/** tzdata's name for a zone without letters: "+04", "-0930". */
function numericAbbr(offset: number): string {
  const sign = offset < 0 ? "-" : "+";
  const a = Math.abs(offset);
  const h = String(Math.floor(a / 3600)).padStart(2, "0");
  const m = Math.floor((a % 3600) / 60);
  return m === 0 ? `${sign}${h}` : `${sign}${h}${String(m).padStart(2, "0")}`;
}

/** Reads a TZif file (v1 data, or v2+ 64-bit data and footer). */
function parseTzif(buf: Buffer): ((sec: number) => ZoneInfo) | undefined {
  if (buf.length < 44 || buf.toString("latin1", 0, 4) !== "TZif") return undefined;
  const version = buf[4]!;
  const counts = (at: number) => ({
    isut: buf.readUInt32BE(at + 20),
    isstd: buf.readUInt32BE(at + 24),
    leap: buf.readUInt32BE(at + 28),
    time: buf.readUInt32BE(at + 32),
    type: buf.readUInt32BE(at + 36),
    char: buf.readUInt32BE(at + 40),
  });
  let c = counts(0);
  let at = 44;
  let timeSize = 4;
  if (version >= 0x32) {
    at += c.time * 5 + c.type * 6 + c.char + c.leap * 8 + c.isstd + c.isut;
    c = counts(at);
    at += 44;
    timeSize = 8;
  }
  const transitions: number[] = [];
  for (let i = 0; i < c.time; i++)
    transitions.push(
      timeSize === 8 ? Number(buf.readBigInt64BE(at + i * 8)) : buf.readInt32BE(at + i * 4),
    );
  at += c.time * timeSize;
  const indices = [...buf.subarray(at, at + c.time)];
  at += c.time;
  const types: ZoneInfo[] = [];
  const abbrStart = at + c.type * 6;
  for (let i = 0; i < c.type; i++) {
    const offset = buf.readInt32BE(at + i * 6);
    const idx = buf[at + i * 6 + 5]!;
    const end = buf.indexOf(0, abbrStart + idx);
    types.push({
      offset,
      abbr: buf.toString("latin1", abbrStart + idx, end < 0 ? undefined : end),
    });
  }
  at = abbrStart + c.char + c.leap * (timeSize + 4) + c.isstd + c.isut;
  let footer: ((sec: number) => ZoneInfo) | undefined;
  if (timeSize === 8 && buf[at] === 0x0a) {
    const end = buf.indexOf(0x0a, at + 1);
    if (end > at) footer = posixRule(buf.toString("latin1", at + 1, end));
  }
  if (types.length === 0) return undefined;
  // Before the first transition Go uses the first non-DST type (here: type 0, as zic writes it).
  return (sec) => {
    if (transitions.length === 0 || sec < transitions[0]!)
      return footer && transitions.length === 0 ? footer(sec) : types[0]!;
    if (sec >= transitions[transitions.length - 1]! && footer !== undefined) return footer(sec);
    let lo = 0;
    let hi = transitions.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (transitions[mid]! <= sec) lo = mid;
      else hi = mid - 1;
    }
    return types[indices[lo]!]!;
  };
}

// --- POSIX TZ rules ("CET-1CEST,M3.5.0,M10.5.0/3") ---------------------------------------------

interface Rule {
  kind: "J" | "N" | "M";
  day: number;
  week: number;
  mon: number;
  /** Seconds after local midnight. */
  time: number;
}

function posixRule(s: string): ((sec: number) => ZoneInfo) | undefined {
  let i = 0;
  const name = (): string | undefined => {
    if (s[i] === "<") {
      const end = s.indexOf(">", i);
      if (end < 0) return undefined;
      const n = s.slice(i + 1, end);
      i = end + 1;
      return n;
    }
    const start = i;
    while (i < s.length && /[A-Za-z]/.test(s[i]!)) i++;
    return i - start >= 3 ? s.slice(start, i) : undefined;
  };
  const offset = (): number | undefined => {
    const m = /^([+-]?)(\d{1,3})(?::(\d{1,2}))?(?::(\d{1,2}))?/.exec(s.slice(i));
    if (m === null) return undefined;
    i += m[0].length;
    const v = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    return m[1] === "-" ? -v : v;
  };
  const stdName = name();
  if (stdName === undefined) return undefined;
  const stdOff = offset();
  if (stdOff === undefined) return undefined;
  const std: ZoneInfo = { abbr: stdName, offset: -stdOff };
  if (i >= s.length) return () => std;
  const dstName = name();
  if (dstName === undefined) return () => std;
  let dstOffset = std.offset + 3600;
  if (s[i] !== "," && i < s.length) {
    const o = offset();
    if (o === undefined) return () => std;
    dstOffset = -o;
  }
  const dst: ZoneInfo = { abbr: dstName, offset: dstOffset };
  const rule = (): Rule | undefined => {
    if (s[i] !== ",") return undefined;
    i++;
    let r: Rule;
    let m: RegExpExecArray | null;
    if ((m = /^M(\d{1,2})\.(\d)\.(\d)/.exec(s.slice(i))) !== null)
      r = { kind: "M", mon: Number(m[1]), week: Number(m[2]), day: Number(m[3]), time: 7200 };
    else if ((m = /^J(\d{1,3})/.exec(s.slice(i))) !== null)
      r = { kind: "J", day: Number(m[1]), week: 0, mon: 0, time: 7200 };
    else if ((m = /^(\d{1,3})/.exec(s.slice(i))) !== null)
      r = { kind: "N", day: Number(m[1]), week: 0, mon: 0, time: 7200 };
    else return undefined;
    i += m[0].length;
    if (s[i] === "/") {
      i++;
      const t = offset();
      if (t === undefined) return undefined;
      r.time = t;
    }
    return r;
  };
  const start = rule();
  const end = rule();
  if (start === undefined || end === undefined) return () => std;
  return (sec) => {
    const year = yearOf(sec + std.offset);
    const yearStart = daysFromCivil(year, 1, 1) * 86400;
    // Transition instants in UTC: start in standard time, end in daylight time.
    const startAt = yearStart + ruleSeconds(start, year) - std.offset;
    const endAt = yearStart + ruleSeconds(end, year) - dst.offset;
    const inDst =
      startAt < endAt ? sec >= startAt && sec < endAt : !(sec >= endAt && sec < startAt);
    return inDst ? dst : std;
  };
}

/** Seconds from the start of the year (local) to the rule's moment. */
function ruleSeconds(r: Rule, year: number): number {
  const leap = isLeap(year);
  let day: number;
  if (r.kind === "J") day = r.day - 1 + (leap && r.day >= 60 ? 1 : 0);
  else if (r.kind === "N") day = r.day;
  else {
    const monthStart = daysFromCivil(year, r.mon, 1);
    const dow = mod(monthStart + 4, 7); // 1970-01-01 was a Thursday
    let d = mod(r.day - dow, 7);
    for (let w = 1; w < r.week; w++) {
      if (d + 7 >= daysIn(r.mon, year)) break;
      d += 7;
    }
    day = monthStart - daysFromCivil(year, 1, 1) + d;
  }
  return day * 86400 + r.time;
}

// --- proleptic Gregorian calendar -------------------------------------------------------------

export const mod = (a: number, b: number): number => ((a % b) + b) % b;

export function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

export function daysIn(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Days from 1970-01-01 to the date (month 1–12); out-of-range months and days normalise. */
export function daysFromCivil(y: number, m: number, d: number): number {
  y += Math.floor((m - 1) / 12);
  m = mod(m - 1, 12) + 1;
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): { year: number; month: number; day: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function yearOf(localSec: number): number {
  return civilFromDays(Math.floor(localSec / 86400)).year;
}
