/**
 * Text a terminal would obey instead of showing, planted in charts and release records for the
 * tests of the output edges (issue 14): every class src/visibleText.ts makes visible.
 */
import { HANDLEBARS_ANNOTATION, writeChart } from "./charts.js";

export const ATTACK = {
  /** OSC 0: sets the window (pane) title. */
  retitle: "\x1b]0;PWNED\x07",
  /** CSI 2 J: clears the screen. */
  clear: "\x1b[2J",
  /** CSI 17 A, CSI 0 J: up 17 lines, erase to the end of the screen. */
  eraseAbove: "\x1b[17A\x1b[0J",
  /** CR: back to the start of the line, to write over it. */
  overwrite: "\rOVERWRITTEN",
  /** C1 controls as single characters: CSI (U+009B) clear, OSC (U+009D) title … ST (U+009C). */
  c1: "\x9b2J\x9d0;PWNED-C1\x9c",
  /** RLO … PDF: shows "admin" backwards. */
  bidi: "\u202enimda\u202c",
};

/** A character a terminal acts on, other than newline and tab: none may reach a human-readable output raw. */
// eslint-disable-next-line no-control-regex
export const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** Our own colours (SGR), the only escape sequences a coloured output may hold. */
// eslint-disable-next-line no-control-regex
export const OUR_COLOURS = /\x1b\[\d+m/g;

/** The hostile release description, as given with --description. */
export const HOSTILE_DESCRIPTION = `Upgrade complete${ATTACK.retitle}${ATTACK.bidi}`;

/** A chart name no Chart.yaml may have, planted in a stored record (helm-written or forged). */
export const HOSTILE_CHART_NAME = `evil${ATTACK.retitle}${ATTACK.c1}`;

const NOTES =
  `Thanks for installing.${ATTACK.retitle}${ATTACK.clear}\n` +
  `Secrets are safe${ATTACK.overwrite}\n` +
  `Single-character controls: ${ATTACK.c1}\n` +
  `Role: ${ATTACK.bidi}\n`;

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{Release.Name}}-settings
  # ${ATTACK.retitle}${ATTACK.clear}
data:
  mode: {{Values.mode}}
`;

const BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: {{Release.Name}}-cluster-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: default
    namespace: {{Release.Namespace}}
`;

// Installed after the binding, so its diff prints below the binding's: the comment's cursor-up
// and erase reach back over it.
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: {{Release.Name}}-web
  # ${ATTACK.eraseAbove}
spec:
  ports:
    - port: 80
`;

/**
 * Two versions of a Handlebars chart whose appVersion, description and NOTES carry controls;
 * the second adds a cluster-admin ClusterRoleBinding and, below it in the diff, a Service whose
 * comment would erase it from the screen.
 */
export async function writeHostileCharts(): Promise<{ v1: string; v2: string }> {
  const chartYaml = (version: string) =>
    `apiVersion: v2\nname: evil\nversion: ${version}\n` +
    // YAML escapes: Chart.yaml may not hold raw controls, its strings may.
    `appVersion: "1.0\\e]0;PWNED\\a"\ndescription: "a chart\\e[2J"\n${HANDLEBARS_ANNOTATION}`;
  const common = {
    "values.yaml": "mode: safe\n",
    "templates/NOTES.txt": NOTES,
    "templates/configmap.yaml": CONFIGMAP,
  };
  const v1 = await writeChart({ ...common, "Chart.yaml": chartYaml("0.1.0") }, "evil");
  const v2 = await writeChart(
    {
      ...common,
      "Chart.yaml": chartYaml("0.2.0"),
      "templates/binding.yaml": BINDING,
      "templates/service.yaml": SERVICE,
    },
    "evil",
  );
  return { v1, v2 };
}
