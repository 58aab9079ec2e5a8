import type Handlebars from "handlebars";

/*
 * The shape of a chart whose Handlebars templates are compiled, shared by the
 * compiler, the helpers that run inside templates, and the renderer.
 */

export type TemplateFn = Handlebars.TemplateDelegate;

/** A named template declared with {{#define}}: its body and the file it came from. */
export interface NamedTemplate {
  fn: (context: unknown, options?: Handlebars.RuntimeOptions) => string;
  chart: string;
  file: string;
}

/** State of one render, shared by every chart of the tree while it runs. */
export interface RenderSession {
  named: Map<string, NamedTemplate>;
  /** The template being executed, innermost last: errors name its file. */
  stack: Array<{ chart: string; file: string }>;
}

export interface CompiledTemplate {
  /** Path inside the chart, e.g. "templates/deployment.yaml". */
  file: string;
  run: TemplateFn;
}

/** A chart's templates compiled once, in a Handlebars environment of its own. */
export interface CompiledChart {
  chartName: string;
  templates: CompiledTemplate[];
  notes: CompiledTemplate | undefined;
  /** Named templates from its `_*` files. */
  named: Map<string, NamedTemplate>;
  /** Points at the running render while one is in progress. */
  session: { current: RenderSession | undefined };
  compileInline(source: string): TemplateFn;
}

export const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoMethodsByDefault: false,
  allowProtoPropertiesByDefault: false,
};
