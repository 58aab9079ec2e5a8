/**
 * The evaluator, a port of text/template exec.go: walks a parsed tree with a dot and a variable
 * stack, writing text to an array of chunks. Go's value rules are followed where charts can
 * see them:
 * - a nil interface (`null`) ends every pipeline command as "no value" (`undefined`), as Go's
 *   evalPipeline digs into interface{} results; inside a field chain it stays nil, so
 *   `.Values.a.b` with `a` missing fails "nil pointer evaluating interface {}.b";
 * - values read out of interface{} containers (generic maps and []interface{}) keep the static
 *   type "interface {}" for Go's "can't evaluate field X in type interface {}";
 * - functions see their arguments converted as Go's evalArg/validateType would (number
 *   constants take the parameter type, "wrong type for value; expected T; got U"), builtins see
 *   no value and nil apart (reflect.Value parameters).
 *
 * The walk over the tree is here; exec/eval.ts evaluates pipelines, fields and calls, and
 * exec/scope.ts holds the variables and builds the errors.
 */
import type { ActionNode, BranchNode, ListNode, TemplateNode, Tree } from "./ast.js";
import { goQuote, nodeString } from "./ast.js";
import { sprint, sprintf } from "./fmt.js";
import { Evaluator } from "./exec/eval.js";
import { isStackOverflow } from "./exec/errors.js";
import type { ExecEnv } from "./exec/scope.js";
import {
  GoInt,
  isGoFunction,
  isGoMap,
  isTrue,
  mapElemType,
  sliceType,
  sortedKeys,
  typeName,
  type GoValue,
} from "./value.js";

export { GoComplex } from "./exec/complex.js";
export { TemplateExecError, isStackOverflow } from "./exec/errors.js";
export { goTypeName } from "./exec/params.js";
export type { ExecEnv, MissingKeyMode } from "./exec/scope.js";

const MAX_EXEC_DEPTH = 100000;
const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
type Signal = typeof NORMAL | typeof BREAK | typeof CONTINUE;

/** Executes `tree` (named `name`) with `data` as dot and `$`; returns the output. */
export function execute(env: ExecEnv, name: string, tree: Tree, data: GoValue): string {
  const s = new State(env, name, data);
  s.walkList(data, tree.root);
  return s.out.join("");
}

/**
 * One execution: the walk over the tree (exec.go's control flow — lists, if/with, range,
 * {{template}}) and the output it writes (TemplateSet.execute drives it).
 */
export class State extends Evaluator {
  out: string[] = [];
  private outLen = 0;

  private write(s: string): void {
    this.out.push(s);
    this.outLen += s.length;
    if (this.outLen > this.env.maxOutputBytes) {
      this.errorf(`output exceeds the limit of ${this.env.maxOutputBytes} bytes`);
    }
  }

  // ---- walk ----

  /**
   * Walks a list, dispatching each node in place: one JS frame per list rather than one per
   * node keeps deep template/include recursion inside the default stack.
   */
  walkList(dot: GoValue, list: ListNode): Signal {
    const nodes = list.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      this.node = node;
      let sig: Signal = NORMAL;
      switch (node.type) {
        case "text":
          this.write(node.text);
          continue;
        case "action": {
          const val = this.evalPipeline(dot, node.pipe);
          if (node.pipe.decl.length === 0) this.printValue(node, val);
          continue;
        }
        case "if":
        case "with": {
          // walkIfOrWith, inlined (see above).
          const mark = this.vars.length;
          const val = this.evalPipeline(dot, node.pipe);
          if (isTrue(val)) {
            if (node.type === "with") {
              const saved = this.dotIface;
              this.dotIface = false;
              sig = this.walkList(val, node.list);
              this.dotIface = saved;
            } else sig = this.walkList(dot, node.list);
          } else if (node.elseList) {
            sig = this.walkList(dot, node.elseList);
          }
          this.vars.length = mark;
          break;
        }
        case "range":
          sig = this.walkRange(dot, node);
          break;
        case "template":
          this.walkTemplate(dot, node);
          continue;
        case "break":
          return BREAK;
        case "continue":
          return CONTINUE;
        case "comment":
          continue;
        default:
          this.errorf(`unknown node: ${nodeString(node)}`);
      }
      if (sig !== NORMAL) return sig;
    }
    return NORMAL;
  }

  private walkRange(dot: GoValue, r: BranchNode): Signal {
    this.node = r;
    const mark0 = this.vars.length;
    const val = this.evalPipeline(dot, r.pipe);
    const mark = this.vars.length;
    const decl = r.pipe.decl;
    const savedIface = this.dotIface;
    const counters = this.env.counters;
    const max = this.env.maxRangeSteps;
    // One iteration; returns true when the body ran {{break}}.
    const one = (index: GoValue, elem: GoValue, elemIface: boolean): boolean => {
      if (++counters.rangeSteps > max) {
        this.node = r;
        this.errorf(`range exceeds the limit of ${max} steps`);
      }
      if (decl.length > 0) {
        if (r.pipe.isAssign) {
          if (decl.length > 1) this.setVar(decl[0]!.ident[0]!, index);
          else this.setVar(decl[0]!.ident[0]!, elem, elemIface);
        } else this.setTopVar(1, elem, elemIface);
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) this.setVar(decl[1]!.ident[0]!, elem, elemIface);
        else this.setTopVar(2, index, false);
      }
      this.dotIface = elemIface;
      const sig = this.walkList(elem, r.list);
      this.dotIface = savedIface;
      this.vars.length = mark;
      return sig === BREAK;
    };
    let ran = false;
    if (val instanceof GoInt) {
      if (decl.length > 1)
        this.errorf(`can't use ${sprint(val)} to iterate over more than one variable`);
      for (let i = 0; i < val.value; i++) {
        ran = true;
        if (one(undefined, new GoInt(i, val.kind), false)) break;
      }
    } else if (Array.isArray(val)) {
      const iface = sliceType(val) === "[]interface {}";
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (one(new GoInt(i), val[i], iface)) break;
      }
    } else if (val instanceof Uint8Array) {
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (one(new GoInt(i), new GoInt(val[i]!, "uint8"), false)) break;
      }
    } else if (isGoMap(val)) {
      const iface = mapElemType(val) === "interface {}";
      for (const k of sortedKeys(val)) {
        ran = true;
        if (one(k, val[k], iface)) break;
      }
    } else if (val !== undefined && val !== null) {
      this.errorf(`range can't iterate over ${sprintf("%v", val)}`);
    }
    if (!ran && r.elseList) {
      const sig = this.walkList(dot, r.elseList);
      this.vars.length = mark0;
      return sig;
    }
    this.vars.length = mark0;
    return NORMAL;
  }

  private walkTemplate(dot: GoValue, t: TemplateNode): void {
    this.node = t;
    const tree = this.env.lookup(t.name);
    if (!tree) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth >= MAX_EXEC_DEPTH)
      this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = this.evalPipeline(dot, t.pipe);
    const saved = { name: this.name, vars: this.vars, dotIface: this.dotIface };
    this.depth++;
    this.name = t.name;
    this.vars = [{ name: "$", value: newDot, iface: false }];
    this.dotIface = false;
    try {
      this.walkList(newDot, tree.root);
    } catch (e) {
      // JavaScript's stack ends long before Go's 100000 levels: report a runaway recursion
      // with Go's error, at the innermost {{template}} that can still build it.
      if (isStackOverflow(e)) {
        this.name = saved.name;
        this.node = t;
        this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
      }
      throw e;
    }
    this.depth--;
    this.name = saved.name;
    this.vars = saved.vars;
    this.dotIface = saved.dotIface;
  }

  private printValue(node: ActionNode, v: GoValue): void {
    this.node = node;
    if (typeof v === "string") {
      this.write(v);
      return;
    }
    if (v === undefined) {
      this.write("<no value>");
      return;
    }
    if (isGoFunction(v)) this.errorf(`can't print ${nodeString(node)} of type ${typeName(v)}`);
    this.write(sprint(v));
  }
}

export type { ListNode };
