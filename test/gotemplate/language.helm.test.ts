/**
 * The template language against the real helm 4.1.4 binary: each case is rendered by helm (as
 * NOTES.txt of a throw-away chart, `helm install --dry-run=client`, which prints it verbatim
 * and reports execution errors in Go's own words) and by TemplateSet, and the two must agree —
 * output, or the error text. Skipped when the helm binary is not available.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findHelm } from "../../src/cli/demo/helmBinary.js";
import type { FuncMap } from "../../src/engine/gotemplate/funcs/types.js";
import {
  TemplateExecError,
  TemplateParseError,
  TemplateSet,
} from "../../src/engine/gotemplate/template.js";
import type { GoValue } from "../../src/engine/gotemplate/value.js";

const helm = findHelm(4);
const NOTES = "c/templates/NOTES.txt";

/** Sprig functions some cases use, with sprig's Go signatures (upper(s string) string). */
const FUNCS: FuncMap = {
  upper: { fn: (s) => (s as string).toUpperCase(), params: ["string"] },
};

const VALUES = {
  a: "str",
  n: 3,
  f: 1.5,
  big: 1000000,
  l: [1, "x", null],
  m: { b: 2, a: 1 },
  e: [],
  em: {},
  t: true,
  s: ["a", "b", "c", "d"],
};

type Result = { out: string } | { err: string };

const scratch = mkdtempSync(join(tmpdir(), "gotemplate-helm-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let chartCount = 0;

function viaHelm(tpl: string): Result {
  const dir = join(scratch, String(chartCount++));
  mkdirSync(join(dir, "templates"), { recursive: true });
  writeFileSync(join(dir, "Chart.yaml"), "apiVersion: v2\nname: c\nversion: 0.1.0\n");
  writeFileSync(join(dir, "values.yaml"), JSON.stringify(VALUES));
  writeFileSync(join(dir, "templates", "NOTES.txt"), `@@${tpl}@@`);
  const r = spawnSync(helm!, ["install", "r", dir, "--dry-run=client"], { encoding: "utf8" });
  if (r.status !== 0) {
    const e = r.stderr.replace(/^Error: INSTALLATION FAILED: /, "").trim();
    // helm 4 reformats some execution errors over three lines; put Go's one-line form back.
    const m = /^(\S+:\d+:\d+)\n {2}(executing "[^"]*" at <[\s\S]*>:)\n {4}([\s\S]*)$/.exec(e);
    return { err: m ? `template: ${m[1]}: ${m[2]} ${m[3]}` : e };
  }
  const m = /NOTES:\n@@([\s\S]*)@@/.exec(r.stdout);
  return { out: m ? m[1]! : r.stdout };
}

function viaWheelhouse(tpl: string): Result {
  const set = new TemplateSet(FUNCS);
  try {
    set.parse(NOTES, `@@${tpl}@@`);
    const out = set.execute(NOTES, { Values: JSON.parse(JSON.stringify(VALUES)) as GoValue });
    // helm removes "<no value>" from what it renders.
    return { out: out.slice(2, -2).replaceAll("<no value>", "") };
  } catch (e) {
    if (e instanceof TemplateParseError) {
      // helm's cleanupParseError keeps the location and the last ": "-separated part.
      const parts = e.message.split(": ");
      return { err: `parse error at (${parts[1]}): ${parts[parts.length - 1]}` };
    }
    if (e instanceof TemplateExecError) return { err: e.message };
    throw e;
  }
}

function agreeWithHelm(title: string, cases: string[]): void {
  describe.skipIf(!helm)(title, () => {
    it.each(cases)("%s", (tpl) => {
      expect(viaWheelhouse(tpl)).toEqual(viaHelm(tpl));
    });
  });
}

agreeWithHelm("printing values and literals", [
  "{{ .Values.big }} {{ .Values.f }} {{ .Values.l }} {{ .Values.m }} {{ .Values.e }} {{ .Values.em }}",
  `{{ 0x10 }} {{ 1e3 }} {{ 1.0 }} {{ 'a' }} {{ '\\n' }} {{ -0 }} {{ +3 }} {{ 1_0 }} {{ 0x1p4 }} {{ 017 }} {{ 0o17 }} {{ 0b101 }} {{ .5 }}`,
  `{{ true }} {{ false }} {{ printf "%T %T %T %T %T" 1 1.0 'a' "s" 0x10 }}`,
  "{{ 3i }} {{ 1+2i }} {{ 0i }} {{ -1.5-2e3i }}",
  '{{ "\\u00e9\\x41\\101\\t" }}|{{ `raw\\n` }}',
  "{{ 089 }}",
  "{{ 1__0 }}",
  "{{ 99999999999999999999 }}",
  "{{ 18446744073709551615 }}",
  "{{ 1e400 }}",
  "{{ 'ab' }}",
  "{{ '' }}",
  '{{ "\\q" }}',
  "{{ print }} {{ print nil }} {{ print .Values.nope }} {{ println 1 2 }}",
  `{{ html "<a href='x'>&\\"" }} {{ js "a'b\\"c<>=&\\n\\u00e9" }} {{ urlquery "a b/c?d=é" }} {{ html .Values.nope }} {{ html 1 2 }}`,
]);

agreeWithHelm("fields, maps and nil", [
  "{{ .Values.a.b }}",
  "{{ .Values.nope.b }}",
  "{{ $x := .Values.a }}{{ $x.b }}",
  "{{ (.Values.nope).b }}",
  "{{ upper .Values.nope }}",
  "{{ upper .Values.n }}",
  `{{ printf "%v" .Values.nope }}`,
  "{{ range .Values.l }}{{ .x }}{{ end }}",
  "{{ (.Values.m).a }} {{ ($).Values.a }} {{ $.Values.a }} {{ (index .Values.l 1) }}",
  "{{ (1).a }}",
  "{{ nil.a }}",
  "{{ (nil).a }}",
  "{{ .Values.a.b.c }}",
  "{{ $x := 1 }}{{ $x.a }}",
  "{{ .Values.m.a.b }}",
  "{{ .Values.t.x }}",
  `{{ $v := index .Values.m "zz" }}{{ $v.x }}`,
  `{{ (index .Values.m "zz").x }}`,
  "{{ (index .Values.l 2).x }}",
  "héllo wörld {{ .Values.a.b }}",
  "{{ if .Values.nope.x }}{{ end }}",
  "{{ .Values.a 4 }}",
  `{{ "x" | .Values.a }}`,
]);

agreeWithHelm("commands and pipelines", [
  `{{ .Values.a | printf "%s-%s" "x" }} {{ .Values.n | printf "%v" }} {{ 3 | printf "%d %s" "a" }}`,
  "{{ nil }}",
  "{{ 3 4 }}",
  "{{ $ 1 }}",
  "{{ printf }}",
  "{{ printf 3 }}",
  "{{ printf .Values.n }}",
  "{{ not }}",
  "{{ not 1 2 }}",
  "{{ and }}",
  `{{ and 1 0 2 }} {{ or 0 "" }} {{ and 1 2 }} {{ or .Values.nope 5 }} {{ 1 | and 2 }} {{ 0 | or 0 }}`,
  "{{ and 0 .Values.nope.x }} {{ or 1 .Values.nope.x }}",
  "{{ and 1 .Values.nope.x }}",
  "{{ call .Values.a }}",
  "{{ call .Values.nope }}",
  "{{ call }}",
  `{{ 1 2 | printf "%d" }}`,
  `{{ index .Values.l 9 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }}`,
]);

agreeWithHelm("comparison, len and index", [
  "{{ eq .Values.n 3 }}",
  "{{ eq .Values.n 3.0 }} {{ eq 1 1 }} {{ ne 1 2 }} {{ eq 1 2 3 1 }} {{ eq .Values.nope 1 }} {{ eq nil nil }}",
  "{{ lt .Values.n 3 }}",
  "{{ lt .Values.a 3 }}",
  "{{ lt true false }}",
  "{{ eq .Values.m .Values.m }}",
  "{{ eq .Values.l .Values.m }}",
  "{{ lt .Values.nope 1 }}",
  "{{ eq 1 }}",
  `{{ ge 2 1 }} {{ le 1 1 }} {{ gt "b" "a" }} {{ lt 1.5 2.5 }} {{ eq "a" "b" "a" }}`,
  "{{ len .Values.nope }}",
  "{{ len 3 }}",
  "{{ len .Values.n }}",
  `{{ .Values.a | len }} {{ len "héllo" }} {{ index "héllo" 1 }} {{ printf "%T" (index "abc" 0) }} {{ len .Values.m }}`,
  "{{ index .Values.l 5 }}",
  "{{ index .Values.l 3 }}",
  "{{ index .Values.l 1.0 }}",
  "{{ index .Values.nope 1 }}",
  "{{ index .Values.m 1 }}",
  `{{ index .Values.m "zz" }}|{{ index .Values.m "a" }}`,
  "{{ index .Values.a 1 }}",
  "{{ index .Values.n 1 }}",
  "{{ index .Values.l 2 1 }}",
  "{{ len (index .Values.l 2) }}",
  `{{ printf "%T %T" (len .Values.l) (index .Values.l 0) }}`,
]);

agreeWithHelm("control structures and variables", [
  "{{ range $i, $v := .Values.l }}{{ $i }}={{ $v }},{{ else }}none{{ end }}",
  "{{ range .Values.l }}[{{ . }}]{{ end }}",
  "{{ range $i, $e := .Values.m }}{{ $i }}{{ $e }}{{ end }}",
  "{{ range .Values.m }}{{ . }}{{ end }}",
  "{{ range .Values.n }}{{ . }}{{ end }}",
  "{{ range $i, $e := 3 }}{{ . }}{{ end }}",
  "{{ range 3 }}{{ . }}{{ end }}{{ range 0 }}x{{ else }}empty{{ end }}",
  "{{ range $i := 3 }}{{ $i }}{{ end }}",
  `{{ range $i, $v := .Values.l }}{{ printf "%T" $i }}{{ end }}{{ range $i := 2 }}{{ printf "%T" $i }}{{ end }}`,
  `{{ range $i, $c := "ab" }}{{ end }}`,
  "{{ range $x := .Values.em }}a{{ else }}b{{ end }}{{ range .Values.nope }}a{{ else }}c{{ end }}",
  `{{ range $i, $v := .Values.s }}{{ if eq $v "b" }}{{ continue }}{{ end }}{{ if eq $v "d" }}{{ break }}{{ end }}{{ $i }}{{ $v }}{{ end }}`,
  "{{ range .Values.s }}{{ $.Values.a }}{{ end }}",
  "{{ $i := 0 }}{{ range $i = .Values.s }}{{ end }}{{ $i }}",
  "{{ $i := 0 }}{{ $v := 0 }}{{ range $i, $v = .Values.s }}{{ end }}{{ $i }}{{ $v }}",
  "{{ if .Values.e }}x{{ else if .Values.em }}y{{ else if .Values.t }}t{{ end }}",
  "{{ with .Values.nope }}x{{ else with .Values.a }}{{ . }}{{ else }}none{{ end }}",
  "{{ with .Values.nope }}x{{ else with .Values.no }}{{ . }}{{ else }}none{{ end }}",
  "{{ with $x := .Values.a }}{{ $x }}{{ end }}{{ $x }}",
  "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}",
  "{{ if true }}{{ $y := 3 }}{{ end }}{{ $y }}",
  "{{ range $k, $v := .Values.m }}{{ end }}{{ $k }}",
  "{{ $x := 1 }}{{ $x := 2 }}{{ $x }}",
  "{{ $x = 1 }}",
]);

agreeWithHelm("templates, blocks, comments and trimming", [
  `{{ define "a" }}A{{ .x }}{{ end }}{{ template "a" .Values.m }}|{{ template "a" }}`,
  `{{ define "a" }}A{{ .x.y }}{{ end }}\n\n{{ template "a" .Values }}`,
  `{{ template "zz" }}`,
  `{{ block "b" .Values.a }}[{{ . }}]{{ end }}`,
  `{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}`,
  `{{ define "x" }}{{ end }}{{ define "x" }}a{{ end }}{{ define "x" }}b{{ end }}`,
  `{{ define "x" }}a{{ end }}{{ define "x" }}  {{ end }}{{ template "x" }}`,
  `a  {{- 1 -}}  b {{- /* comment */ -}} c {{/* x */}} d {{- "" }}\n e`,
  "{{-3}} {{- 3 }} {{ 3 -}} x",
]);

agreeWithHelm("parse errors", [
  "{{ foo }}",
  "{{ .a }",
  "{{ break }}",
  "{{ range .Values.s }}{{ break 1 }}{{ end }}",
  `{{ "a" | 3 }}`,
  `{{ 1 | "a" }}`,
  "{{ range $a, $b, $c := .Values.l }}{{ end }}",
  "{{ $a, $b := 1 }}",
  "{{ range $a, 1 := .Values.l }}{{ end }}",
  "{{ if }}{{ end }}",
  "{{ if 1 }}",
  "{{ end }}",
  "{{ else }}",
  "{{ if 1 }}{{ else }}{{ else }}{{ end }}",
  "{{ define 3 }}{{ end }}",
  "{{ template .x }}",
  "{{ .a",
  `{{ "abc }}`,
  "{{ 'a }}",
  "{{ `abc }}",
  "{{ /* x */ }}",
  "{{/* x",
  "{{ ( }}",
  "{{ ) }}",
  "{{ 1a }}",
  "{{ .a# }}",
  "{{ $x# }}",
  "{{ # }}",
  "{{ é }}",
  "{{ a:b }}",
  "{{ .Values.a | }}",
  "{{ | .Values.a }}",
  "{{ $undefined }}",
  "{{ }}",
  "{{ ( ) }}",
  `{{ .Values.a\n| printf "%s" \n 3 }}`,
  `line1\n{{ if 1 }}\n{{ "abc\n}}`,
  "line1\n{{ if 1\n}}\n{{ . ) }}",
  `{{ "verylongstringhere" "x" | x }}`,
  "{{ 1 := 2 }}",
]);
