/**
 * Sprig's date functions over Go's time semantics (dates/): formatting with Go layouts in IANA
 * zones, Unix-second integers, durations ("1h2m3s"), toDate parsing. Argument types decide as in
 * sprig: `date` takes a time.Time or an int/int32/int64 of Unix seconds and formats *now* for any
 * other type (a float64 from values included); `duration` reads strings and int64 only.
 */
import { GoInt, type GoValue } from "../../value.js";
import { FuncError, type FuncMap } from "../types.js";
import {
  DurationError,
  durationString,
  int64,
  parseDuration,
  roundDuration,
  SECOND,
} from "./dates/duration.js";
import { GoTime, formatTime, zeroTime } from "./dates/goTime.js";
import { parseTime, TimeParseError } from "./dates/parse.js";
import { UTC, loadLocation, local } from "./dates/zone.js";
import { strArg } from "./common.js";

export { GoTime, GoDuration, GoNamedInt } from "./dates/goTime.js";

/** sprig's type switch: time.Time, or integer Unix seconds of the listed kinds, else now. */
function timeOf(v: GoValue, kinds: string[]): GoTime {
  if (v instanceof GoTime) return v;
  if (v instanceof GoInt && kinds.includes(v.kind)) return GoTime.unix(v.value);
  return GoTime.now();
}

function timeParam(v: GoValue): GoTime {
  if (v instanceof GoTime) return v;
  // text/template rejects other types for a time.Time parameter.
  throw new FuncError(
    `wrong type for value; expected time.Time; got ${v === null ? "<nil>" : typeof v}`,
  );
}

function dateInZone(layout: string, date: GoValue, zone: string): string {
  const t = timeOf(date, ["int64", "int", "int32"]);
  // An unknown zone silently falls back to UTC.
  return formatTime(t.in(loadLocation(zone) ?? UTC), layout);
}

function durationRound(v: GoValue): string {
  let d = 0n;
  if (typeof v === "string") {
    try {
      d = parseDuration(v);
    } catch {
      d = 0n;
    }
  } else if (v instanceof GoInt && v.kind === "int64") d = BigInt(v.value);
  else if (v instanceof GoTime) d = GoTime.now().sub(v);
  const u = d < 0n ? -d : d;
  const hour = 3600n * SECOND;
  const units: [bigint, string][] = [
    [hour * 24n * 365n, "y"],
    [hour * 24n * 30n, "mo"],
    [hour * 24n, "d"],
    [hour, "h"],
    [60n * SECOND, "m"],
    [SECOND, "s"],
  ];
  for (const [size, name] of units) if (u > size) return `${u / size}${name}`;
  return "0s";
}

function toDate(layout: GoValue, value: GoValue): GoTime {
  return parseTime(strArg(layout), strArg(value), local());
}

export const dateFuncs: FuncMap = {
  now: { params: [], fn: () => GoTime.now() },
  date: { params: ["string", "any"], fn: (layout, d) => dateInZone(strArg(layout), d, "Local") },
  dateInZone: {
    params: ["string", "any", "string"],
    fn: (layout, d, zone) => dateInZone(strArg(layout), d, strArg(zone)),
  },
  date_in_zone: {
    params: ["string", "any", "string"],
    fn: (layout, d, zone) => dateInZone(strArg(layout), d, strArg(zone)),
  },
  htmlDate: { params: ["any"], fn: (d) => dateInZone("2006-01-02", d, "Local") },
  htmlDateInZone: {
    params: ["any", "string"],
    fn: (d, zone) => dateInZone("2006-01-02", d, strArg(zone)),
  },
  dateModify: {
    params: ["string", "any"],
    fn: (s, d) => {
      const t = timeParam(d);
      try {
        return t.add(parseDuration(strArg(s)));
      } catch {
        return t;
      }
    },
  },
  date_modify: {
    params: ["string", "any"],
    fn: (s, d) => dateFuncs.dateModify!.fn(s, d),
  },
  mustDateModify: {
    params: ["string", "any"],
    fn: (s, d) => {
      const t = timeParam(d);
      try {
        return t.add(parseDuration(strArg(s)));
      } catch (e) {
        if (e instanceof DurationError) throw new FuncError(e.message);
        throw e;
      }
    },
  },
  must_date_modify: {
    params: ["string", "any"],
    fn: (s, d) => dateFuncs.mustDateModify!.fn(s, d),
  },
  ago: {
    params: ["any"],
    fn: (d) => {
      const t = timeOf(d, ["int64", "int"]);
      return durationString(roundDuration(GoTime.now().sub(t), SECOND));
    },
  },
  duration: {
    params: ["any"],
    fn: (v) => {
      let n = 0n;
      if (typeof v === "string") n = /^[+-]?[0-9]+$/.test(v) ? BigInt.asIntN(64, BigInt(v)) : 0n;
      else if (v instanceof GoInt && v.kind === "int64") n = BigInt(v.value);
      return durationString(int64(n * SECOND));
    },
  },
  durationRound: { params: ["any"], fn: durationRound },
  toDate: {
    params: ["string", "string"],
    fn: (layout, value) => {
      try {
        return toDate(layout, value);
      } catch (e) {
        if (e instanceof TimeParseError) return zeroTime();
        throw e;
      }
    },
  },
  mustToDate: {
    params: ["string", "string"],
    fn: (layout, value) => {
      try {
        return toDate(layout, value);
      } catch (e) {
        if (e instanceof TimeParseError) throw new FuncError(e.message);
        throw e;
      }
    },
  },
  unixEpoch: { params: ["any"], fn: (d) => String(timeParam(d).sec) },
};
