/**
 * A set of named templates sharing one function map — Go's *template.Template with its
 * `common` name table, as helm uses it: every chart file is parsed into the set under its path,
 * its defines join the set, and any name can be executed (helm's `include` executes another
 * template of the same set while one runs, so execute() is re-entrant).
 */
import type { Tree } from "./ast.js";
import { goQuote } from "./ast.js";
import { builtinFuncs, type Callable } from "./builtins.js";
import { State, TemplateExecError, type ExecEnv, type MissingKeyMode } from "./exec.js";
import type { FuncMap } from "./funcs/types.js";
import { isEmptyTree, parseTemplate } from "./parser.js";
import type { GoValue } from "./value.js";

export { TemplateExecError } from "./exec.js";
export { TemplateParseError } from "./parser.js";

export interface TemplateOptions {
  missingKey?: MissingKeyMode;
  /** Output of one execute beyond this many characters stops with an error (default 100 MiB). */
  maxOutputBytes?: number;
  /** Range iterations across one outermost execute, nested executes included (default 10 million). */
  maxRangeSteps?: number;
  /** The name of the set's root template, quoted by "no template … associated with template …" (helm: "gotpl"). */
  rootName?: string;
}

const DEFAULTS = {
  missingKey: "zero" as MissingKeyMode,
  maxOutputBytes: 100 * 1024 * 1024,
  maxRangeSteps: 10_000_000,
  rootName: "gotpl",
};

export class TemplateSet {
  private trees = new Map<string, Tree>();
  private funcs: FuncMap;
  private readonly env: ExecEnv;
  private readonly rootName: string;

  constructor(funcs: FuncMap, options: TemplateOptions = {}) {
    this.funcs = { ...funcs };
    this.rootName = options.rootName ?? DEFAULTS.rootName;
    const lookupFunc = (name: string): Callable | undefined =>
      Object.prototype.hasOwnProperty.call(this.funcs, name) ? this.funcs[name] : undefined;
    this.env = {
      lookup: (name) => this.trees.get(name),
      func: lookupFunc,
      missingKey: options.missingKey ?? DEFAULTS.missingKey,
      maxOutputBytes: options.maxOutputBytes ?? DEFAULTS.maxOutputBytes,
      maxRangeSteps: options.maxRangeSteps ?? DEFAULTS.maxRangeSteps,
      counters: { rangeSteps: 0, active: 0 },
    };
  }

  /**
   * Parses `text` as template `name`; `name` and the templates it defines join the set. Later
   * definitions replace earlier ones, except that an empty-bodied one never replaces (Go's
   * AddParseTree/associate). Throws TemplateParseError.
   */
  parse(name: string, text: string): void {
    const trees = parseTemplate(name, text, (fn) => this.hasFunction(fn));
    for (const [n, tree] of trees) {
      const old = this.trees.get(n);
      if (old && isEmptyTree(tree.root)) continue;
      this.trees.set(n, tree);
    }
  }

  has(name: string): boolean {
    return this.trees.has(name);
  }

  /** The names of every template in the set. */
  names(): string[] {
    return [...this.trees.keys()];
  }

  /** Executes template `name` with `data` as dot and `$`. Throws TemplateExecError. */
  execute(name: string, data: GoValue): string {
    const tree = this.trees.get(name);
    if (!tree) {
      const msg = `template: no template ${goQuote(name)} associated with template ${goQuote(this.rootName)}`;
      throw new TemplateExecError(msg, name, undefined, undefined, msg);
    }
    // Executions started from a function (helm's include) while one runs share its range budget.
    const counters = this.env.counters;
    if (counters.active === 0) counters.rangeSteps = 0;
    counters.active++;
    try {
      // exec.ts's execute(), inlined: one frame less per include level.
      const s = new State(this.env, name, data);
      s.walkList(data, tree.root);
      return s.out.join("");
    } finally {
      counters.active--;
    }
  }

  /** A set sharing the parsed trees, with its own name table and function map. */
  clone(): TemplateSet {
    const c = new TemplateSet(this.funcs, {
      missingKey: this.env.missingKey,
      maxOutputBytes: this.env.maxOutputBytes,
      maxRangeSteps: this.env.maxRangeSteps,
      rootName: this.rootName,
    });
    c.trees = new Map(this.trees);
    return c;
  }

  addFuncs(extra: FuncMap): void {
    Object.assign(this.funcs, extra);
  }

  setMissingKey(mode: MissingKeyMode): void {
    this.env.missingKey = mode;
  }

  private hasFunction(name: string): boolean {
    return (
      Object.prototype.hasOwnProperty.call(this.funcs, name) ||
      Object.prototype.hasOwnProperty.call(builtinFuncs, name)
    );
  }
}
