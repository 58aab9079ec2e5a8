/**
 * Where an execution stands: the template set it runs in, the template and node being evaluated
 * (errors cite them, Go's `template: NAME:LINE:COL: executing "T" at <NODE>: …`) and the
 * variable stack.
 */
import type { Node, Tree } from "../ast.js";
import { goQuote, nodeLocation, nodeString } from "../ast.js";
import type { Callable } from "../builtins.js";
import type { GoValue } from "../value.js";
import { TemplateExecError } from "./errors.js";

export type MissingKeyMode = "zero" | "default" | "error";

/** What the evaluator needs from its template set. */
export interface ExecEnv {
  lookup(name: string): Tree | undefined;
  /** A FuncMap entry (user functions shadow builtins, as in Go). */
  func(name: string): Callable | undefined;
  missingKey: MissingKeyMode;
  maxOutputBytes: number;
  maxRangeSteps: number;
  /** Range steps taken by the outermost execute and everything it runs; executions in progress. */
  counters: { rangeSteps: number; active: number };
}

type Var = { name: string; value: GoValue; iface: boolean };

/** The state every part of an execution shares; the evaluator and the walk build on it. */
export class Scope {
  protected node: Node | null = null;
  protected vars: Var[];
  protected depth = 0;
  /** Whether dot was read out of an interface{} container (range over []interface{} / a generic map). */
  protected dotIface = false;
  /** Whether the last evalField result came out of an interface{} container. */
  protected lastIface = false;

  constructor(
    protected readonly env: ExecEnv,
    protected name: string,
    data: GoValue,
  ) {
    this.vars = [{ name: "$", value: data, iface: false }];
  }

  errorf(detail: string, cause?: unknown): never {
    const n = this.node;
    if (!n) {
      throw new TemplateExecError(
        `template: ${this.name}: ${detail}`,
        this.name,
        undefined,
        undefined,
        detail,
        cause,
      );
    }
    const loc = nodeLocation(n);
    const context = nodeString(n);
    throw new TemplateExecError(
      `template: ${loc.parseName}:${loc.line}:${loc.col}: executing ${goQuote(this.name)} at <${context}>: ${detail}`,
      this.name,
      loc,
      context,
      detail,
      cause,
    );
  }

  // ---- variables ----

  protected push(name: string, value: GoValue): void {
    this.vars.push({ name, value, iface: false });
  }
  protected setVar(name: string, value: GoValue, iface = false): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) {
        v.value = value;
        v.iface = iface;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  protected setTopVar(n: number, value: GoValue, iface: boolean): void {
    const v = this.vars[this.vars.length - n]!;
    v.value = value;
    v.iface = iface;
  }
  protected varLookup(name: string): Var {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) return v;
    }
    this.errorf(`undefined variable: ${name}`);
  }
}
