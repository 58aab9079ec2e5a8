import { describe, expect, it } from "vitest";
import { dateFuncs, GoTime } from "../../../src/engine/gotemplate/funcs/sprig/dates.js";
import type { FuncError } from "../../../src/engine/gotemplate/funcs/types.js";
import { GoInt, GoObject, type GoValue } from "../../../src/engine/gotemplate/value.js";
import { helmBinary, helmEach, helmRender } from "./helmOracle.js";

const call = (name: string, ...args: GoValue[]): GoValue => dateFuncs[name]!.fn(...args);
const int64 = (n: number) => new GoInt(n, "int64");
const show = (v: GoValue): string =>
  v instanceof GoObject ? v.format() : v instanceof GoInt ? String(v.value) : String(v);
const method = (v: GoValue, name: string, ...args: GoValue[]): GoValue =>
  (v as GoObject).method(name)!.call(...args);

const LAYOUTS = [
  "2006-01-02 15:04:05.000 -0700 MST",
  "Mon Jan _2 15:04:05 2006",
  "Monday, 02-Jan-06 15:04:05 MST",
  "3:04PM 03:04:05pm",
  "Z07:00 Z0700 Z07 -07 -07:00:00 Z070000 -070000 Z07:00:00",
  "__2 002 _2 2 1 01 January Jan",
  "5.999 ,000 .0 .9",
  "_2006 Jant Monx MSTx 15h",
  "2006-01-02T15:04:05Z07:00",
];
const TIMES = [0, 1709164800, 1700000123, -1, 4102444800, 1719792000, 253402300799, -62135596800];
const ZONES = [
  "UTC",
  "Local",
  "",
  "Europe/Berlin",
  "America/New_York",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "Asia/Dubai",
  "Pacific/Chatham",
  "America/St_Johns",
  "Nope/Zone",
];

describe.skipIf(helmBinary === undefined)("date functions against helm 4.1.4", () => {
  it("formats with Go layouts in every zone, beyond the zone files' last transition too", () => {
    const cases = ZONES.flatMap((z) =>
      TIMES.map((t, i) => [LAYOUTS[i % LAYOUTS.length]!, t, z] as const),
    ).concat(LAYOUTS.map((l) => [l, 1700000123, "Europe/Berlin"] as const));
    const helm = helmEach(
      cases.map(([l, t, z]) => `dateInZone ${JSON.stringify(l)} (int64 ${t}) ${JSON.stringify(z)}`),
    );
    expect(cases.map(([l, t, z]) => call("dateInZone", l, int64(t), z))).toEqual(helm);
  });

  it("takes int, int32 and int64 seconds, and formats now for other types", () => {
    const ours = [
      call("date", "2006-01-02", new GoInt(86400, "int")),
      call("date", "2006-01-02", new GoInt(86400, "int32")),
      call("htmlDate", int64(86400)),
      call("htmlDateInZone", int64(86400), "Pacific/Kiritimati"),
      call("date", "2006", 1.5) === call("date", "2006", GoTime.now()),
    ].map(String);
    const helm = helmEach([
      `date "2006-01-02" 86400`,
      `date "2006-01-02" (int 86400 | toString | atoi | int)`,
      `htmlDate (int64 86400)`,
      `htmlDateInZone (int64 86400) "Pacific/Kiritimati"`,
      `eq (date "2006" 1.5) (date "2006" now)`,
    ]);
    expect(ours).toEqual(helm);
  });

  const PARSE: [string, string][] = [
    ["2006-01-02", "2024-02-29"],
    ["2006-01-02T15:04:05Z07:00", "2024-03-10T12:00:00+01:00"],
    ["2006-01-02T15:04:05Z07:00", "2024-03-10T12:00:00Z"],
    ["2006-01-02T15:04:05.999999999Z07:00", "2024-03-10T12:00:00.123456789-05:30"],
    ["2006-01-02 15:04:05 MST", "2024-07-01 12:00:00 CEST"],
    ["2006-01-02 15:04:05 MST", "2024-07-01 12:00:00 UTC"],
    ["2006-01-02 15:04:05 MST", "2024-07-01 12:00:00 GMT+3"],
    ["Jan 2 2006", "feb 29 2024"],
    ["02/01/2006", "31/12/1999"],
    ["2006-01-02 3:04PM", "2024-01-01 12:30AM"],
    ["2006-002", "2024-060"],
    ["15:04:05", "23:59:59.5"],
    ["15:04:05.000", "23:59:59.123"],
    ["Monday Jan _2 06", "Thursday Feb  1 24"],
    ["2006-01-02", "2024-02-30"],
    ["2006-01-02", "2024-13-01"],
    ["2006-01-02", "bad"],
    ["2006-01-02", "2024-01-01 extra"],
    ["15:04", "24:00"],
    ["2006-01-02T15:04:05Z07:00", "2024-03-10T12:00:00+0100"],
  ];

  it("parses with toDate as Go does; bad input gives the zero time", () => {
    const helm = helmEach(
      PARSE.map(([l, v]) => `toDate ${JSON.stringify(l)} ${JSON.stringify(v)}`),
    );
    expect(PARSE.map(([l, v]) => show(call("toDate", l, v)))).toEqual(helm);
  });

  it.each(PARSE.filter((_, i) => i >= 14))("mustToDate fails as Go does: %s %s", (l, v) => {
    let ours = "(no error)";
    try {
      call("mustToDate", l, v);
    } catch (e) {
      ours = (e as FuncError).message;
    }
    expect(ours).toBe(helmRender(`{{ mustToDate ${JSON.stringify(l)} ${JSON.stringify(v)} }}`).err);
  });

  const DURATIONS = [
    "1h30m",
    "-1.5h",
    "1.000000001s",
    "1µs",
    "1us",
    "100ms",
    "2562047h",
    "2562048h",
    "x",
    "1x",
    "",
    ".5h",
    "1.h",
    "+3m",
    "0",
    "1",
    "1h1h",
    "9223372036854775807ns",
    "9223372036854775808ns",
  ];

  it("dateModify adds Go durations and keeps the time on bad ones", () => {
    const base = "2024-02-29T10:00:00Z";
    const helm = helmEach(
      DURATIONS.map(
        (d) => `dateModify ${JSON.stringify(d)} (toDate "2006-01-02T15:04:05Z07:00" "${base}")`,
      ),
    );
    const t = call("toDate", "2006-01-02T15:04:05Z07:00", base);
    expect(DURATIONS.map((d) => show(call("dateModify", d, t)))).toEqual(helm);
  });

  it.each(["x", "1x", "", ".h", "2562048h"])(
    "mustDateModify %j fails as Go's ParseDuration",
    (d) => {
      let ours = "(no error)";
      try {
        call("mustDateModify", d, GoTime.now());
      } catch (e) {
        ours = (e as FuncError).message;
      }
      expect(ours).toBe(helmRender(`{{ mustDateModify ${JSON.stringify(d)} now }}`).err);
    },
  );

  it("prints durations and rounded durations as sprig does", () => {
    const calls: [string, GoValue, string][] = [
      ["duration", "90", `"90"`],
      ["duration", "3700", `"3700"`],
      ["duration", int64(86400 * 400), `(int64 ${86400 * 400})`],
      ["duration", "-5", `"-5"`],
      ["duration", "abc", `"abc"`],
      ["duration", new GoInt(90, "int"), "90"],
      ["duration", "9223372037", `"9223372037"`],
      ["duration", "0", `"0"`],
      ["durationRound", "2h10m", `"2h10m"`],
      ["durationRound", "49h", `"49h"`],
      ["durationRound", "800h", `"800h"`],
      ["durationRound", "10000h", `"10000h"`],
      ["durationRound", "1s", `"1s"`],
      ["durationRound", "-90s", `"-90s"`],
      ["durationRound", int64(3600000000001), "(int64 3600000000001)"],
      ["durationRound", "bad", `"bad"`],
    ];
    expect(calls.map(([n, v]) => call(n, v))).toEqual(
      helmEach(calls.map(([n, , t]) => `${n} ${t}`)),
    );
  });

  it("gives time values Go's methods, %v and JSON form", () => {
    const t = call("toDate", "2006-01-02T15:04:05.999999999Z07:00", "2024-02-29T23:30:00.5+05:30");
    const d = call("toDate", "2006-01-02", "2024-01-01");
    const exprs: [string, GoValue][] = [
      ["$t", t],
      ["$t.Year", method(t, "Year")],
      ["$t.Month", method(t, "Month")],
      ["$t.Day", method(t, "Day")],
      ["$t.Weekday", method(t, "Weekday")],
      ["$t.YearDay", method(t, "YearDay")],
      ["$t.Hour", method(t, "Hour")],
      ["$t.Nanosecond", method(t, "Nanosecond")],
      ["$t.Unix", method(t, "Unix")],
      ["$t.UnixNano", method(t, "UnixNano")],
      ["$t.UTC", method(t, "UTC")],
      [
        '$t.Format "Jan 2, 2006 at 3:04pm (MST)"',
        method(t, "Format", "Jan 2, 2006 at 3:04pm (MST)"),
      ],
      ["$t.Add 90000000000", method(t, "Add", new GoInt(90000000000, "int64"))],
      ["$t.AddDate 0 1 1", method(t, "AddDate", new GoInt(0), new GoInt(1), new GoInt(1))],
      ["$t.Sub $d", method(t, "Sub", d)],
      ["$t.IsZero", method(t, "IsZero")],
      ['(toDate "x" "y").IsZero', method(call("toDate", "x", "y"), "IsZero")],
      ["$t.Before $d", method(t, "Before", d)],
      ["$t.After $d", method(t, "After", d)],
      ["unixEpoch $t", call("unixEpoch", t)],
      ["$t | toJson", JSON.stringify((t as GoObject).toGo())],
      ["$t.Round 3600000000000", method(t, "Round", new GoInt(3600000000000, "int64"))],
      ["$t.Truncate 86400000000000", method(t, "Truncate", new GoInt(86400000000000, "int64"))],
    ];
    const prelude = `{{- $t := toDate "2006-01-02T15:04:05.999999999Z07:00" "2024-02-29T23:30:00.5+05:30" }}{{ $d := toDate "2006-01-02" "2024-01-01" -}}`;
    const out = helmRender(prelude + exprs.map(([e]) => `<<{{ ${e} }}>>`).join("\n")).out!;
    expect(exprs.map(([, v]) => show(v))).toEqual(out.slice(2, -2).split(">>\n<<"));
  });
});

describe("date functions (clock-dependent: properties)", () => {
  it("now prints as Go's time.Now with a monotonic reading", () => {
    expect(show(call("now"))).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [+-]\d{4} \S+ m=\+\d+\.\d{9}$/,
    );
  });

  it("ago rounds to seconds", () => {
    expect(call("ago", call("now"))).toBe("0s");
    const hourAgo = method(call("now"), "Add", new GoInt(-3600e9, "int64"));
    expect(call("ago", hourAgo)).toBe("1h0m0s");
  });
});
