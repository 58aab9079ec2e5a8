import type Handlebars from "handlebars";
import { handlebars } from "./handlebarsModule.js";
import type { Chart } from "../chart/types.js";
import { RUNTIME_OPTIONS, type CompiledChart } from "./compiledChart.js";
import { TemplateError } from "./errors.js";
import * as sprig from "./sprig.js";

interface HelperOptions {
  name: string;
  hash: Record<string, unknown>;
  data?: { root?: unknown };
  loc?: { start: { line: number } };
  fn?: (context: unknown, options?: Handlebars.RuntimeOptions) => string;
}

type Helper = (...args: unknown[]) => unknown;

/** The helper list of docs/chart-engine.md#handlebars-helpers, with Helm/Sprig argument order. */
const PURE_HELPERS: Record<string, Helper> = {
  toYaml: sprig.toYaml,
  toJson: sprig.toJson,
  fromYaml: sprig.fromYaml,
  indent: sprig.indent as Helper,
  nindent: sprig.nindent as Helper,
  quote: sprig.quote,
  squote: sprig.squote,
  default: sprig.defaultTo,
  required: sprig.required,
  b64enc: sprig.b64enc,
  b64dec: sprig.b64dec,
  sha256sum: sprig.sha256sum,
  trunc: sprig.trunc as Helper,
  trim: sprig.trim,
  trimPrefix: sprig.trimPrefix,
  trimSuffix: sprig.trimSuffix,
  upper: sprig.upper,
  lower: sprig.lower,
  title: sprig.title,
  replace: sprig.replace,
  contains: sprig.contains,
  hasPrefix: sprig.hasPrefix,
  hasSuffix: sprig.hasSuffix,
  eq: sprig.eq,
  ne: sprig.ne,
  lt: sprig.lt,
  le: sprig.le,
  gt: sprig.gt,
  ge: sprig.ge,
  and: sprig.and,
  or: sprig.or,
  not: sprig.not,
  empty: sprig.empty,
  coalesce: sprig.coalesce,
  list: sprig.list,
  printf: sprig.printf,
  join: sprig.join,
  split: sprig.split,
  semverCompare: sprig.semverCompare,
};

/**
 * Registers every helper on a chart's own Handlebars environment. Each is
 * wrapped so that a failure names the chart, the file being executed and
 * the line of the helper call.
 */
export function registerChartHelpers(
  env: typeof Handlebars,
  chart: Chart,
  compiled: CompiledChart,
): void {
  const where = (options: HelperOptions) => {
    const top = compiled.session.current?.stack.at(-1);
    return {
      chart: top?.chart ?? compiled.chartName,
      file: top?.file ?? "templates",
      ...(options.loc ? { line: options.loc.start.line } : {}),
    };
  };
  const wrap = (name: string, helper: Helper) =>
    function (this: unknown, ...args: unknown[]): unknown {
      const options = args.pop() as HelperOptions;
      try {
        return helper.call(this, ...args, options);
      } catch (err) {
        if (err instanceof TemplateError) throw err;
        const message =
          err instanceof sprig.RequiredValueError
            ? err.message
            : `${name}: ${(err as Error).message}`;
        throw new TemplateError(message, where(options));
      }
    };

  for (const [name, helper] of Object.entries(PURE_HELPERS)) {
    // The pure helpers never see Handlebars' options argument.
    env.registerHelper(
      name,
      wrap(name, (...args) => helper(...args.slice(0, -1))),
    );
  }

  env.registerHelper(
    "dict",
    wrap("dict", (...args) => {
      const options = args.pop() as HelperOptions;
      return { ...sprig.dict(...args), ...options.hash };
    }),
  );

  env.registerHelper(
    "define",
    wrap("define", (name, options) => {
      const opts = options as HelperOptions;
      if (typeof name !== "string" || !opts.fn)
        throw new Error('use {{#define "name"}}…{{/define}}');
      const session = compiled.session.current;
      const top = session?.stack.at(-1);
      (session?.named ?? compiled.named).set(name, {
        fn: opts.fn,
        chart: top?.chart ?? compiled.chartName,
        file: top?.file ?? "templates",
      });
      return "";
    }),
  );

  env.registerHelper(
    "include",
    wrap("include", (name, context) => {
      const session = compiled.session.current;
      const named = session?.named.get(String(name)) ?? compiled.named.get(String(name));
      if (!session || !named)
        throw new Error(`no template named "${String(name)}" (declare it with {{#define}})`);
      if (session.stack.length > 100)
        throw new Error(`"${String(name)}" includes itself too deeply`);
      session.stack.push({ chart: named.chart, file: named.file });
      try {
        // Inside a named template @root is what was passed, as `$` is in Helm.
        const data = handlebars().createFrame({});
        data.root = context;
        return named.fn(context, { ...RUNTIME_OPTIONS, data });
      } finally {
        session.stack.pop();
      }
    }),
  );

  env.registerHelper(
    "tpl",
    wrap("tpl", (source, context) => {
      const fn = compiled.compileInline(String(source ?? ""));
      return fn(context, RUNTIME_OPTIONS);
    }),
  );

  const files = new Map(chart.files.map((f) => [f.name, f.data]));
  env.registerHelper(
    "fileGet",
    wrap("fileGet", (path) => {
      const data = files.get(String(path));
      if (data === undefined) throw new Error(`file "${String(path)}" is not in the chart`);
      return data.toString("utf8");
    }),
  );

  env.registerHelper("helperMissing", function (...args: unknown[]) {
    const options = args.at(-1) as HelperOptions;
    throw new TemplateError(`unknown helper "${options.name}"`, where(options));
  });
}
