import type Handlebars from "handlebars";
import { handlebars } from "./handlebarsModule.js";
import type { Chart } from "../chart/types.js";
import { TemplateError, parseErrorLine } from "./errors.js";
import { registerChartHelpers } from "./renderHelpers.js";
import {
  RUNTIME_OPTIONS,
  type CompiledChart,
  type NamedTemplate,
  type TemplateFn,
} from "./compiledChart.js";
import { diskTemplateCache, specFromSource, type ChartTemplates } from "./templateCache.js";

const COMPILE_OPTIONS: CompileOptions = { noEscape: true, strict: false, preventIndent: true };
type CompileOptions = Parameters<typeof Handlebars.compile>[1];

// Keyed by the templates array, which survives the shallow copies that
// dependency processing makes of a chart.
const cache = new WeakMap<Chart["templates"], CompiledChart>();

export function compileChart(chart: Chart): CompiledChart {
  const cached = cache.get(chart.templates);
  if (cached) return cached;
  const env = handlebars().create();
  const chartName = chart.metadata.name;
  const session: CompiledChart["session"] = { current: undefined };
  const named = new Map<string, NamedTemplate>();
  const inline = new Map<string, TemplateFn>();
  const compiled: CompiledChart = {
    chartName,
    templates: [],
    notes: undefined,
    named,
    session,
    compileInline(source) {
      let fn = inline.get(source);
      if (!fn) {
        fn = env.compile(source, COMPILE_OPTIONS);
        inline.set(source, fn);
      }
      return fn;
    },
  };
  registerChartHelpers(env, chart, compiled);

  const stored = diskCache?.open(chartName);
  for (const template of [...chart.templates].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const base = template.name.split("/").pop() ?? template.name;
    const source = template.data.toString("utf8");
    const run = compileTemplate(env, stored, source, chartName, template.name);
    if (base.startsWith("_")) {
      // Running a partial only registers its {{#define}} blocks; output is discarded.
      session.current = { named, stack: [{ chart: chartName, file: template.name }] };
      try {
        run({}, RUNTIME_OPTIONS);
      } catch (err) {
        throw asTemplateError(err, chartName, template.name);
      } finally {
        session.current = undefined;
      }
    } else if (template.name === "templates/NOTES.txt") {
      compiled.notes = { file: template.name, run };
    } else {
      compiled.templates.push({ file: template.name, run });
    }
  }
  stored?.save();
  cache.set(chart.templates, compiled);
  return compiled;
}

const diskCache = diskTemplateCache();

function compileTemplate(
  env: typeof Handlebars,
  stored: ChartTemplates | undefined,
  source: string,
  chart: string,
  file: string,
): TemplateFn {
  const cached = stored?.get(source);
  if (cached !== undefined) return env.template(cached);
  let ast: hbs.AST.Program;
  try {
    // Parsed eagerly so syntax errors surface at load, with their line.
    ast = env.parse(source);
  } catch (err) {
    const message = (err as Error).message;
    const line = parseErrorLine(message);
    const reason = message.split("\n").at(-1) ?? message;
    throw new TemplateError(`template syntax error: ${reason}`, {
      chart,
      file,
      ...(line !== undefined ? { line } : {}),
    });
  }
  // A fresh options object: Handlebars writes into the one it is given.
  const spec = env.precompile(ast, { ...COMPILE_OPTIONS }) as unknown as string;
  stored?.set(source, spec);
  return env.template(specFromSource(spec));
}

export function asTemplateError(err: unknown, chart: string, file: string): TemplateError {
  if (err instanceof TemplateError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const line = parseErrorLine(message);
  return new TemplateError(message.split("\n")[0] ?? message, {
    chart,
    file,
    ...(line !== undefined ? { line } : {}),
  });
}
