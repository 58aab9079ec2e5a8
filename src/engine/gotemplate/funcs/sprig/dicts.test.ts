import { describe, expect, it } from "vitest";
import { dictFuncs } from "./dicts.js";
import { listFuncs } from "./lists.js";
import { reflectFuncs } from "./reflect.js";
import { stringFuncs } from "./strings.js";
import { render } from "./testkit.js";

const funcs = { ...dictFuncs, ...listFuncs, ...reflectFuncs, ...stringFuncs };

// Expected outputs recorded from helm 4.1.4 (templates rendered with testkit's values).
const CASES: [string, string][] = [
  [
    '{{ dict }}|{{ dict "a" 1 "b" }}|{{ dict 1 2 nil 3 2.5 "x" }}|{{ typeOf (dict) }}',
    "map[]|map[a:1 b:]|map[1:2 2.5:x <nil>:3]|map[string]interface {}",
  ],
  [
    '{{ get (dict "a" 1) "a" }}|{{ get (dict "a" 1) "b" }}|{{ typeOf (get (dict) "x") }}|{{ get .Values.m "b" }}',
    "1||string|x",
  ],
  [
    '{{ set (dict "a" 1) "b" 2 }}|{{ $d := dict "a" 1 }}{{ $_ := set $d "c" 3 }}{{ $d }}',
    "map[a:1 b:2]|map[a:1 c:3]",
  ],
  ['{{ unset (dict "a" 1 "b" 2) "a" }}|{{ unset (dict) "zz" }}', "map[b:2]|map[]"],
  ['{{ hasKey (dict "a" nil) "a" }}|{{ hasKey (dict "a" 1) "b" }}', "true|false"],
  ['{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}|{{ pluck "a" }}', "[1 3]|[]"],
  [
    '{{ sortAlpha (keys (dict "b" 1 "a" 2) (dict "c" 3 "a" 4)) }}|{{ keys }}|{{ typeOf (keys) }}',
    "[a a b c]|[]|[]string",
  ],
  [
    '{{ pick (dict "a" 1 "b" 2 "c" 3) "a" "c" "z" }}|{{ omit (dict "a" 1 "b" 2 "c" 3) "a" "c" "z" }}|{{ pick (dict "a" 1) }}',
    "map[a:1 c:3]|map[b:2]|map[]",
  ],
  ['{{ sortAlpha (values (dict "a" "x" "b" "y")) }}|{{ values (dict) }}', "[x y]|[]"],
  [
    '{{ merge (dict "a" 1 "b" "" "c" (dict "x" 1) "d" (list 1)) (dict "a" 2 "b" "B" "c" (dict "x" 2 "y" 3) "d" (list 2) "e" nil "f" 0) }}',
    "map[a:1 b:B c:map[x:1 y:3] d:[1] f:0]",
  ],
  [
    '{{ mergeOverwrite (dict "a" 1 "b" "" "c" (dict "x" 1) "d" (list 1) "g" 5) (dict "a" 2 "b" "B" "c" (dict "x" 2 "y" 3) "d" (list 2) "e" nil "f" 0 "g" nil) }}',
    "map[a:2 b:B c:map[x:2 y:3] d:[2] e:<nil> f:0 g:<nil>]",
  ],
  [
    '{{ merge (dict "a" (list) "b" (dict) "c" false "d" 0) (dict "a" (list 1) "b" (dict "z" 1) "c" true "d" 5) }}|{{ mergeOverwrite (dict "a" (dict "x" 1)) (dict "a" "str") }}|{{ merge (dict "a" "str") (dict "a" (dict "x" 1)) }}|{{ merge (dict "a" (dict "x" 1)) (dict "a" "str") }}',
    "map[a:[1] b:map[z:1] c:true d:5]|map[a:str]|map[a:str]|map[a:map[x:1]]",
  ],
  [
    '{{ mergeOverwrite (dict "a" (list 1 2)) (dict "a" (list)) }}|{{ mergeOverwrite (dict "a" 1) (dict "a" "") }}|{{ merge (dict) (dict "a" 1) (dict "a" 2 "b" 3) }}|{{ mustMerge (dict "a" 1) }}|{{ mustMergeOverwrite (dict "a" 1) (dict "a" 3) }}',
    "map[a:[]]|map[a:]|map[a:1 b:3]|map[a:1]|map[a:3]",
  ],
  [
    '{{ $e := dict }}{{ $d := dict "n" $e }}{{ $_ := merge $d (dict "n" (dict "k" 1)) }}{{ $e }}|{{ $d }}',
    "map[k:1]|map[n:map[k:1]]",
  ],
  [
    '{{ deepCopy (dict "a" (list 1 (dict "b" 2))) }}|{{ deepCopy 5 }}|{{ typeOf (deepCopy .Values.strs) }}|{{ mustDeepCopy "x" }}|{{ typeOf (deepCopy (splitList "," "a")) }}|{{ typeOf (deepCopy (split "," "a")) }}',
    "map[a:[1 map[b:2]]]|5|[]interface {}|x|[]string|map[string]string",
  ],
  ["{{ deepCopy nil }}", "ERR:reflect: call of reflect.Value.Type on zero Value"],
  ["{{ mustDeepCopy nil }}", "ERR:reflect: call of reflect.Value.Type on zero Value"],
  [
    '{{ dig "a" "b" "def" (dict "a" (dict "b" 1)) }}|{{ dig "a" "c" "def" (dict "a" (dict "b" 1)) }}|{{ dig "x" "def" (dict "a" 1) }}|{{ dig "a" "def" (dict "a" nil) }}|{{ dig "a" "b" "def" (dict "x" 1) }}',
    "1|def|def||def",
  ],
  [
    '{{ dig "a" "b" "def" (dict "a" 1) }}',
    "ERR:interface conversion: interface {} is int, not map[string]interface {}",
  ],
  [
    '{{ dig "a" "b" "def" (dict "a" nil) }}',
    "ERR:interface conversion: interface {} is nil, not map[string]interface {}",
  ],
  ['{{ dig "a" (dict) }}', "ERR:dig needs at least three arguments"],
  ['{{ dig 1 "d" (dict) }}', "ERR:interface conversion: interface {} is int, not string"],
  [
    '{{ dig "a" "d" 5 }}',
    "ERR:interface conversion: interface {} is int, not map[string]interface {}",
  ],
  [
    '{{ dig "a" "d" nil }}',
    "ERR:interface conversion: interface {} is nil, not map[string]interface {}",
  ],
  [
    '{{ dig "a" "d" (split "," "a") }}',
    "ERR:interface conversion: interface {} is map[string]string, not map[string]interface {}",
  ],
];

describe("sprig dicts functions", () => {
  it.each(CASES)("%s", (tpl, want) => {
    expect(render(tpl, funcs)).toBe(want);
  });
});
