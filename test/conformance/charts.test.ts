/**
 * Chart trees and documents: subcharts with their values, parent overrides
 * and globals; named templates shared across a tree; aliases and conditions;
 * how helm splits, names, orders and drops documents (install order by kind,
 * hooks, empty documents). Expected output: real helm 4.1.4.
 */
import { probe, templatesOf } from "./support/cases.js";
import { conformanceFamily } from "./support/family.js";

conformanceFamily("subcharts, values and globals", {
  chart: {
    name: "parent",
    chartYaml: `dependencies:
  - name: sub
    version: 0.1.0
  - name: sub
    alias: aliased
    version: 0.1.0
  - name: disabled
    version: 0.1.0
    condition: disabled.enabled
  - name: tagged
    version: 0.1.0
    tags: [extras]
`,
    values: `global:
  region: eu
  shared: {a: 1}
name: parent-value
sub:
  greeting: overridden by parent
  list: [p1]
  global:
    region: ignored-for-sub
aliased:
  greeting: via alias
disabled:
  enabled: false
tags:
  extras: true
`,
    templates: templatesOf({
      parent: probe([
        ".Values.name",
        ".Values.global",
        ".Values.sub",
        ".Values.aliased",
        ".Subcharts.sub.Values.greeting",
        ".Subcharts.sub.Chart.Name",
        ".Subcharts.aliased.Values.greeting",
        "keys .Subcharts | sortAlpha",
        'include "sub.shared" .',
        ".Chart.IsRoot",
        ".Chart.Dependencies",
      ]),
      "_parent.tpl":
        '{{- define "parent.helper" -}}parent helper for {{ .Chart.Name }}{{- end -}}\n',
    }),
    subcharts: [
      {
        name: "sub",
        values: `greeting: hello from sub
list: [s1, s2]
only: sub default
global:
  region: sub-default
  subOnly: yes
`,
        templates: templatesOf({
          values: probe([
            ".Values.greeting",
            ".Values.list",
            ".Values.only",
            ".Values.global",
            ".Values.global.region",
            ".Values.name",
            ".Chart.Name",
            ".Chart.IsRoot",
            ".Template.Name",
            ".Template.BasePath",
            'include "parent.helper" .',
            ".Release.Name",
          ]),
          "_sub.tpl": '{{- define "sub.shared" -}}sub helper for {{ .Chart.Name }}{{- end -}}\n',
        }),
      },
      {
        name: "disabled",
        templates: templatesOf({ never: "# never rendered: {{ .Chart.Name }}\n" }),
      },
      {
        name: "tagged",
        values: "x: 1\n",
        templates: templatesOf({ tagged: probe([".Values.x", ".Values.global.region"]) }),
      },
    ],
  },
});

conformanceFamily("documents: splitting, order, hooks", {
  chart: {
    name: "docs",
    values: "n: 2\n",
    templates: templatesOf({
      "a-deployment":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\n",
      "b-namespace": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns1\n",
      "c-configmap": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  k: v\n",
      "d-many":
        "{{ range $i := until (int .Values.n) }}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{{ $i }}\n{{ end }}",
      "e-empty-docs":
        "---\n---\n# only a comment\n---\n\n---\nkind: Secret\napiVersion: v1\nmetadata:\n  name: sec\n",
      "f-whitespace": "{{- if false }}\nkind: Nothing\n{{- end }}\n   \n",
      "g-hook":
        'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: hook\n  annotations:\n    "helm.sh/hook": pre-install\n    "helm.sh/hook-weight": "5"\n',
      "h-test-hook":
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: test\n  annotations:\n    "helm.sh/hook": test\n',
      "i-no-kind": "foo: bar\n",
      "j-serviceaccount": "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n",
      "k-crd":
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n",
      "l-separator-in-text":
        "a: |\n  ---\n  not a separator\nb: 1\n--- # comment after separator\nc: 2\n",
      "m-no-trailing-newline":
        "kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: last\n{{- /* ends here */ -}}",
      "n-leading-blank-lines":
        "\n\n\nkind: Role\napiVersion: rbac.authorization.k8s.io/v1\nmetadata:\n  name: r\n",
    }),
  },
});
