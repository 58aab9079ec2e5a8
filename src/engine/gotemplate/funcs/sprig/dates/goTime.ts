/**
 * Go's time.Time as templates see it: an instant (Unix seconds + nanoseconds) in a Location, with
 * Go's Format, String (`2006-01-02 15:04:05.999999999 -0700 MST`, plus " m=+0.001" for times
 * carrying a monotonic reading), JSON form (RFC 3339) and the methods charts call.
 */
import { GoInt, GoObject, goFunction, type GoFunction, type GoValue } from "../../../value.js";
import { FuncError } from "../../types.js";
import { durationString, int64, SECOND } from "./duration.js";
import { nextStdChunk, Std } from "./layout.js";
import { civilFromDays, daysFromCivil, local, mod, UTC, type Location } from "./zone.js";

export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
export const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Process start in ns on the monotonic clock: Go prints readings relative to it. */
const MONO_START = process.hrtime.bigint();

/** time.Month / time.Weekday: ints whose %v is their name. */
export class GoNamedInt extends GoObject {
  constructor(
    readonly goType: string,
    readonly value: number,
    readonly name: string,
  ) {
    super();
  }
  override format(): string {
    return this.name;
  }
  override toGo(): GoValue {
    return new GoInt(this.value, "int");
  }
}

/** time.Duration: an int64 of nanoseconds whose %v is "1h2m3s". */
export class GoDuration extends GoObject {
  readonly goType = "time.Duration";
  constructor(readonly ns: bigint) {
    super();
  }
  override format(): string {
    return durationString(this.ns);
  }
  override toGo(): GoValue {
    return new GoInt(Number(this.ns), "int64");
  }
  override method(name: string): GoFunction | undefined {
    const d = this.ns;
    switch (name) {
      case "String":
        return goFunction(name, () => durationString(d));
      case "Seconds":
        return goFunction(name, () => Number(d / SECOND) + Number(d % SECOND) / 1e9);
      case "Minutes":
        return goFunction(name, () => Number(d) / 6e10);
      case "Hours":
        return goFunction(name, () => Number(d) / 3.6e12);
      case "Milliseconds":
        return goFunction(name, () => new GoInt(Number(d / 1000000n), "int64"));
      case "Nanoseconds":
        return goFunction(name, () => new GoInt(Number(d), "int64"));
    }
    return undefined;
  }
}

interface Civil {
  year: number;
  month: number;
  day: number;
  yday: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

export class GoTime extends GoObject {
  readonly goType = "time.Time";

  constructor(
    /** Unix seconds (integer). */
    readonly sec: number,
    /** 0 ≤ nsec < 1e9. */
    readonly nsec: number,
    readonly loc: Location,
    /** Monotonic reading in ns since process start, as time.Now() carries it. */
    readonly mono?: bigint,
  ) {
    super();
  }

  static now(): GoTime {
    const ms = Date.now();
    const hr = process.hrtime.bigint();
    const sec = Math.floor(ms / 1000);
    // Date has millisecond precision; hrtime supplies the finer digits Go prints.
    const nsec = (ms % 1000) * 1e6 + Number(hr % 1000000n);
    return new GoTime(sec, nsec, local(), hr - MONO_START);
  }

  /** time.Unix(sec, 0) in Local. */
  static unix(sec: number, loc: Location = local()): GoTime {
    return new GoTime(sec, 0, loc);
  }

  /** time.Date: normalises out-of-range fields; the wall clock is resolved in loc. */
  static date(
    y: number,
    mo: number,
    d: number,
    h: number,
    mi: number,
    s: number,
    ns: number,
    loc: Location,
  ): GoTime {
    s += Math.floor(ns / 1e9);
    ns = mod(ns, 1e9);
    const wall = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    // Go looks up the offset at wall-offset, then re-checks with the zone in effect there.
    let unix = wall - loc.lookup(wall).offset;
    const offset = loc.lookup(unix).offset;
    unix = wall - offset;
    return new GoTime(unix, ns, loc);
  }

  get isZero(): boolean {
    return this.sec === ZERO_UNIX && this.nsec === 0;
  }

  zone(): { abbr: string; offset: number } {
    return this.loc.lookup(this.sec);
  }

  civil(): Civil {
    const local = this.sec + this.zone().offset;
    const days = Math.floor(local / 86400);
    const secs = local - days * 86400;
    const { year, month, day } = civilFromDays(days);
    return {
      year,
      month,
      day,
      yday: days - daysFromCivil(year, 1, 1) + 1,
      hour: Math.floor(secs / 3600),
      minute: Math.floor((secs % 3600) / 60),
      second: secs % 60,
      weekday: mod(days + 4, 7),
    };
  }

  in(loc: Location): GoTime {
    return new GoTime(this.sec, this.nsec, loc);
  }

  /** Adds a Duration (ns); keeps the monotonic reading, as Go does. */
  add(ns: bigint): GoTime {
    const total = BigInt(this.nsec) + ns;
    const sec = this.sec + Number(total / SECOND) + (total % SECOND < 0n ? -1 : 0);
    const nsec = Number(((total % SECOND) + SECOND) % SECOND);
    return new GoTime(sec, nsec, this.loc, this.mono !== undefined ? this.mono + ns : undefined);
  }

  /** t - u in ns, saturating as Go's Sub does. */
  sub(u: GoTime): bigint {
    if (this.mono !== undefined && u.mono !== undefined) return int64(this.mono - u.mono);
    const d = BigInt(this.sec - u.sec) * SECOND + BigInt(this.nsec - u.nsec);
    const max = (1n << 63n) - 1n;
    if (d > max) return max;
    if (d < -(1n << 63n)) return -(1n << 63n);
    return d;
  }

  compare(u: GoTime): number {
    return this.sec !== u.sec ? Math.sign(this.sec - u.sec) : Math.sign(this.nsec - u.nsec);
  }

  format(): string {
    let s = formatTime(this, "2006-01-02 15:04:05.999999999 -0700 MST");
    if (this.mono !== undefined) {
      const m = this.mono;
      const sign = m < 0n ? "-" : "+";
      const a = m < 0n ? -m : m;
      s += ` m=${sign}${a / SECOND}.${String(a % SECOND).padStart(9, "0")}`;
    }
    return s;
  }

  /** MarshalJSON: RFC 3339 with nanoseconds. */
  override toGo(): GoValue {
    return formatTime(this, "2006-01-02T15:04:05.999999999Z07:00");
  }

  override method(name: string): GoFunction | undefined {
    const f = TIME_METHODS[name];
    return f === undefined ? undefined : goFunction(name, (...args) => f(this, args));
  }
}

/** 0001-01-01 00:00:00 UTC, Go's zero Time. */
export const ZERO_UNIX = -62135596800;
export const zeroTime = (): GoTime => new GoTime(ZERO_UNIX, 0, UTC);

function timeArg(v: GoValue): GoTime {
  if (v instanceof GoTime) return v;
  throw new FuncError(
    `wrong type for value; expected time.Time; got ${v === null ? "<nil>" : typeof v}`,
  );
}

function durationArg(v: GoValue): bigint {
  if (v instanceof GoDuration) return v.ns;
  if (v instanceof GoInt) return BigInt(v.value);
  if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
  throw new FuncError("wrong type for value; expected time.Duration");
}

const intOf = (v: GoValue): number =>
  v instanceof GoInt ? v.value : typeof v === "number" ? Math.trunc(v) : 0;
const int = (n: number): GoInt => new GoInt(n, "int");

const TIME_METHODS: Record<string, (t: GoTime, args: GoValue[]) => GoValue> = {
  String: (t) => t.format(),
  Format: (t, [layout]) => formatTime(t, typeof layout === "string" ? layout : ""),
  Unix: (t) => new GoInt(t.sec, "int64"),
  UnixMilli: (t) => new GoInt(t.sec * 1000 + Math.floor(t.nsec / 1e6), "int64"),
  UnixMicro: (t) => new GoInt(t.sec * 1e6 + Math.floor(t.nsec / 1e3), "int64"),
  UnixNano: (t) => new GoInt(t.sec * 1e9 + t.nsec, "int64"),
  UTC: (t) => t.in(UTC),
  Local: (t) => t.in(local()),
  Add: (t, [d]) => t.add(durationArg(d)),
  Sub: (t, [u]) => new GoDuration(t.sub(timeArg(u))),
  AddDate: (t, [y, m, d]) => {
    const c = t.civil();
    return GoTime.date(
      c.year + intOf(y),
      c.month + intOf(m),
      c.day + intOf(d),
      c.hour,
      c.minute,
      c.second,
      t.nsec,
      t.loc,
    );
  },
  Year: (t) => int(t.civil().year),
  Month: (t) => {
    const m = t.civil().month;
    return new GoNamedInt("time.Month", m, MONTHS[m - 1]!);
  },
  Day: (t) => int(t.civil().day),
  YearDay: (t) => int(t.civil().yday),
  Weekday: (t) => {
    const w = t.civil().weekday;
    return new GoNamedInt("time.Weekday", w, DAYS[w]!);
  },
  Hour: (t) => int(t.civil().hour),
  Minute: (t) => int(t.civil().minute),
  Second: (t) => int(t.civil().second),
  Nanosecond: (t) => int(t.nsec),
  IsZero: (t) => t.isZero,
  Before: (t, [u]) => t.compare(timeArg(u)) < 0,
  After: (t, [u]) => t.compare(timeArg(u)) > 0,
  Equal: (t, [u]) => t.compare(timeArg(u)) === 0,
  Compare: (t, [u]) => int(t.compare(timeArg(u))),
  Round: (t, [d]) =>
    durationArg(d) <= 0n ? new GoTime(t.sec, t.nsec, t.loc) : roundTime(t, durationArg(d), true),
  Truncate: (t, [d]) =>
    durationArg(d) <= 0n ? new GoTime(t.sec, t.nsec, t.loc) : roundTime(t, durationArg(d), false),
};

/** Round/Truncate relative to the zero time, as Go does (and dropping the monotonic reading). */
function roundTime(t: GoTime, d: bigint, round: boolean): GoTime {
  const since = BigInt(t.sec - ZERO_UNIX) * SECOND + BigInt(t.nsec);
  const r = since % d;
  let delta = -r;
  if (round && r + r >= d) delta = d - r;
  const base = new GoTime(t.sec, t.nsec, t.loc);
  return base.add(delta);
}

const pad = (n: number, width: number): string => {
  const s = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? `-${s}` : s;
};

/** Time.Format. */
export function formatTime(t: GoTime, layout: string): string {
  const { abbr, offset } = t.zone();
  let c: Civil | undefined;
  let out = "";
  while (layout !== "") {
    const chunk = nextStdChunk(layout);
    out += chunk.prefix;
    if (chunk.std === Std.None) break;
    layout = chunk.suffix;
    c ??= t.civil();
    switch (chunk.std) {
      case Std.Year:
        out += pad(Math.abs(c.year) % 100, 2);
        break;
      case Std.LongYear:
        out += pad(c.year, 4);
        break;
      case Std.Month:
        out += MONTHS[c.month - 1]!.slice(0, 3);
        break;
      case Std.LongMonth:
        out += MONTHS[c.month - 1]!;
        break;
      case Std.NumMonth:
        out += c.month;
        break;
      case Std.ZeroMonth:
        out += pad(c.month, 2);
        break;
      case Std.WeekDay:
        out += DAYS[c.weekday]!.slice(0, 3);
        break;
      case Std.LongWeekDay:
        out += DAYS[c.weekday]!;
        break;
      case Std.Day:
        out += c.day;
        break;
      case Std.UnderDay:
        out += (c.day < 10 ? " " : "") + c.day;
        break;
      case Std.ZeroDay:
        out += pad(c.day, 2);
        break;
      case Std.UnderYearDay:
        out += (c.yday < 10 ? "  " : c.yday < 100 ? " " : "") + c.yday;
        break;
      case Std.ZeroYearDay:
        out += pad(c.yday, 3);
        break;
      case Std.Hour:
        out += pad(c.hour, 2);
        break;
      case Std.Hour12:
        out += c.hour % 12 === 0 ? 12 : c.hour % 12;
        break;
      case Std.ZeroHour12:
        out += pad(c.hour % 12 === 0 ? 12 : c.hour % 12, 2);
        break;
      case Std.Minute:
        out += c.minute;
        break;
      case Std.ZeroMinute:
        out += pad(c.minute, 2);
        break;
      case Std.Second:
        out += c.second;
        break;
      case Std.ZeroSecond:
        out += pad(c.second, 2);
        break;
      case Std.PM:
        out += c.hour >= 12 ? "PM" : "AM";
        break;
      case Std.pm:
        out += c.hour >= 12 ? "pm" : "am";
        break;
      case Std.TZ:
        if (abbr !== "") out += abbr;
        else out += formatOffset(offset, false, false, false);
        break;
      case Std.FracSecond0:
      case Std.FracSecond9: {
        let digits = String(t.nsec).padStart(9, "0").slice(0, Math.min(chunk.digits!, 9));
        if (chunk.std === Std.FracSecond9) digits = digits.replace(/0+$/, "");
        if (digits !== "") out += chunk.separator! + digits;
        break;
      }
      default:
        out += formatZone(chunk.std, offset);
    }
  }
  return out;
}

function formatZone(std: Std, offset: number): string {
  const iso =
    std === Std.ISO8601TZ ||
    std === Std.ISO8601ColonTZ ||
    std === Std.ISO8601SecondsTZ ||
    std === Std.ISO8601ShortTZ ||
    std === Std.ISO8601ColonSecondsTZ;
  if (offset === 0 && iso) return "Z";
  const colon =
    std === Std.ISO8601ColonTZ ||
    std === Std.NumColonTZ ||
    std === Std.ISO8601ColonSecondsTZ ||
    std === Std.NumColonSecondsTZ;
  const short = std === Std.NumShortTZ || std === Std.ISO8601ShortTZ;
  const seconds =
    std === Std.ISO8601SecondsTZ ||
    std === Std.NumSecondsTz ||
    std === Std.NumColonSecondsTZ ||
    std === Std.ISO8601ColonSecondsTZ;
  return formatOffset(offset, colon, short, seconds) + (seconds ? "" : "");
}

function formatOffset(offset: number, colon: boolean, short: boolean, seconds: boolean): string {
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let out = "+";
  if (zone < 0) {
    out = "-";
    zone = -zone;
    abs = -abs;
  }
  out += pad(Math.floor(zone / 60), 2);
  if (colon) out += ":";
  if (!short) out += pad(zone % 60, 2);
  if (seconds) {
    if (colon) out += ":";
    out += pad(abs % 60, 2);
  }
  return out;
}
