/**
 * Errors as helm 4.1.4 prints them: each chart fails in one way, and
 * wheelhouse must fail with helm's message (the `Error: ` line and its
 * indented continuation lines, as helm prints them). Expected: real helm.
 */
import type { ChartSpec } from "./support/chart.js";
import { VALUES } from "./support/cases.js";
import { errorCases, type ErrorCase } from "./support/family.js";

/** A chart `x` whose templates/y.yaml is TEXT (plus optional helpers/values). */
function failing(
  name: string,
  text: string,
  extra: Partial<ChartSpec> & { flags?: string[] } = {},
): ErrorCase {
  const { flags, ...chart } = extra;
  return {
    name,
    chart: {
      name: "x",
      values: VALUES,
      ...chart,
      templates: { "y.yaml": text, ...chart.templates },
    },
    ...(flags ? { flags } : {}),
  };
}

errorCases("parse errors", [
  failing("unclosed action", "a: {{ .Values.str\n"),
  failing("unexpected end", "{{ if .Values.t }}\na: 1\n"),
  failing("end without if", "a: 1\n{{ end }}\n"),
  failing("else after else", "{{ if true }}a{{ else }}b{{ else }}c{{ end }}\n"),
  failing("undefined function", "a: {{ nosuchfunc 1 }}\n"),
  failing("undefined variable", "a: {{ $nope }}\n"),
  failing("unterminated string", 'a: {{ "abc }}\n'),
  failing("unterminated raw string", "a: {{ `abc }}\n"),
  failing("bad number", "a: {{ 0x }}\n"),
  failing("integer overflow literal", "a: {{ 100000000000000000000 }}\n"),
  failing("nil is not a command", "a: {{ nil }}\n"),
  failing("missing value for command", "a: {{ | upper }}\n"),
  failing("unexpected in operand", "a: {{ .Values.str | | upper }}\n"),
  failing("break outside range", "{{ break }}\n"),
  failing("continue outside range", "{{ if true }}{{ continue }}{{ end }}\n"),
  failing("too many declarations in range over int", "{{ range $i, $j := 3 }}{{ end }}\n"),
  failing("unclosed comment", "{{/* never closed\n"),
  failing("comment with text", "{{/* c */ 1 }}\n"),
  failing("define inside action", '{{ if true }}{{ define "a" }}{{ end }}{{ end }}\n'),
  failing("template name not a string", "{{ template .Values.str }}\n"),
  failing("unexpected token", "{{ .Values.str ) }}\n"),
  failing("bad character", "{{ .Values.str # }}\n"),
  failing("parse error in a helper", "a: 1\n", {
    templates: { "_helpers.tpl": '{{ define "h" }}{{ if }}{{ end }}\n' },
  }),
  failing("redefinition in one file", '{{ define "a" }}1{{ end }}{{ define "a" }}2{{ end }}\n'),
]);

errorCases("execution errors", [
  failing("nil pointer", "a: {{ .Values.a.b }}\n"),
  failing("nil pointer deeper", "a: {{ .Values.nested.x.y.z }}\n"),
  failing("field of a string", "a: {{ .Values.str.x }}\n"),
  failing("field of a list", "a: {{ .Values.list.x }}\n"),
  failing("wrong argument type", "a: {{ upper 12 }}\n"),
  failing("wrong number of arguments", 'a: {{ upper "a" "b" }}\n'),
  failing("too few arguments", "a: {{ indent 2 }}\n"),
  failing("not a function with arguments", "a: {{ .Values.str 1 }}\n"),
  failing("call of a non-function", "a: {{ call .Values.str }}\n"),
  failing("index out of range", "a: {{ index .Values.strs 5 }}\n"),
  failing("index with the wrong key type", "a: {{ index .Values.strs .Values.zero }}\n"),
  failing("index of a nil", "a: {{ index .Values.nil 0 }}\n"),
  failing("incompatible types for comparison", "a: {{ eq .Values.int 42 }}\n"),
  failing("lt of a string and a number", 'a: {{ lt "a" 1 }}\n'),
  failing("range over a float64", "{{ range .Values.int }}{{ . }}{{ end }}\n"),
  failing("range over a string", '{{ range "abc" }}{{ . }}{{ end }}\n'),
  failing("undefined template", '{{ template "nope" . }}\n'),
  failing("include of an undefined template", 'a: {{ include "nope" . }}\n'),
  failing("include recursion", 'a: {{ include "loop" . }}\n', {
    templates: { "_loop.tpl": '{{ define "loop" }}{{ include "loop" . }}{{ end }}\n' },
  }),
  failing("template recursion", '{{ template "tloop" . }}\n', {
    templates: { "_loop.tpl": '{{ define "tloop" }}{{ template "tloop" . }}{{ end }}\n' },
  }),
  failing("error in an included template", 'a: {{ include "bad" . }}\n', {
    templates: { "_bad.tpl": '{{ define "bad" }}{{ .Values.a.b }}{{ end }}\n' },
  }),
  failing("first of nil", "a: {{ first nil }}\n"),
  failing("last of nil", "a: {{ last .Values.nil }}\n"),
  failing("dig into .Values itself", 'a: {{ dig "a" "none" .Values }}\n'),
  failing("dig through a string", 'a: {{ dig "str" "x" "none" .Values.AsMap }}\n'),
  failing("divf by zero", "a: {{ divf 1 0 }}\n"),
  failing("div by zero", "a: {{ div 1 0 }}\n"),
  failing("mod by zero", "a: {{ mod 1 0 }}\n"),
  failing("must function error", 'a: {{ mustRegexMatch "[" "x" }}\n'),
  failing("mustFromJson of invalid JSON", 'a: {{ mustFromJson "{" }}\n'),
  failing("mustToDate of a bad date", 'a: {{ mustToDate "2006-01-02" "x" }}\n'),
  failing("semver of a bad version", 'a: {{ semver "x.y" }}\n'),
  failing("semverCompare with a bad constraint", 'a: {{ semverCompare "><1" "1.0.0" }}\n'),
  failing("tpl with a parse error", 'a: {{ tpl "{{ .Values.str" . }}\n'),
  failing("tpl with an execution error", 'a: {{ tpl "{{ .Values.a.b }}" . }}\n'),
  failing("printf of a non-string format", "a: {{ printf 1 }}\n"),
]);

errorCases("required and fail", [
  failing("required of a missing value", 'a: {{ required "a.b is required" .Values.missing }}\n'),
  failing("required of an empty string", 'a: {{ required "empty!" .Values.empty }}\n'),
  failing("required in a pipeline", 'a: {{ .Values.nil | required "nil is not allowed" }}\n'),
  failing("fail", 'a: 1\n{{ fail "stop here" }}\n'),
  failing("fail with a formatted message", '{{ fail (printf "bad value %q" .Values.str) }}\n'),
  failing("fail inside include", 'a: {{ include "f" . }}\n', {
    templates: { "_f.tpl": '{{ define "f" }}{{ fail "from a helper" }}{{ end }}\n' },
  }),
  failing("required in a subchart", "a: 1\n", {
    subcharts: [
      {
        name: "sub",
        templates: { "s.yaml": 'a: {{ required "sub needs .Values.x" .Values.x }}\n' },
      },
    ],
  }),
]);

errorCases("values, output and flags", [
  failing("values with a null key", "a: 1\n", { values: "null: n\n" }),
  failing("values with infinity", "a: 1\n", { values: "x: .inf\n" }),
  failing("invalid values YAML", "a: 1\n", { values: "a: [1\n" }),
  failing("output that is not YAML", "{{ .Values.map }}\n: :\n"),
  failing("output with a control character", 'a: "{{ printf "%c" 1 }}"\n'),
  failing("output that is a list", "- a\n- b\n"),
  failing("show-only of a missing template", "a: 1\n", {
    flags: ["--show-only", "templates/missing.yaml"],
  }),
  failing("bad --kube-version", "a: 1\n", { flags: ["--kube-version", "not-a-version"] }),
  failing("chart kubeVersion not satisfied", "a: 1\n", {
    chartYaml: 'kubeVersion: "<1.20.0"\n',
  }),
  failing("--set with a bad expression", "a: 1\n", { flags: ["--set", "a.=1"] }),
]);
