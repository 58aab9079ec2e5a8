/**
 * Helm's own functions and objects: include, tpl, required, toYaml and
 * friends, lookup, .Release .Chart .Capabilities .Template .Files .Subcharts,
 * values typing, subcharts with values and globals, and how documents are
 * split, named and ordered. Expected output: real helm 4.1.4.
 */
import { probe, templatesOf, VALUES } from "./support/cases.js";
import { conformanceFamily } from "./support/family.js";

const q = (expr: string): string => `printf "%q" (${expr})`;

/** Values whose YAML typing matters: what toYaml prints back is helm's reading of them. */
const TYPED_VALUES = `${VALUES}tricky:
  - "yes"
  - "no"
  - "on"
  - "true"
  - "null"
  - "~"
  - "123"
  - "1.5"
  - "0x1F"
  - "1e3"
  - ""
  - " lead"
  - "trail "
  - "a: b"
  - "- x"
  - "#c"
  - "@at"
  - "multi\\nline"
  - "multi\\nline\\n"
  - "tab\\there"
  - "é"
  - 2024-01-02
  - 12:30
  - 0o17
  - 1_000
  - 9007199254740993
  - 1.0
  - 100.0
  - 1e-7
  - 123456789012
  - "long line long line long line long line long line long line long line long line long line long line long line"
  - { }
  - [ ]
  - null
  - ~
  - y
  - N
  - On
  - OFF
keyTypes:
  1: one
  true: t
  1.5: f
y: YAML 1.1 reads the key y as true
n: and n as false
on: and on as true
anchors:
  base: &base {a: 1, b: 2}
  derived:
    <<: *base
    b: 3
tplString: "{{ .Values.str }} from {{ .Release.Name }}"
tplDefine: '{{ define "fromValues" }}defined in values{{ end }}{{ include "fromValues" . }}'
`;

conformanceFamily("helm functions", {
  chart: {
    name: "helmfns",
    values: TYPED_VALUES,
    templates: templatesOf({
      include: [
        '# include: {{ include "helmfns.name" . }}\n',
        '# include dict: {{ include "helmfns.arg" (dict "x" 1 "y" "two") }}\n',
        '# include nested: {{ include "helmfns.nested" . }}\n',
        '# include piped: {{ include "helmfns.name" . | upper | quote }}\n',
        'labels:{{ include "helmfns.labels" . | nindent 2 }}\n',
        'trimmed:{{- include "helmfns.labels" . | nindent 2 }}\n',
        '# include $: {{ include "helmfns.root" $ }}\n',
      ].join(""),
      "_helpers.tpl": [
        '{{- define "helmfns.name" -}}{{ .Chart.Name }}-{{ .Release.Name }}{{- end }}\n',
        '{{- define "helmfns.arg" -}}x={{ .x }} y={{ .y }}{{- end }}\n',
        '{{- define "helmfns.nested" -}}[{{ include "helmfns.name" . }}]{{- end }}\n',
        '{{- define "helmfns.labels" -}}\napp: {{ .Chart.Name }}\nrelease: {{ .Release.Name }}\n{{- end }}\n',
        '{{- define "helmfns.root" -}}{{ .Values.str }}{{- end }}\n',
        "{{/* a comment in a helper file */}}\n",
      ].join(""),
      tpl: probe([
        "tpl .Values.tplString .",
        'tpl "{{ .Values.int }}" .',
        'tpl "{{ include \\"helmfns.name\\" . }}" .',
        "tpl .Values.tplDefine .",
        'tpl "{{ .x }}" (dict "x" 5)',
        'tpl "plain" .',
        'tpl "{{ .Template.Name }}" .',
      ]),
      required: probe([
        'required "str is required" .Values.str',
        'required "zero is fine" .Values.zero',
        'required "false is fine" .Values.f',
        'required "list" .Values.emptyList',
      ]),
      "to-yaml": [
        "map:\n{{ toYaml .Values.map | indent 2 }}\n",
        "nested:\n{{ toYaml .Values.nested | indent 2 }}\n",
        "list:\n{{ toYaml .Values.list | indent 2 }}\n",
        "tricky:\n{{ toYaml .Values.tricky | indent 2 }}\n",
        "keyTypes:\n{{ toYaml .Values.keyTypes | indent 2 }}\n",
        "anchors:\n{{ toYaml .Values.anchors | indent 2 }}\n",
        "numbers:\n{{ toYaml (list .Values.int .Values.bigint .Values.exp .Values.float .Values.neg .Values.octal .Values.hex 1 1.5 1000000) | indent 2 }}\n",
        "words:\n{{ toYaml (list .Values.yesWord .Values.offWord .Values.date .Values.quoted .Values.multiline .Values.special .Values.unicode .Values.html) | indent 2 }}\n",
        "scalars: [{{ toYaml .Values.str }}, {{ toYaml .Values.int }}, {{ toYaml .Values.nil }}, {{ toYaml .Values.t }}, {{ toYaml .Values.emptyMap }}, {{ toYaml .Values.emptyList }}]\n",
        "# missing: {{ toYaml .Values.missing }}\n",
        "must:\n{{ mustToYaml .Values.map | indent 2 }}\n",
        'pretty:\n{{ toYamlPretty (dict "l" (list 1 (dict "a" 1)) "m" .Values.map) | indent 2 }}\n',
        "values:\n{{ toYaml .Values | indent 2 }}\n",
      ].join(""),
      "from-yaml": probe([
        'fromYaml "a: 1\\nb: [x, y]"',
        'fromYaml "a: yes\\nb: 1e3\\nc: 0777"',
        '(fromYaml "a: 1").a | printf "%T"',
        'fromYaml "- not a map"',
        'fromYaml ":"',
        'fromYaml ""',
        'fromYamlArray "- 1\\n- a\\n- {b: 2}"',
        'fromYamlArray "a: 1"',
        "toYaml .Values.map | fromYaml",
        'fromYaml "big: 12345678901234567890"',
      ]),
      toml: [
        `# ${q("toToml .Values.map")} => {{ ${q("toToml .Values.map")} }}\n`,
        `# ${q("toToml .Values.nested")} => {{ ${q("toToml .Values.nested")} }}\n`,
        `# ${q('toToml (dict "list" .Values.strs "n" 1 "f" 1.5 "b" true "s" "x\\"y")')} => {{ ${q('toToml (dict "list" .Values.strs "n" 1 "f" 1.5 "b" true "s" "x\\"y")')} }}\n`,
        `# ${q("toToml .Values.list")} => {{ ${q("toToml .Values.list")} }}\n`,
        '# fromToml => {{ fromToml "a = 1\\nb = \\"x\\"\\n[t]\\nc = [1, 2]" }}\n',
        '# fromToml types => {{ (fromToml "a = 1\\nb = 1.5").a | printf "%T" }}\n',
        '# fromToml error => {{ fromToml "a = " }}\n',
      ].join(""),
      lookup: probe([
        'lookup "v1" "Secret" "ns" "name"',
        'lookup "v1" "Namespace" "" ""',
        '(lookup "v1" "Secret" "ns" "name").data',
        'len (lookup "apps/v1" "Deployment" "" "")',
        'printf "%T" (lookup "v1" "Secret" "ns" "name")',
      ]),
    }),
  },
});

conformanceFamily("helm objects", {
  chart: {
    name: "objects",
    version: "1.2.3-rc.1",
    chartYaml: `appVersion: "2.0"
description: Objects under test
type: application
home: https://example.com
keywords: [a, b]
sources: [https://example.com/src]
maintainers:
  - name: me
    email: me@example.com
annotations:
  x/y: z
kubeVersion: ">=1.20.0-0"
`,
    values: VALUES,
    files: {
      "files/a.txt": "alpha\nbeta\n",
      "files/b.txt": "no trailing newline",
      "files/sub/c.conf": "key=value\n",
      "files/bin.dat": new Uint8Array([0, 1, 2, 255]),
      "files/ignored.txt": "ignored by .helmignore\n",
      "other.json": '{"k": 1}\n',
      ".helmignore": "files/ignored.txt\n",
    },
    templates: templatesOf({
      release: probe([
        ".Release.Name",
        ".Release.Namespace",
        ".Release.IsInstall",
        ".Release.IsUpgrade",
        ".Release.Revision",
        ".Release.Service",
        ".Release",
      ]),
      chart: probe([
        ".Chart.Name",
        ".Chart.Version",
        ".Chart.AppVersion",
        ".Chart.Description",
        ".Chart.Type",
        ".Chart.Home",
        ".Chart.Keywords",
        ".Chart.Sources",
        ".Chart.Maintainers",
        ".Chart.Annotations",
        ".Chart.KubeVersion",
        ".Chart.APIVersion",
        ".Chart.Deprecated",
        ".Chart.IsRoot",
        ".Chart",
      ]),
      capabilities: probe([
        ".Capabilities.KubeVersion",
        ".Capabilities.KubeVersion.Version",
        ".Capabilities.KubeVersion.Major",
        ".Capabilities.KubeVersion.Minor",
        ".Capabilities.KubeVersion.GitVersion",
        ".Capabilities.APIVersions",
        '.Capabilities.APIVersions.Has "v1"',
        '.Capabilities.APIVersions.Has "apps/v1"',
        '.Capabilities.APIVersions.Has "apps/v1/Deployment"',
        '.Capabilities.APIVersions.Has "policy/v1beta1/PodSecurityPolicy"',
        '.Capabilities.APIVersions.Has "networking.k8s.io/v1/Ingress"',
        '.Capabilities.APIVersions.Has "batch/v2alpha1"',
        ".Capabilities.HelmVersion",
        ".Capabilities.HelmVersion.Version",
        ".Capabilities.HelmVersion.GoVersion",
        'semverCompare ">=1.21-0" .Capabilities.KubeVersion.Version',
        'semverCompare "<1.30" .Capabilities.KubeVersion.GitVersion',
      ]),
      template: probe([".Template.Name", ".Template.BasePath", ".Template"]),
      files: [
        ...[
          '.Files.Get "files/a.txt"',
          '.Files.Get "files/b.txt"',
          '.Files.Get "missing.txt"',
          '.Files.Get "files/ignored.txt"',
          '.Files.Get "other.json"',
          '.Files.Get "values.yaml"',
          '.Files.Get "Chart.yaml"',
          '.Files.Get "templates/files.yaml"',
          '.Files.GetBytes "files/bin.dat"',
          '.Files.GetBytes "files/b.txt"',
          '.Files.Lines "files/a.txt"',
          '.Files.Lines "files/b.txt"',
          '.Files.Glob "files/*"',
          '.Files.Glob "files/**"',
          '.Files.Glob "nothing/*"',
        ].map((e) => `# ${e} => {{ ${q(e)} }}\n`),
        '{{ range $path, $_ := .Files.Glob "files/**.txt" }}# glob: {{ $path }}\n{{ end }}',
        '{{ range $path, $content := .Files.Glob "files/*.txt" }}# glob bytes: {{ $path }} {{ len $content }}\n{{ end }}',
        'asConfig:\n{{ (.Files.Glob "files/*.txt").AsConfig | indent 2 }}\n',
        'asSecrets:\n{{ (.Files.Glob "files/*").AsSecrets | indent 2 }}\n',
        'lines:\n{{ range .Files.Lines "files/a.txt" }}  - {{ . | quote }}\n{{ end }}',
        'json: {{ .Files.Get "other.json" | fromJson | toJson }}\n',
        'globGet: {{ (.Files.Glob "files/*").Get "files/a.txt" | quote }}\n',
        // Binary data through a Go string keeps its bytes.
        '# binary: {{ .Files.Get "files/bin.dat" | b64enc }} {{ .Files.Get "files/bin.dat" | len }} {{ .Files.Get "files/bin.dat" | sha256sum }}\n',
        '# binaryQ: {{ printf "%q" (.Files.Get "files/bin.dat") }} {{ b64dec "/w==" | b64enc }} {{ len (b64dec "/w==") }}\n',
      ].join(""),
      values: probe([
        ".Values.int",
        ".Values.bigint",
        ".Values.exp",
        ".Values.float",
        ".Values.octal",
        ".Values.hex",
        ".Values.date",
        ".Values.yesWord",
        ".Values.offWord",
        ".Values.quoted",
        'printf "%T %T %T %T %T" .Values.int .Values.bigint .Values.octal .Values.yesWord .Values.date',
        ".Values.map",
        ".Values.list",
        "toJson .Values.AsMap",
        'printf "%T" .Values',
      ]),
      // Rendered by install; `template` never prints it.
      "NOTES.txt": "Notes for {{ .Release.Name }}\n",
    }),
  },
});
