/**
 * `template`'s flags as helm 4.1.4 treats them: --kube-version, --api-versions
 * and -a, --is-upgrade, --include-crds with a crds/ folder, --show-only,
 * -f and --set/--set-string/--set-json. Expected output: real helm.
 */
import { probe, templatesOf } from "./support/cases.js";
import { conformanceFamily } from "./support/family.js";

const CAPS = probe([
  ".Capabilities.KubeVersion",
  ".Capabilities.KubeVersion.Major",
  ".Capabilities.KubeVersion.Minor",
  '.Capabilities.APIVersions.Has "example.com/v1"',
  '.Capabilities.APIVersions.Has "example.com/v1/Widget"',
  '.Capabilities.APIVersions.Has "other.io/v2"',
  '.Capabilities.APIVersions.Has "apps/v1"',
  ".Release.IsInstall",
  ".Release.IsUpgrade",
  ".Release.Revision",
]);

const capsChart = { name: "caps", templates: templatesOf({ caps: CAPS }) };

conformanceFamily("--kube-version", { chart: capsChart, flags: ["--kube-version", "1.28.3"] });
conformanceFamily("--kube-version with v and a pre-release", {
  chart: capsChart,
  flags: ["--kube-version", "v1.30.0-eks.2"],
});
conformanceFamily("--api-versions and -a", {
  chart: capsChart,
  flags: ["--api-versions", "example.com/v1/Widget", "-a", "other.io/v2"],
});
conformanceFamily("--is-upgrade", { chart: capsChart, flags: ["--is-upgrade"] });

const crdChart = {
  name: "crds",
  files: {
    "crds/widget.yaml":
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n# {{ not rendered }}\n",
    "crds/two.yaml": "# first\napiVersion: v1\nkind: X\n---\napiVersion: v1\nkind: Y\n",
  },
  templates: templatesOf({
    cm: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n",
  }),
};

conformanceFamily("crds/ without --include-crds", { chart: crdChart });
conformanceFamily("crds/ with --include-crds", { chart: crdChart, flags: ["--include-crds"] });

const showChart = {
  name: "show",
  templates: templatesOf({
    a: "kind: A\n",
    b: "kind: B\n---\nkind: B2\n",
    c: "kind: C\n",
  }),
};
conformanceFamily("--show-only", {
  chart: showChart,
  flags: ["--show-only", "templates/b.yaml", "-s", "templates/a.yaml"],
});

const valuesChart = {
  name: "vals",
  values: "a: 1\nb: {c: 2, d: [1, 2]}\ns: default\n",
  files: { "extra.yaml": "a: from-file\nb: {d: null, e: 5}\nf: yes\n" },
  templates: templatesOf({
    vals: probe([
      ".Values.a",
      ".Values.b",
      ".Values.s",
      ".Values.f",
      ".Values.n",
      ".Values.list",
      ".Values.str",
      ".Values.j",
      ".Values.esc",
      ".Values.big",
      'printf "%T %T %T %T" .Values.n .Values.bool .Values.str .Values.big',
      "toJson .Values",
    ]),
  }),
};
conformanceFamily("-f and --set/--set-string/--set-json", {
  chart: valuesChart,
  flags: [
    "-f",
    "{chart}/extra.yaml",
    "--set",
    "n=3,bool=true,list={x,y},esc=a\\,b,big=12345678901234567890",
    "--set-string",
    "str=007",
    "--set-json",
    'j={"k":[1,"2"]}',
    "--set",
    "s=null",
    // Nulls that shadow no default stay in .Values, at the top and inside a new map.
    "--set",
    "absent=null",
    "--set-json",
    'fresh={"b":null,"c":1}',
  ],
});
