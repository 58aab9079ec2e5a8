import semver from "semver";
import type { Chart } from "../chart/types.js";
import { isValuesMap, type Values } from "../values/types.js";
import {
  asTemplateError,
  compileChart,
  RUNTIME_OPTIONS,
  type CompiledChart,
  type NamedTemplate,
  type RenderSession,
} from "./compileChart.js";
import {
  DEFAULT_KUBE_VERSION,
  templateContext,
  type KubeVersion,
  type ReleaseInfo,
} from "./context.js";
import { TemplateError } from "./errors.js";

export interface RenderOptions {
  release: ReleaseInfo;
  kubeVersion?: KubeVersion;
}

/** Rendered text per template path ("webapp/templates/x.yaml"), and the top chart's NOTES. */
export interface RenderedChart {
  files: Map<string, string>;
  notes: string;
}

interface ChartNode {
  chart: Chart;
  compiled: CompiledChart;
  /** "webapp" or "webapp/charts/cache" */
  path: string;
  values: Values;
}

/**
 * Renders a chart and its enabled subcharts with already-coalesced values.
 * Deterministic: the same input gives byte-identical output.
 */
export function renderChart(chart: Chart, values: Values, options: RenderOptions): RenderedChart {
  if (chart.metadata.type === "library") {
    throw new TemplateError("library charts are not installable", {
      chart: chart.metadata.name,
      file: "Chart.yaml",
    });
  }
  const kubeVersion = options.kubeVersion ?? DEFAULT_KUBE_VERSION;
  const nodes = collectNodes(chart, values, chart.metadata.name);
  for (const node of nodes) checkKubeVersion(node.chart, kubeVersion);

  // Deeper charts first so that a parent's named template wins over a subchart's.
  const named = new Map<string, NamedTemplate>();
  for (const node of [...nodes].reverse())
    for (const [k, v] of node.compiled.named) named.set(k, v);
  const session: RenderSession = { named, stack: [] };
  for (const node of nodes) node.compiled.session.current = session;

  try {
    const files = new Map<string, string>();
    let notes = "";
    for (const node of nodes) {
      if (node.chart.metadata.type === "library") continue;
      const fileTexts = Object.fromEntries(
        node.chart.files.map((f) => [f.name, f.data.toString("utf8")]),
      );
      const run = (file: string, fn: CompiledChart["templates"][number]["run"]) => {
        const templateName = `${node.path}/${file}`;
        const context = templateContext({
          values: node.values,
          release: options.release,
          chart: node.chart.metadata,
          kubeVersion,
          templateName,
          basePath: `${node.path}/templates`,
          files: fileTexts,
        });
        session.stack = [{ chart: node.chart.metadata.name, file }];
        try {
          return fn(context, RUNTIME_OPTIONS);
        } catch (err) {
          throw asTemplateError(err, node.chart.metadata.name, file);
        }
      };
      for (const template of node.compiled.templates) {
        const text = run(template.file, template.run);
        if (text.trim() !== "") files.set(`${node.path}/${template.file}`, text);
      }
      if (node === nodes[0] && node.compiled.notes)
        notes = run(node.compiled.notes.file, node.compiled.notes.run).trim();
    }
    return { files, notes };
  } finally {
    for (const node of nodes) node.compiled.session.current = undefined;
  }
}

function collectNodes(chart: Chart, values: Values, path: string): ChartNode[] {
  const nodes: ChartNode[] = [{ chart, compiled: compileChart(chart), path, values }];
  for (const sub of chart.dependencies) {
    const key = subchartKey(chart, sub);
    const scoped = isValuesMap(values[key]) ? values[key] : {};
    const withGlobal =
      isValuesMap(values.global) && !isValuesMap(scoped.global)
        ? { ...scoped, global: values.global }
        : scoped;
    nodes.push(...collectNodes(sub, withGlobal, `${path}/charts/${sub.metadata.name}`));
  }
  return nodes;
}

/** The values key of a subchart: its alias when Chart.yaml gives one. */
export function subchartKey(parent: Chart, sub: Chart): string {
  const dep = parent.metadata.dependencies?.find(
    (d) => d.alias === sub.metadata.name || d.name === sub.metadata.name,
  );
  return dep?.alias ?? sub.metadata.name;
}

function checkKubeVersion(chart: Chart, kube: KubeVersion): void {
  const range = chart.metadata.kubeVersion;
  if (!range) return;
  const version = semver.coerce(kube.version, { includePrerelease: true });
  if (version && !semver.satisfies(version, range, { includePrerelease: true })) {
    throw new TemplateError(
      `chart requires kubeVersion: ${range} which is incompatible with Kubernetes ${kube.version}`,
      { chart: chart.metadata.name, file: "Chart.yaml" },
    );
  }
}
