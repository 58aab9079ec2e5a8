import { describe, expect, it } from "vitest";
import { GoInt, type GoValue } from "../../value.js";
import { reflectFuncs } from "./reflect.js";
import { regexFuncs } from "./regex.js";
import { render } from "./testkit.js";

const funcs = {
  ...regexFuncs,
  ...reflectFuncs,
  len: { fn: (v: GoValue) => new GoInt(Array.isArray(v) ? v.length : 0, "int") },
};

// Expected outputs recorded from helm 4.1.4 (templates rendered with testkit's values).
const CASES: [string, string][] = [
  [
    '{{ regexMatch "^[a-z]+$" "abc" }}|{{ regexMatch "^[a-z]+$" "abc1" }}|{{ regexMatch "(" "x" }}|{{ mustRegexMatch "b" "abc" }}|{{ regexMatch "" "" }}|{{ regexMatch "^$" "a\\n" }}|{{ regexMatch "a$" "a\\n" }}|{{ regexMatch "(?m)a$" "a\\nb" }}',
    "true|false|false|true|true|false|false|true",
  ],
  [
    '{{ regexFindAll "[0-9]+" "a1b22c333" -1 }}|{{ regexFindAll "[0-9]+" "a1b22c333" 2 }}|{{ regexFindAll "[0-9]+" "a1b22c333" 0 }}|{{ regexFindAll "x*" "axxb" -1 }}|{{ typeOf (regexFindAll "a" "a" -1) }}|{{ regexFindAll "a" "b" -1 }}|{{ len (regexFindAll "" "héllo" -1) }}',
    "[1 22 333]|[1 22]|[]|[ xx ]|[]string|[]|6",
  ],
  [
    '{{ regexFind "[0-9]+" "ab12cd34" }}|{{ regexFind "z" "abc" }}|{{ regexFind "(?i)HELLO" "say hello" }}|{{ regexFind "a.c" "a\\nc abc" }}|{{ regexFind "(?s)a.c" "a\\nc" }}|{{ regexFind "a+?" "aaa" }}|{{ regexFind "(?U)a+" "aaa" }}|{{ regexFind "(?U)a+?" "aaa" }}',
    "12||hello|abc|a\nc|a|a|aaa",
  ],
  [
    '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}|{{ regexReplaceAll "a(?P<n>x*)b" "-axb-" "[$n]" }}|{{ regexReplaceAll "a(x*)b" "-axb-" "$$1" }}|{{ regexReplaceAll "a(x*)b" "-axb-" "$" }}|{{ regexReplaceAll "a(x*)b" "-axb-" "${1" }}|{{ regexReplaceAll "a(x*)b" "-axb-" "$01" }}|{{ regexReplaceAll "a(x*)b" "-axb-" "$2." }}',
    "-W-xxW-|---|-[x]-|-$1-|-$-|-${1-|--|-.-",
  ],
  [
    '{{ regexReplaceAll "x*" "abc" "-" }}|{{ regexReplaceAll "a*" "baaac" "X" }}|{{ regexReplaceAll "" "héllo" "." }}|{{ regexReplaceAll "[^a-zA-Z0-9]+" "Hello, World! 1.2" "-" }}|{{ regexReplaceAll "(?i)L" "Hello" "_" }}|{{ regexReplaceAll "^" "a\\nb" ">" }}|{{ regexReplaceAll "(?m)^" "a\\nb\\n" ">" }}|{{ regexReplaceAll "(?m)$" "a\\nb" "<" }}',
    "-a-b-c-|XbXcX|.h.é.l.l.o.|Hello-World-1-2|He__o|>a\nb|>a\n>b\n>|a<\nb<",
  ],
  [
    '{{ regexReplaceAllLiteral "a(x*)b" "-axb-" "${1}$" }}|{{ regexReplaceAllLiteral "" "ab" "-" }}|{{ mustRegexReplaceAllLiteral "o" "foo" "0" }}',
    "-${1}$-|-a-b-|f00",
  ],
  [
    '{{ regexSplit "z+" "pizza" -1 }}|{{ regexSplit "z+" "pizza" 1 }}|{{ regexSplit "z+" "pizza" 0 }}|{{ regexSplit "" "abc" -1 }}|{{ regexSplit "a" "" -1 }}|{{ regexSplit "" "" -1 }}|{{ regexSplit "a" "banana" 2 }}|{{ regexSplit "x*" "axxb" -1 }}|{{ len (regexSplit "a" "aa" -1) }}|{{ typeOf (regexSplit "a" "a" -1) }}',
    "[pi a]|[pizza]|[]|[a b c]|[]|[]|[b nana]|[a b]|3|[]string",
  ],
  [
    '{{ regexQuoteMeta "1.2+3*[x](y){z}^$|?\\\\" }}|{{ regexQuoteMeta "abc" }}',
    "1\\.2\\+3\\*\\[x\\]\\(y\\)\\{z\\}\\^\\$\\|\\?\\\\|abc",
  ],
  [
    '{{ regexFind "\\\\d+\\\\s\\\\w+" "x 12 ab" }}|{{ regexFind "\\\\s" "a\\u000bb c" }}|{{ regexFind "[[:alpha:]]+" "12abC3" }}|{{ regexFind "[[:^alpha:]]+" "ab12;c" }}|{{ regexFind "\\\\pL+" "12héllo3" }}|{{ regexFind "\\\\p{Greek}+" "abc αβγ" }}|{{ regexFind "\\\\PL+" "ab12;c" }}|{{ regexFind "[\\\\p{Lu}\\\\d]+" "abC1D" }}',
    "12 ab| |abC|12;|héllo|αβγ|12;|C1D",
  ],
  [
    '{{ regexFind "\\\\Qa.b\\\\E+" "a.bbb" }}|{{ regexFind "\\\\x41\\\\x{42}\\\\101" "ABA" }}|{{ regexFind "\\\\Aab" "ab" }}|{{ regexFind "ab\\\\z" "ab" }}|{{ regexFind "\\\\bfoo\\\\b" "a foo b" }}|{{ regexFind "\\\\Bo" "foo" }}|{{ regexFind "[]a]+" "]a]" }}|{{ regexFind "[a-]+" "a-a" }}|{{ regexFind "[^a]" "a\\n" }}',
    "a.bbb|ABA|ab|ab|foo|o|]a]|a-a|\n",
  ],
  [
    '{{ regexFind "(?i)[a-c]+" "xABCx" }}|{{ regexFind "(?i)k" "\\u212a" }}|{{ regexFind "(?i:a)b" "Ab" }}|{{ regexFind "(?i:a)b" "AB" }}|{{ regexFind "((?i)a)b" "AB" }}|{{ regexFind "a(?i)b" "aB" }}|{{ regexFind "(?i)\\\\w+" "ſK" }}|{{ regexFind "^*a" "a" }}|{{ regexFind "a{2,3}" "aaaa" }}|{{ regexFind "a{2,}" "aaaaa" }}|{{ regexFind "a{,2}" "a{,2}" }}',
    "ABC|K|Ab|||aB|ſK|a|aaa|aaaaa|a{,2}",
  ],
  [
    '{{ regexFind "(a|ab)(c|bcd)(d*)" "abcd" }}|{{ regexReplaceAll "(a)|b" "ab" "[$1]" }}|{{ regexFind "x*" "" }}|{{ regexFind "." "\\u00e9" }}|{{ regexFind "(?<year>\\\\d{4})" "in 2024" }}|{{ regexReplaceAll "(?<y>\\\\d{4})" "2024" "${y}!" }}',
    "abcd|[a][]||é|2024|2024!",
  ],
  [
    '{{ regexFind "[\\\\d\\\\-]+" "a1-2b" }}|{{ regexFind "[\\\\s\\\\S]+" "a\\nb" }}|{{ regexFind "[^\\\\d]+" "ab1" }}|{{ regexFind "\\\\." "a.b" }}|{{ regexFind "\\\\_" "a_b" }}|{{ regexFind "a\\\\Q\\\\E*" "aaa" }}',
    "1-2|a\nb|ab|.|_|aaa",
  ],
  ['{{ mustRegexFind "(" "" }}', "ERR:error parsing regexp: missing closing ): `(`"],
  ['{{ mustRegexFind "a)" "" }}', "ERR:error parsing regexp: unexpected ): `a)`"],
  ['{{ mustRegexFind "[a" "" }}', "ERR:error parsing regexp: missing closing ]: `[a`"],
  [
    '{{ mustRegexFind "a**" "" }}',
    "ERR:error parsing regexp: invalid nested repetition operator: `**`",
  ],
  [
    '{{ mustRegexFind "a*??" "" }}',
    "ERR:error parsing regexp: invalid nested repetition operator: `*??`",
  ],
  [
    '{{ mustRegexFind "*a" "" }}',
    "ERR:error parsing regexp: missing argument to repetition operator: `*`",
  ],
  [
    '{{ mustRegexFind "a|*" "" }}',
    "ERR:error parsing regexp: missing argument to repetition operator: `*`",
  ],
  [
    '{{ mustRegexFind "(*)" "" }}',
    "ERR:error parsing regexp: missing argument to repetition operator: `*`",
  ],
  [
    '{{ mustRegexFind "{2}" "" }}',
    "ERR:error parsing regexp: missing argument to repetition operator: `{2}`",
  ],
  [
    '{{ mustRegexFind "a{2}{3}" "" }}',
    "ERR:error parsing regexp: invalid nested repetition operator: `{2}{3}`",
  ],
  ['{{ mustRegexFind "a{1001}" "" }}', "ERR:error parsing regexp: invalid repeat count: `{1001}`"],
  ['{{ mustRegexFind "a{3,2}" "" }}', "ERR:error parsing regexp: invalid repeat count: `{3,2}`"],
  ['{{ mustRegexFind "(a{500}){3}" "" }}', "ERR:error parsing regexp: invalid repeat count: `{3}`"],
  ['{{ mustRegexFind "\\\\1" "" }}', "ERR:error parsing regexp: invalid escape sequence: `\\1`"],
  ['{{ mustRegexFind "\\\\q" "" }}', "ERR:error parsing regexp: invalid escape sequence: `\\q`"],
  [
    '{{ mustRegexFind "a\\\\" "" }}',
    "ERR:error parsing regexp: trailing backslash at end of expression: ``",
  ],
  [
    '{{ mustRegexFind "[z-a]" "" }}',
    "ERR:error parsing regexp: invalid character class range: `z-a`",
  ],
  [
    '{{ mustRegexFind "[[:foo:]]" "" }}',
    "ERR:error parsing regexp: invalid character class range: `[:foo:]`",
  ],
  [
    '{{ mustRegexFind "\\\\p{Foo}" "" }}',
    "ERR:error parsing regexp: invalid character class range: `\\p{Foo}`",
  ],
  [
    '{{ mustRegexFind "\\\\pX" "" }}',
    "ERR:error parsing regexp: invalid character class range: `\\pX`",
  ],
  ['{{ mustRegexFind "(?P<>a)" "" }}', "ERR:error parsing regexp: invalid named capture: `(?P<>`"],
  [
    '{{ mustRegexFind "(?P<a-b>a)" "" }}',
    "ERR:error parsing regexp: invalid named capture: `(?P<a-b>`",
  ],
  ['{{ mustRegexFind "(?<n>a)" "a" }}', "a"],
  [
    '{{ mustRegexFind "(?\'n\'a)" "a" }}',
    "ERR:error parsing regexp: invalid or unsupported Perl syntax: `(?'`",
  ],
  [
    '{{ mustRegexFind "(?z)" "" }}',
    "ERR:error parsing regexp: invalid or unsupported Perl syntax: `(?z`",
  ],
  [
    '{{ mustRegexFind "(?i" "" }}',
    "ERR:error parsing regexp: invalid or unsupported Perl syntax: `(?i`",
  ],
  ['{{ mustRegexFind "(?P<n" "" }}', "ERR:error parsing regexp: invalid named capture: `(?P<n`"],
  ['{{ mustRegexFind "\\\\C" "" }}', "ERR:error parsing regexp: invalid escape sequence: `\\C`"],
  ['{{ mustRegexFind "[\\\\b]" "" }}', "ERR:error parsing regexp: invalid escape sequence: `\\b`"],
  ['{{ mustRegexFind "\\\\8" "" }}', "ERR:error parsing regexp: invalid escape sequence: `\\8`"],
  [
    '{{ mustRegexFind "\\\\x{110000}" "" }}',
    "ERR:error parsing regexp: invalid escape sequence: `\\x{110000`",
  ],
  [
    '{{ mustRegexFind "\\\\xZ1" "" }}',
    "ERR:error parsing regexp: invalid escape sequence: `\\xZ1`",
  ],
  ['{{ mustRegexFind "(?P<n>a)(?P<n>b)" "ab" }}', "ab"],
  [
    '{{ mustRegexFind "(?-)" "" }}',
    "ERR:error parsing regexp: invalid or unsupported Perl syntax: `(?-)`",
  ],
  [
    '{{ mustRegexFind "(?i-)" "" }}',
    "ERR:error parsing regexp: invalid or unsupported Perl syntax: `(?i-)`",
  ],
  [
    '{{ mustRegexFind "(?--i)" "" }}',
    "ERR:error parsing regexp: invalid or unsupported Perl syntax: `(?--`",
  ],
  [
    '{{ regexFind "(" "a" }}',
    "ERR:regexp: Compile(`(`): error parsing regexp: missing closing ): `(`",
  ],
  [
    '{{ regexSplit "a**" "a" -1 }}',
    "ERR:regexp: Compile(`a**`): error parsing regexp: invalid nested repetition operator: `**`",
  ],
  [
    '{{ regexFindAll "\\\\8" "a" -1 }}',
    "ERR:regexp: Compile(`\\8`): error parsing regexp: invalid escape sequence: `\\8`",
  ],
  [
    '{{ regexReplaceAll "[" "a" "x" }}',
    "ERR:regexp: Compile(`[`): error parsing regexp: missing closing ]: `[`",
  ],
  [
    '{{ mustRegexReplaceAll "a{2}{3}" "a" "x" }}',
    "ERR:error parsing regexp: invalid nested repetition operator: `{2}{3}`",
  ],
  [
    '{{ mustRegexSplit "+" "a" -1 }}',
    "ERR:error parsing regexp: missing argument to repetition operator: `+`",
  ],
  [
    '{{ mustRegexFindAll "x{1001}" "a" -1 }}',
    "ERR:error parsing regexp: invalid repeat count: `{1001}`",
  ],
  [
    '{{ mustRegexMatch "(?P<1>x)(" "a" }}',
    "ERR:error parsing regexp: missing closing ): `(?P<1>x)(`",
  ],
  [
    '{{ regexFind "a\\u0001`(" "a" }}',
    'ERR:regexp: Compile("a\\x01`("): error parsing regexp: missing closing ): `a\u0001`(`',
  ],
];

describe("sprig regex functions", () => {
  it.each(CASES)("%s", (tpl, want) => {
    expect(render(tpl, funcs)).toBe(want);
  });
});
