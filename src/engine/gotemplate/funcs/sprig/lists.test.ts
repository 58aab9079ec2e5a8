import { describe, expect, it } from "vitest";
import { listFuncs } from "./lists.js";
import { stringFuncs } from "./strings.js";
import { dictFuncs } from "./dicts.js";
import { reflectFuncs } from "./reflect.js";
import { render } from "./testkit.js";

const funcs = { ...listFuncs, ...stringFuncs, ...dictFuncs, ...reflectFuncs };

// Expected outputs recorded from helm 4.1.4 (templates rendered with testkit's values).
const CASES: [string, string][] = [
  [
    '{{ list }}|{{ list 1 "a" nil 2.5 }}|{{ tuple 1 2 }}|{{ typeOf (list) }}',
    "[]|[1 a <nil> 2.5]|[1 2]|[]interface {}",
  ],
  [
    '{{ append (list 1) 2 }}|{{ push .Values.strs "z" }}|{{ typeOf (append .Values.strs "z") }}|{{ append (splitList "," "a,b") 3 }}',
    "[1 2]|[b a c z]|[]interface {}|[a b 3]",
  ],
  ['{{ append "abc" 1 }}', "ERR:Cannot push on type string"],
  ["{{ mustPush .Values.m 1 }}", "ERR:Cannot push on type map"],
  ["{{ append nil 1 }}", "ERR:runtime error: invalid memory address or nil pointer dereference"],
  ["{{ prepend (list 1) 0 }}|{{ prepend (list) nil }}", "[0 1]|[<nil>]"],
  ["{{ prepend 1 0 }}", "ERR:Cannot prepend on type int"],
  [
    "{{ first (list 1 2) }}|{{ first (list) }}|{{ last (list 1 2) }}|{{ last (list) }}|{{ first .Values.strs }}|{{ last .Values.list }}",
    "1||2||b|3",
  ],
  ["{{ last 1.5 }}", "ERR:Cannot find last on type float64"],
  [
    "{{ rest (list 1 2 3) }}|{{ rest (list) }}|{{ typeOf (rest (list)) }}|{{ initial (list 1 2 3) }}|{{ initial (list) }}|{{ rest (list 1) }}",
    "[2 3]|[]|[]interface {}|[1 2]|[]|[]",
  ],
  ["{{ initial true }}", "ERR:Cannot find initial on type bool"],
  [
    "{{ reverse (list 1 2 3) }}|{{ reverse (list) }}|{{ reverse .Values.strs }}",
    "[3 2 1]|[]|[c a b]",
  ],
  ['{{ reverse "abc" }}', "ERR:Cannot find reverse on type string"],
  [
    '{{ uniq (list 1 2 1 "1" 1.0 2.0 nil nil) }}|{{ uniq (list (list 1) (list 1) (dict "a" 1) (dict "a" 1)) }}',
    "[1 2 1 1 2 <nil>]|[[1] map[a:1]]",
  ],
  ["{{ uniq .Values.m }}", "ERR:Cannot find uniq on type map"],
  [
    '{{ without (list 1 2 3 1) 1 }}|{{ without (list 1 2 3) }}|{{ without .Values.list 1.0 2 }}|{{ without (list "a" nil) nil }}',
    "[2 3]|[1 2 3]|[2 3]|[a]",
  ],
  ["{{ without 5 1 }}", "ERR:Cannot find without on type int"],
  [
    '{{ has 1 (list 1 2) }}|{{ has 1.0 (list 1 2) }}|{{ has 1.0 .Values.list }}|{{ has "a" nil }}|{{ has nil (list nil) }}',
    "true|false|true|false|true",
  ],
  ["{{ has 1 .Values.m }}", "ERR:Cannot find has on type map"],
  [
    '{{ compact (list 0 1 "" "a" nil false true (list) (dict) 0.0) }}|{{ compact (list) }}',
    "[1 a true]|[]",
  ],
  ['{{ compact "x" }}', "ERR:Cannot compact on type string"],
  [
    '{{ slice (list 1 2 3 4) 1 3 }}|{{ slice (list 1 2 3) }}|{{ slice (list 1 2 3) 1 }}|{{ slice (list) }}|{{ typeOf (slice .Values.strs 1) }}|{{ slice .Values.strs 1 2 }}|{{ slice (list 1 2 3) "1" 2.0 }}',
    "[2 3]|[1 2 3]|[2 3]||[]interface {}|[a]|[2]",
  ],
  ["{{ slice (list 1 2 3) 2 1 }}", "ERR:reflect.Value.Slice: slice index out of bounds"],
  ["{{ slice (list 1 2 3) 1 5 }}", "ERR:reflect.Value.Slice: slice index out of bounds"],
  ["{{ slice 1 }}", "ERR:list should be type of slice or array but int"],
  [
    "{{ concat (list 1) (list 2 3) .Values.strs }}|{{ concat }}|{{ typeOf (concat) }}",
    "[1 2 3 b a c]|[]|[]interface {}",
  ],
  ["{{ concat (list 1) 2 }}", "ERR:Cannot concat type int as list"],
  [
    "{{ concat (list 1) nil }}",
    "ERR:runtime error: invalid memory address or nil pointer dereference",
  ],
  [
    "{{ chunk 2 (list 1 2 3 4 5) }}|{{ chunk 2 (list 1 2 3 4) }}|{{ chunk 3 (list) }}|{{ typeOf (chunk 2 (list 1)) }}|{{ chunk 5 (list 1 2) }}",
    "[[1 2] [3 4] [5]]|[[1 2] [3 4]]|[]|[][]interface {}|[[1 2]]",
  ],
  ["{{ chunk 0 (list 1 2) }}", "ERR:runtime error: makeslice: len out of range"],
  ['{{ chunk 2 "ab" }}', "ERR:Cannot chunk type string"],
  [
    '{{ sortAlpha (list "b" "a" 3 1 nil "B") }}|{{ sortAlpha "x" }}|{{ sortAlpha 3 }}|{{ sortAlpha nil }}|{{ typeOf (sortAlpha .Values.strs) }}|{{ sortAlpha .Values.m }}',
    "[1 3 B a b]|[x]|[3]|[<nil>]|[]string|[map[a:1 b:x]]",
  ],
  [
    "{{ until 5 }}|{{ until -3 }}|{{ until 0 }}|{{ typeOf (until 2) }}|{{ untilStep 0 10 3 }}|{{ untilStep 10 0 -4 }}|{{ untilStep 0 10 -1 }}|{{ untilStep 3 3 1 }}",
    "[0 1 2 3 4]|[0 -1 -2]|[]|[]int|[0 3 6 9]|[10 6 2]|[]|[]",
  ],
  [
    "{{ seq 5 }}|{{ seq -3 }}|{{ seq 0 }}|{{ seq 2 5 }}|{{ seq 5 2 }}|{{ seq 0 2 10 }}|{{ seq 10 -2 0 }}|{{ seq 10 2 0 }}|{{ seq }}|{{ seq 1 2 3 4 }}|{{ seq 1 0 3 }}",
    "1 2 3 4 5|1 0 -1 -2 -3|1 0|2 3 4 5|5 4 3 2|0 2 4 6 8 10|10 8 6 4 2 0||||",
  ],
];

describe("sprig lists functions", () => {
  it.each(CASES)("%s", (tpl, want) => {
    expect(render(tpl, funcs)).toBe(want);
  });
});
