import { isCompatibleRange } from "../semver/index.js";
import type { Chart } from "../chart/types.js";
import { isValuesMap, plainValues, type Values } from "../values/types.js";
import { asTemplateError, compileChart } from "./compileChart.js";
import {
  RUNTIME_OPTIONS,
  type CompiledChart,
  type NamedTemplate,
  type RenderSession,
} from "./compiledChart.js";
import {
  DEFAULT_KUBE_VERSION,
  templateContext,
  type KubeVersion,
  type ReleaseInfo,
} from "./context.js";
import { ChartError } from "../chart/errors.js";
import { TemplateError } from "./errors.js";
import {
  CapabilitiesObject,
  HELM_DEFAULT_API_VERSIONS,
  KubeVersionObject,
} from "./gotpl/helmObjects.js";
import type { LookupFunction } from "./gotpl/helmFunctions.js";
import type { GoChartNode } from "./gotpl/goRenderInput.js";
import { renderGoCharts } from "./gotpl/renderGoCharts.js";

export interface RenderOptions {
  release: ReleaseInfo;
  kubeVersion?: KubeVersion;
  /** API versions the cluster serves (`.Capabilities.APIVersions`); helm's defaults when absent. */
  apiVersions?: readonly string[];
  /** Extra API versions (`--api-versions`), added to the above. */
  extraApiVersions?: readonly string[];
  /** What `lookup` reads; an empty map for every call when absent (as `helm template`). */
  lookup?: LookupFunction;
  /** `lint`: Go templates' `required` and `fail` do not stop the render, as in helm lint. */
  lintMode?: boolean;
}

/** The chart annotation that selects Handlebars; every other chart is Go templates, as helm's. */
export const TEMPLATE_ENGINE_ANNOTATION = "wheelhouse.dev/template-engine";

export type TemplateLanguage = "go" | "handlebars";

export function templateLanguage(chart: Chart): TemplateLanguage {
  return chart.metadata.annotations?.[TEMPLATE_ENGINE_ANNOTATION] === "handlebars"
    ? "handlebars"
    : "go";
}

/** Rendered text per template path ("webapp/templates/x.yaml"), and the top chart's NOTES. */
export interface RenderedChart {
  files: Map<string, string>;
  notes: string;
}

interface ChartNode {
  chart: Chart;
  language: TemplateLanguage;
  /** "webapp" or "webapp/charts/cache" */
  path: string;
  values: Values;
  children: ChartNode[];
}

/**
 * Renders a chart and its enabled subcharts with already-coalesced values, each chart in its own
 * template language. Handlebars rendering is deterministic; Go templates are as deterministic as
 * helm's (random and clock functions exist there).
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
  // helm checks the top chart's kubeVersion only; Handlebars subcharts have theirs checked too.
  for (const node of nodes) {
    if (node === nodes[0] || node.language === "handlebars") {
      checkKubeVersion(node.chart, kubeVersion, node === nodes[0]);
    }
  }

  const files = new Map<string, string>();
  let notes = "";
  const hbsNodes = nodes.filter((n) => n.language === "handlebars");
  if (hbsNodes.length > 0) {
    const rendered = renderHandlebarsNodes(hbsNodes, options, kubeVersion);
    for (const [k, v] of rendered.files) files.set(k, v);
    if (hbsNodes[0] === nodes[0]) notes = rendered.notes;
  }
  const goRoots = goTrees(nodes[0]!, true);
  if (goRoots.length > 0) {
    const output = renderGoCharts(goRoots, {
      release: options.release,
      capabilities: capabilitiesFor(kubeVersion, options),
      ...(options.lookup ? { lookup: options.lookup } : {}),
      ...(options.lintMode ? { lintMode: true } : {}),
    });
    const rootNotes = `${nodes[0]!.path}/templates/NOTES.txt`;
    for (const [name, text] of output) {
      // helm takes every NOTES.txt out of the manifests and keeps the top chart's as the notes.
      if (name.endsWith("NOTES.txt")) {
        if (name === rootNotes) notes = text;
        continue;
      }
      files.set(name, text);
    }
  }
  return { files, notes };
}

function renderHandlebarsNodes(
  nodes: ChartNode[],
  options: RenderOptions,
  kubeVersion: KubeVersion,
): RenderedChart {
  const compiled = new Map(nodes.map((n) => [n, compileChart(n.chart)] as const));
  // Deeper charts first so that a parent's named template wins over a subchart's.
  const named = new Map<string, NamedTemplate>();
  for (const node of [...nodes].reverse())
    for (const [k, v] of compiled.get(node)!.named) named.set(k, v);
  const session: RenderSession = { named, stack: [] };
  for (const c of compiled.values()) c.session.current = session;

  try {
    const files = new Map<string, string>();
    let notes = "";
    for (const node of nodes) {
      if (node.chart.metadata.type === "library") continue;
      const fileTexts = Object.fromEntries(
        node.chart.files.map((f) => [f.name, f.data.toString("utf8")]),
      );
      // One copy for every template of the chart: templates and helpers only read values.
      const values = plainValues(node.values);
      const run = (file: string, fn: CompiledChart["templates"][number]["run"]) => {
        const templateName = `${node.path}/${file}`;
        const context = templateContext({
          values,
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
      const c = compiled.get(node)!;
      for (const template of c.templates) {
        const text = run(template.file, template.run);
        if (text.trim() !== "") files.set(`${node.path}/${template.file}`, text);
      }
      if (node === nodes[0] && c.notes) notes = run(c.notes.file, c.notes.run).trim();
    }
    return { files, notes };
  } finally {
    for (const c of compiled.values()) c.session.current = undefined;
  }
}

/** The Go-template subtrees of the tree: a Go chart under a Handlebars parent starts a tree of its own. */
function goTrees(node: ChartNode, isRoot: boolean): GoChartNode[] {
  if (node.language !== "go") return node.children.flatMap((c) => goTrees(c, false));
  return [
    {
      chart: node.chart,
      path: node.path,
      values: node.values,
      isRoot,
      children: node.children.flatMap((c) => goTrees(c, false)),
    },
  ];
}

function capabilitiesFor(kube: KubeVersion, options: RenderOptions): CapabilitiesObject {
  const version = new KubeVersionObject(
    kube.version,
    kube.normalized ?? kube.version,
    kube.major,
    kube.minor,
  );
  return new CapabilitiesObject(version, [
    ...(options.apiVersions ?? HELM_DEFAULT_API_VERSIONS),
    ...(options.extraApiVersions ?? []),
  ]);
}

/** The chart tree in helm's order (parent before children), values scoped to each chart. */
function collectNodes(chart: Chart, values: Values, path: string): ChartNode[] {
  const root = buildNode(chart, values, path);
  const out: ChartNode[] = [];
  const walk = (n: ChartNode): void => {
    out.push(n);
    n.children.forEach(walk);
  };
  walk(root);
  return out;
}

function buildNode(chart: Chart, values: Values, path: string): ChartNode {
  const children = chart.dependencies.map((sub) => {
    const key = subchartKey(chart, sub);
    const scoped = isValuesMap(values[key]) ? values[key] : {};
    const withGlobal =
      isValuesMap(values.global) && !isValuesMap(scoped.global)
        ? { ...scoped, global: values.global }
        : scoped;
    return buildNode(sub, withGlobal, `${path}/charts/${sub.metadata.name}`);
  });
  return { chart, language: templateLanguage(chart), path, values, children };
}

/** The values key of a subchart: its alias when Chart.yaml gives one. */
export function subchartKey(parent: Chart, sub: Chart): string {
  const dep = parent.metadata.dependencies?.find(
    (d) => d.alias === sub.metadata.name || d.name === sub.metadata.name,
  );
  return dep?.alias ?? sub.metadata.name;
}

function checkKubeVersion(chart: Chart, kube: KubeVersion, top: boolean): void {
  const range = chart.metadata.kubeVersion;
  if (!range) return;
  // Helm 4 checks Masterminds' IsCompatibleRange against the version with its suffix cut off
  // (KubeVersion.String(): v1.28.3-eks-4f4795d → v1.28.3), so ">=1.21" accepts EKS clusters.
  const numeric = /^\s*v?([0-9]+(?:\.[0-9]+)*)/.exec(kube.version)?.[1];
  if (!isCompatibleRange(range, numeric !== undefined ? `v${numeric}` : kube.version)) {
    const message = `chart requires kubeVersion: ${range} which is incompatible with Kubernetes ${kube.version}`;
    // helm's words for the top chart (they name the constraint and the cluster's version); a
    // subchart's failure names the subchart.
    if (top) throw new ChartError(message, { file: "Chart.yaml" }, { helmWorded: true });
    throw new TemplateError(message, { chart: chart.metadata.name, file: "Chart.yaml" });
  }
}
