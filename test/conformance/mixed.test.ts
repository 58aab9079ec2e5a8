/**
 * Mixed trees: each chart is rendered in its own language (Handlebars when
 * its Chart.yaml says `wheelhouse.dev/template-engine: handlebars`, Go
 * templates otherwise), with values and globals reaching every chart. helm
 * cannot render the Handlebars half, so these cases run wheelhouse alone;
 * the expected documents follow from the inputs written here.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeChart, type ChartSpec } from "./support/chart.js";
import { errorMessage, splitBySource } from "./support/compare.js";
import { runWheelhouse, templateArgs } from "./support/runners.js";

const HANDLEBARS = "annotations:\n  wheelhouse.dev/template-engine: handlebars\n";

const handlebarsTemplate = (suffix: string): string =>
  [
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    `  name: {{Release.Name}}-${suffix}`,
    "data:",
    "  team: {{quote Values.global.team}}",
    "  greeting: {{quote Values.greeting}}",
    "  chart: {{Chart.Name}}",
    "",
  ].join("\n");

const goTemplate = (suffix: string): string =>
  [
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    `  name: {{ .Release.Name }}-${suffix}`,
    "data:",
    "  team: {{ .Values.global.team | quote }}",
    "  greeting: {{ .Values.greeting | quote }}",
    "  chart: {{ .Chart.Name }}",
    "",
  ].join("\n");

const expectedDocument = (source: string, suffix: string, greeting: string, chart: string) =>
  [
    "---",
    `# Source: ${source}`,
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    `  name: rel-${suffix}`,
    "data:",
    '  team: "blue"',
    `  greeting: "${greeting}"`,
    `  chart: ${chart}`,
    "",
  ].join("\n");

/** Parent values: a global for every chart, and the child's greeting overridden from above. */
const PARENT_VALUES =
  "global:\n  team: blue\ngreeting: from parent\nchild:\n  greeting: set by parent\n";
const CHILD_VALUES =
  "greeting: child default\nglobal:\n  team: overridden by the parent's global\n";

function tree(parentIsHandlebars: boolean): ChartSpec {
  const [parentTemplate, childTemplate] = parentIsHandlebars
    ? [handlebarsTemplate("parent"), goTemplate("child")]
    : [goTemplate("parent"), handlebarsTemplate("child")];
  return {
    name: "parent",
    chartYaml: parentIsHandlebars ? HANDLEBARS : "",
    values: PARENT_VALUES,
    templates: { "cm.yaml": parentTemplate },
    subcharts: [
      {
        name: "child",
        chartYaml: parentIsHandlebars ? "" : HANDLEBARS,
        values: CHILD_VALUES,
        templates: { "cm.yaml": childTemplate },
      },
    ],
  };
}

describe("mixed template languages in one chart tree (wheelhouse alone)", () => {
  const root = mkdtempSync(join(tmpdir(), "wheelhouse-conformance-mixed-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  for (const [title, parentIsHandlebars] of [
    ["a Handlebars parent with a Go-template subchart", true],
    ["a Go-template parent with a Handlebars subchart", false],
  ] as const) {
    it(`renders ${title}, values and globals reaching both`, async () => {
      const dir = writeChart(join(root, String(parentIsHandlebars)), tree(parentIsHandlebars));
      const result = await runWheelhouse(templateArgs(dir), root);
      if (result.code !== 0) expect.fail(`wheelhouse failed: ${errorMessage(result.stderr)}`);
      const docs = splitBySource(result.stdout);
      expect([...docs.keys()].sort()).toEqual([
        "parent/charts/child/templates/cm.yaml",
        "parent/templates/cm.yaml",
      ]);
      expect(docs.get("parent/templates/cm.yaml")).toBe(
        expectedDocument("parent/templates/cm.yaml", "parent", "from parent", "parent"),
      );
      expect(docs.get("parent/charts/child/templates/cm.yaml")).toBe(
        expectedDocument(
          "parent/charts/child/templates/cm.yaml",
          "child",
          "set by parent",
          "child",
        ),
      );
    });
  }
});
