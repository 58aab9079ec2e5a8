import { describe, expect, it } from "vitest";
import { conversionFuncs } from "./conversion.js";
import { defaultFuncs } from "./defaults.js";
import { dictFuncs } from "./dicts.js";
import { flowFuncs } from "./flow.js";
import { listFuncs } from "./lists.js";
import { reflectFuncs } from "./reflect.js";
import { render } from "./testkit.js";

const funcs = {
  ...defaultFuncs,
  ...conversionFuncs,
  ...dictFuncs,
  ...flowFuncs,
  ...listFuncs,
  ...reflectFuncs,
};

// Expected outputs recorded from helm 4.1.4 (templates rendered with testkit's values).
const CASES: [string, string][] = [
  [
    '{{ default "d" "" }}|{{ default "d" "x" }}|{{ default "d" 0 }}|{{ default "d" 0.0 }}|{{ default "d" false }}|{{ default "d" nil }}|{{ default "d" (list) }}|{{ default "d" (dict) }}|{{ default "d" .Values.missing }}|{{ default "d" }}|{{ "x" | default "d" }}|{{ default "d" 1 2 }}|{{ default "d" "" 2 }}|{{ default "d" (list 0) }}',
    "d|x|d|d|d|d|d|d|d|d|x|1|d|[0]",
  ],
  [
    '{{ empty "" }}|{{ empty "a" }}|{{ empty 0 }}|{{ empty 1 }}|{{ empty 0.0 }}|{{ empty .Values.f }}|{{ empty nil }}|{{ empty (list) }}|{{ empty (dict) }}|{{ empty (dict "a" 1) }}|{{ empty false }}|{{ empty true }}|{{ empty .Values.nul }}|{{ empty .Values.missing }}',
    "true|false|true|false|true|false|true|true|true|false|true|false|true|true",
  ],
  [
    '{{ coalesce 0 "" "x" "y" }}|{{ coalesce }}|{{ coalesce nil 0 }}|{{ coalesce .Values.missing .Values.s }}',
    "x|||hello",
  ],
  [
    '{{ all 1 "a" true }}|{{ all 1 "" }}|{{ all }}|{{ any 0 "" nil }}|{{ any 0 "a" }}|{{ any }}',
    "true|false|true|false|true|false",
  ],
  ['{{ ternary "a" "b" true }}|{{ ternary "a" "b" false }}|{{ true | ternary 1 2 }}', "a|b|1"],
  // helm prints this as "execution error at (c/templates/NOTES.txt:1:10): boom": its engine
  // rewrites errors from fail; the function's own error is just the message.
  ['{{ fail "boom" }}', "ERR:boom"],
  [
    '{{ int "42" }}|{{ int "08" }}|{{ int "0x1f" }}|{{ int "1.0" }}|{{ int "1.5" }}|{{ int 3.9 }}|{{ int -3.9 }}|{{ int true }}|{{ int nil }}|{{ int "abc" }}|{{ typeOf (int 1) }}|{{ int .Values.big }}|{{ int " 5" }}',
    "42|0|31|1|0|3|-3|1|0|0|int|1000000|0",
  ],
  [
    '{{ int64 "42" }}|{{ typeOf (int64 1) }}|{{ int64 .Values.f }}|{{ int64 "-0b101" }}|{{ int64 "1_000" }}',
    "42|int64|1|-5|1000",
  ],
  [
    '{{ float64 "1.5" }}|{{ float64 3 }}|{{ float64 "abc" }}|{{ float64 nil }}|{{ typeOf (float64 1) }}|{{ float64 "1e6" }}|{{ float64 true }}|{{ float64 "Inf" }}',
    "1.5|3|0|0|float64|1e+06|1|+Inf",
  ],
  [
    '{{ atoi "42" }}|{{ atoi "-7" }}|{{ atoi "+7" }}|{{ atoi "4.2" }}|{{ atoi "x" }}|{{ atoi "" }}|{{ typeOf (atoi "1") }}|{{ atoi "99999999999999999999" }}|{{ atoi " 1" }}',
    "42|-7|7|0|0|0|int|9223372036854775807|0",
  ],
  [
    '{{ toString 1 }}|{{ toString 1.5 }}|{{ toString nil }}|{{ toString .Values.big }}|{{ toString (list 1 "a") }}|{{ toString true }}|{{ typeOf (toString 1) }}',
    "1|1.5|<nil>|1e+06|[1 a]|true|string",
  ],
  [
    '{{ toStrings (list 1 "a" nil 2.5) }}|{{ typeOf (toStrings (list 1)) }}|{{ toStrings "x" }}|{{ toStrings nil }}|{{ toStrings .Values.strs }}|{{ toStrings 5 }}',
    "[1 a 2.5]|[]string|[x]|[]|[b a c]|[5]",
  ],
  [
    '{{ toDecimal "0777" }}|{{ toDecimal 777 }}|{{ toDecimal "8" }}|{{ toDecimal "-17" }}|{{ toDecimal 1.5 }}|{{ typeOf (toDecimal 1) }}|{{ toDecimal "0o17" }}',
    "511|511|0|-15|0|int64|0",
  ],
];

describe("sprig defaults functions", () => {
  it.each(CASES)("%s", (tpl, want) => {
    expect(render(tpl, funcs)).toBe(want);
  });
});
