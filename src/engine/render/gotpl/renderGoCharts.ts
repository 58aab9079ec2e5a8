/**
 * Renders the Go-template charts of a tree as helm's engine does (pkg/engine/engine.go render and
 * recAllTpls): every template of every chart is parsed into one template set — deepest charts
 * first, so a parent's `define` wins — then every non-partial is executed with its chart's
 * scope (`.Values .Chart .Release .Capabilities .Files .Subcharts .Template`), and helm's
 * `<no value>` is blanked.
 */
import { posix } from "node:path";
import { handlebars } from "../handlebarsModule.js";
import { WheelhouseError } from "../../../errors.js";
import type { ChartMetadata } from "../../chart/types.js";
import { TemplateSet } from "../../gotemplate/template.js";
import { typedMap, int, type GoMap, type GoValue } from "../../gotemplate/value.js";
import { helmExecError, helmParseError } from "./helmErrors.js";
import { bindRenderFuncs, helmFuncMap, offlineLookup } from "./helmFunctions.js";
import { filesObject, valuesObject } from "./helmObjects.js";
import { renderOnDeepStack } from "./deepStack.js";
import type { GoChartNode, GoRenderOptions } from "./goRenderInput.js";

/** A Go-template error, worded as helm words it; names the chart and file it came from. */
export class GoTemplateError extends WheelhouseError {
  constructor(
    message: string,
    readonly chart: string,
    readonly file: string,
    hint?: string,
  ) {
    super("chart", message, hint === undefined ? {} : { hint });
  }
}

interface Renderable {
  node: GoChartNode;
  scope: GoMap;
  source: string;
}

/**
 * Renders the Go-template nodes; returns the output per template path, NOTES.txt files included
 * (the caller picks the root chart's notes, as helm does).
 *
 * Templates that recurse (include in include…) go as deep as helm allows — 1000 nested includes of
 * one name, 100000 nested template calls — which is deeper than the main thread's JavaScript stack.
 * When the stack runs out, the render is done again on a thread with a stack large enough to reach
 * helm's own limits, so the result (usually helm's recursion error) is the one helm gives.
 */
export function renderGoCharts(
  roots: GoChartNode[],
  options: GoRenderOptions,
): Map<string, string> {
  const recorded = new Map<string, GoMap>();
  const lookup = options.lookup ?? offlineLookup;
  try {
    return renderOnThisStack(roots, {
      ...options,
      lookup: (apiVersion, kind, namespace, name) => {
        const result = lookup(apiVersion, kind, namespace, name);
        recorded.set(lookupKey(apiVersion, kind, namespace, name), result);
        return result;
      },
    });
  } catch (err) {
    if (!isStackExhaustion(err)) throw err;
    return renderOnDeepStack(roots, options, recorded);
  }
}

export function lookupKey(
  apiVersion: string,
  kind: string,
  namespace: string,
  name: string,
): string {
  return JSON.stringify([apiVersion, kind, namespace, name]);
}

function isStackExhaustion(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) return true;
    if (/Maximum call stack size exceeded/.test(e.message)) return true;
  }
  return false;
}

/** The render itself, on whatever stack the caller runs on. */
export function renderOnThisStack(
  roots: GoChartNode[],
  options: GoRenderOptions,
): Map<string, string> {
  const templates = new Map<string, Renderable>();
  for (const root of roots) collect(root, options, templates);

  const names = [...templates.keys()].sort(byPathLenReversed);
  const set = new TemplateSet(helmFuncMap({ lintMode: options.lintMode === true }), {
    missingKey: "zero",
  });
  for (const name of names) {
    const { node, source } = templates.get(name)!;
    const file = name.slice(node.path.length + 1);
    try {
      set.parse(name, source);
    } catch (err) {
      throw new GoTemplateError(
        helmParseError(name, (err as Error).message),
        node.chart.metadata.name,
        file,
        looksLikeHandlebars(source) ? HANDLEBARS_HINT : undefined,
      );
    }
  }
  bindRenderFuncs(set, options.lookup ?? offlineLookup);

  const out = new Map<string, string>();
  for (const name of names) {
    if (posix.basename(name).startsWith("_")) continue;
    const { node, scope } = templates.get(name)!;
    scope.Template = { Name: name, BasePath: `${node.path}/templates` };
    let text: string;
    try {
      text = set.execute(name, scope);
    } catch (err) {
      if (isStackExhaustion(err)) throw err;
      throw new GoTemplateError(
        helmExecError(name, (err as Error).message),
        node.chart.metadata.name,
        name.slice(node.path.length + 1),
      );
    }
    out.set(name, text.replaceAll("<no value>", ""));
  }
  return out;
}

const HANDLEBARS_HINT =
  "this template parses as Handlebars: if the chart is written for wheelhouse's Handlebars engine, add `annotations: {wheelhouse.dev/template-engine: handlebars}` to its Chart.yaml";

/** Whether a template that Go rejected is valid Handlebars using a Handlebars-only construct. */
function looksLikeHandlebars(source: string): boolean {
  // Block helpers, triple-stashes, or context paths without Go's leading dot ({{Values.x}}).
  const handlebarsOnly =
    /\{\{~?[#/^>]|\{\{~?else~?\}\}|\{\{\{|\{\{~?\s*[\w-]*\s*\(?(?:Values|Release|Chart|Capabilities|Template|Files)\./;
  if (!handlebarsOnly.test(source)) return false;
  try {
    handlebars().parse(source);
    return true;
  } catch {
    return false;
  }
}

/** Builds each chart's scope (helm's `next` map) and registers its templates. */
function collect(
  node: GoChartNode,
  options: GoRenderOptions,
  into: Map<string, Renderable>,
): GoMap {
  const subcharts: GoMap = {};
  const scope: GoMap = {
    Chart: chartObject(node.chart.metadata, node.isRoot),
    Files: filesObject(node.chart.files),
    Release: releaseObject(options.release),
    Capabilities: options.capabilities,
    Values: valuesObject(node.values as GoMap),
    Subcharts: subcharts,
  };
  for (const child of node.children) {
    subcharts[child.chart.metadata.name] = collect(child, options, into);
  }
  const library = node.chart.metadata.type === "library";
  for (const template of node.chart.templates) {
    // A library chart contributes its partials only (helm's isTemplateValid).
    if (library && !posix.basename(template.name).startsWith("_")) continue;
    into.set(`${node.path}/${template.name}`, {
      node,
      scope,
      source: Buffer.from(template.data).toString("utf8"),
    });
  }
  return scope;
}

/** helm's sortTemplates: deeper paths first; equal depth in reverse lexical order. */
function byPathLenReversed(a: string, b: string): number {
  const da = slashes(a);
  const db = slashes(b);
  if (da !== db) return db - da;
  return a < b ? 1 : a > b ? -1 : 0;
}

function slashes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 47) n++;
  return n;
}

function releaseObject(release: GoRenderOptions["release"]): GoMap {
  return {
    Name: release.name,
    Namespace: release.namespace,
    IsUpgrade: release.isUpgrade,
    IsInstall: release.isInstall,
    Revision: int(release.revision),
    Service: "Helm",
  };
}

const strings = (list: readonly string[] | undefined): GoValue[] => [...(list ?? [])];

/** helm's MetadataAsMap: Chart.yaml's fields under their Go names, plus IsRoot. */
function chartObject(m: ChartMetadata, isRoot: boolean): GoMap {
  return {
    Name: m.name ?? "",
    Home: m.home ?? "",
    Sources: strings(m.sources),
    Version: m.version ?? "",
    Description: m.description ?? "",
    Keywords: strings(m.keywords),
    Maintainers: (m.maintainers ?? []).map((x): GoValue => ({
      Name: x.name ?? "",
      Email: x.email ?? "",
      URL: x.url ?? "",
    })),
    Icon: m.icon ?? "",
    APIVersion: m.apiVersion ?? "",
    Condition: m.condition ?? "",
    Tags: m.tags ?? "",
    AppVersion: m.appVersion ?? "",
    Deprecated: m.deprecated ?? false,
    Annotations: typedMap({ ...(m.annotations ?? {}) }, "map[string]string"),
    KubeVersion: m.kubeVersion ?? "",
    Dependencies: (m.dependencies ?? []).map((d): GoValue => ({
      Name: d.name,
      Version: d.version ?? "",
      Repository: d.repository ?? "",
      Condition: d.condition ?? "",
      Tags: strings(d.tags),
      Enabled: d.enabled ?? false,
      ImportValues: [...((d["import-values"] as GoValue[] | undefined) ?? [])],
      Alias: d.alias ?? "",
    })),
    Type: m.type ?? "",
    IsRoot: isRoot,
  };
}
