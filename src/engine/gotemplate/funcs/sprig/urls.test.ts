import { describe, expect, it } from "vitest";
import { dictFuncs } from "./dicts.js";
import { urlFuncs } from "./urls.js";
import { render } from "./testkit.js";

const funcs = { ...urlFuncs, ...dictFuncs };

// Expected outputs recorded from helm 4.1.4 (templates rendered with testkit's values).
const CASES: [string, string][] = [
  [
    '{{ urlParse "https://user:p%40ss@example.com:8080/a%20b/c?x=1&y=2#frag%21" }}',
    "map[fragment:frag! host:example.com:8080 hostname:example.com opaque: path:/a b/c query:x=1&y=2 scheme:https userinfo:user:p%40ss]",
  ],
  [
    '{{ urlParse "mailto:joe@example.com" }}|{{ urlParse "" }}|{{ urlParse "/just/a/path" }}|{{ urlParse "//host.only" }}|{{ urlParse "http://[::1]:80/" }}|{{ (urlParse "http://[fe80::1%25en0]/").hostname }}',
    "map[fragment: host: hostname: opaque:joe@example.com path: query: scheme:mailto userinfo:]|map[fragment: host: hostname: opaque: path: query: scheme: userinfo:]|map[fragment: host: hostname: opaque: path:/just/a/path query: scheme: userinfo:]|map[fragment: host:host.only hostname:host.only opaque: path: query: scheme: userinfo:]|map[fragment: host:[::1]:80 hostname:::1 opaque: path:/ query: scheme:http userinfo:]|fe80::1%en0",
  ],
  [
    '{{ urlParse "HTTP://Example.COM?" }}|{{ urlParse "http://example.com/?a=b?c" }}|{{ urlParse "file:///etc/hosts" }}|{{ urlParse "*" }}|{{ urlParse "a#" }}|{{ urlParse "http://u@h" }}|{{ urlParse "http://%41:%42@h/" }}',
    "map[fragment: host:Example.COM hostname:Example.COM opaque: path: query: scheme:http userinfo:]|map[fragment: host:example.com hostname:example.com opaque: path:/ query:a=b?c scheme:http userinfo:]|map[fragment: host: hostname: opaque: path:/etc/hosts query: scheme:file userinfo:]|map[fragment: host: hostname: opaque: path:* query: scheme: userinfo:]|map[fragment: host: hostname: opaque: path:a query: scheme: userinfo:]|map[fragment: host:h hostname:h opaque: path: query: scheme:http userinfo:u]|map[fragment: host:h hostname:h opaque: path:/ query: scheme:http userinfo:A:B]",
  ],
  ['{{ urlParse "::" }}', 'ERR:unable to parse url: parse "::": missing protocol scheme'],
  [
    '{{ urlParse "a:b/c:d" }}|{{ urlParse "1a:b" }}',
    'ERR:unable to parse url: parse "1a:b": first path segment in URL cannot contain colon',
  ],
  [
    '{{ urlParse "x/y:z" }}|{{ urlParse "./a:b" }}',
    "map[fragment: host: hostname: opaque: path:x/y:z query: scheme: userinfo:]|map[fragment: host: hostname: opaque: path:./a:b query: scheme: userinfo:]",
  ],
  [
    '{{ urlParse "http://host:port/" }}',
    'ERR:unable to parse url: parse "http://host:port/": invalid port ":port" after host',
  ],
  [
    '{{ urlParse "http://a b/" }}',
    'ERR:unable to parse url: parse "http://a b/": invalid character " " in host name',
  ],
  [
    '{{ urlParse "http://h/%zz" }}',
    'ERR:unable to parse url: parse "http://h/%zz": invalid URL escape "%zz"',
  ],
  [
    '{{ urlParse "http://h/#%zz" }}',
    'ERR:unable to parse url: parse "http://h/#%zz": invalid URL escape "%zz"',
  ],
  [
    '{{ urlParse "http://[::1/" }}',
    "ERR:unable to parse url: parse \"http://[::1/\": missing ']' in host",
  ],
  [
    '{{ urlParse "http://us er@h/" }}',
    'ERR:unable to parse url: parse "http://us er@h/": net/url: invalid userinfo',
  ],
  [
    '{{ urlJoin (dict "scheme" "https" "host" "example.com:8080" "path" "/a b/c" "query" "x=1" "fragment" "f g!" "userinfo" "u:p@s") }}',
    "https://u:p%40s@example.com:8080/a%20b/c?x=1#f%20g!",
  ],
  [
    '{{ urlJoin (dict) }}|{{ urlJoin (dict "path" "a:b/c") }}|{{ urlJoin (dict "host" "h" "path" "rel") }}|{{ urlJoin (dict "scheme" "mailto" "opaque" "joe@x.com") }}|{{ urlJoin (dict "scheme" "http" "path" "/x") }}|{{ urlJoin (dict "path" "/é?#") }}|{{ urlJoin (dict "userinfo" "bob" "host" "h") }}|{{ urlJoin (dict "scheme" "s") }}|{{ urlJoin (dict "host" "a b") }}',
    "|./a:b/c|//h/rel|mailto:joe@x.com|http:///x|/%C3%A9%3F%23|//bob@h|s:|//a%20b",
  ],
  [
    '{{ urlJoin (dict "host" 1) }}',
    "ERR:unable to parse host key, must be of type string, but int found",
  ],
  [
    '{{ urlJoin (dict "path" nil) }}',
    "ERR:runtime error: invalid memory address or nil pointer dereference",
  ],
  [
    '{{ urlJoin (dict "userinfo" "a b") }}',
    'ERR:unable to parse userinfo in dict: parse "proto://a b@host": net/url: invalid userinfo',
  ],
  [
    '{{ urlJoin (urlParse "https://user:p%40ss@example.com:8080/a%20b/c?x=1#frag") }}',
    "https://user:p%40ss@example.com:8080/a%20b/c?x=1#frag",
  ],
];

describe("sprig urls functions", () => {
  it.each(CASES)("%s", (tpl, want) => {
    expect(render(tpl, funcs)).toBe(want);
  });
});
