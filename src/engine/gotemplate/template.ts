/**
 * A set of named templates sharing one function map — Go's *template.Template with its
 * `common` name table, as helm uses it: every chart file is parsed into the set under its path,
 * its defines join the set, and any name can be executed (helm's `include` executes another
 * template of the same set while one runs, so execute() is re-entrant).
 */
import type { Tree } from "./ast.js";
import { goQuote } from "./ast.js";
import { builtinFuncs } from "./builtins.js";
import { State, TemplateExecError, type ExecEnv, type MissingKeyMode } from "./exec.js";
import type { FuncDef, FuncMap } from "./funcs/types.js";
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

/** A text parsed once: its main tree and its defines, ready to join any set with the same functions. */
export interface ParsedText {
  readonly name: string;
  readonly trees: ReadonlyMap<string, Tree>;
}

/**
 * Names and functions of a set. A clone layers its own table over its parent's instead of copying
 * it: helm clones the whole set for every `tpl` call, and charts call tpl hundreds of times.
 */
class Layer<T> {
  private readonly own = new Map<string, T>();
  constructor(private readonly base?: Layer<T>) {}
  get(name: string): T | undefined {
    return this.own.get(name) ?? this.base?.get(name);
  }
  has(name: string): boolean {
    return this.own.has(name) || (this.base?.has(name) ?? false);
  }
  set(name: string, value: T): void {
    this.own.set(name, value);
  }
  keys(): Set<string> {
    const out = this.base?.keys() ?? new Set<string>();
    for (const k of this.own.keys()) out.add(k);
    return out;
  }
}

export class TemplateSet {
  private readonly trees: Layer<Tree>;
  private readonly funcs: Layer<FuncDef>;
  private readonly env: ExecEnv;
  private readonly rootName: string;

  constructor(funcs: FuncMap, options: TemplateOptions = {}, parent?: TemplateSet) {
    this.trees = new Layer(parent?.trees);
    this.funcs = new Layer(parent?.funcs);
    for (const [name, def] of Object.entries(funcs)) this.funcs.set(name, def);
    this.rootName = options.rootName ?? DEFAULTS.rootName;
    this.env = {
      lookup: (name) => this.trees.get(name),
      func: (name) => this.funcs.get(name),
      missingKey: options.missingKey ?? DEFAULTS.missingKey,
      maxOutputBytes: options.maxOutputBytes ?? DEFAULTS.maxOutputBytes,
      maxRangeSteps: options.maxRangeSteps ?? DEFAULTS.maxRangeSteps,
      // Shared with clones: a tpl inside an include counts against the same range budget.
      counters: parent?.env.counters ?? { rangeSteps: 0, active: 0 },
    };
  }

  /**
   * Parses `text` as template `name`; `name` and the templates it defines join the set. Later
   * definitions replace earlier ones, except that an empty-bodied one never replaces (Go's
   * AddParseTree/associate). Throws TemplateParseError.
   */
  parse(name: string, text: string): void {
    this.add(this.parseText(name, text));
  }

  /** Parses without adding (the result may be added to this set or its clones). */
  parseText(name: string, text: string): ParsedText {
    return { name, trees: parseTemplate(name, text, (fn) => this.hasFunction(fn)) };
  }

  /** Adds parsed trees with Go's AddParseTree rules. */
  add(parsed: ParsedText): void {
    for (const [n, tree] of parsed.trees) {
      if (isEmptyTree(tree.root) && this.trees.has(n)) continue;
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
    return this.run(name, tree, data);
  }

  /**
   * Executes the main tree of a parsed text, whether or not it replaced a template of that name
   * (Go's `t.New(name).Parse(text)` then `Execute`: an empty text runs as empty).
   */
  executeParsed(parsed: ParsedText, data: GoValue): string {
    return this.run(parsed.name, parsed.trees.get(parsed.name)!, data);
  }

  private run(name: string, tree: Tree, data: GoValue): string {
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

  /** A set seeing this one's templates and functions, adding its own without touching this one's. */
  clone(): TemplateSet {
    return new TemplateSet(
      {},
      {
        missingKey: this.env.missingKey,
        maxOutputBytes: this.env.maxOutputBytes,
        maxRangeSteps: this.env.maxRangeSteps,
        rootName: this.rootName,
      },
      this,
    );
  }

  addFuncs(extra: FuncMap): void {
    for (const [name, def] of Object.entries(extra)) this.funcs.set(name, def);
  }

  setMissingKey(mode: MissingKeyMode): void {
    this.env.missingKey = mode;
  }

  private hasFunction(name: string): boolean {
    return this.funcs.has(name) || Object.prototype.hasOwnProperty.call(builtinFuncs, name);
  }
}
