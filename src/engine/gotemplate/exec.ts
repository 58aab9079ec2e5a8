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
 */
import type {
  ActionNode,
  ArgNode,
  BranchNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  Tree,
  VariableNode,
} from "./ast.js";
import { goQuote, nodeLocation, nodeString } from "./ast.js";
import { builtinFuncs, zeroOfMapElem, type Callable, type ExecParam } from "./builtins.js";
import { formatValue, sprint, sprintf } from "./fmt.js";
import {
  GoInt,
  GoObject,
  NO_FIELD,
  isGoFunction,
  isGoMap,
  isTrue,
  mapMethods,
  mapElemType,
  mapType,
  underlyingMapType,
  sliceMethods,
  sliceType,
  sortedKeys,
  typeName,
  type GoFunction,
  type GoValue,
} from "./value.js";

export type MissingKeyMode = "zero" | "default" | "error";

/** An execution error; `message` is Go's full text, the fields let helm's reformatting be rebuilt. */
export class TemplateExecError extends Error {
  constructor(
    message: string,
    /** The template being executed (a file or define name). */
    readonly templateName: string,
    /** Where the failing node was written (absent for errors with no node). */
    readonly location: { parseName: string; line: number; col: number } | undefined,
    /** The failing node as Go prints it (`.Values.a.b`). */
    readonly context: string | undefined,
    /** Go's message after the `executing … at <…>: ` part. */
    readonly detail: string,
    /**
     * For `error calling NAME: …`, the error the function threw (Go wraps it with %w, and helm
     * walks that chain when it reformats: an include's inner TemplateExecError shows up here).
     */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "TemplateExecError";
  }
}

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

const MAX_EXEC_DEPTH = 100000;
const MISSING: unique symbol = Symbol("missing");
type Final = GoValue | typeof MISSING;
type Var = { name: string; value: GoValue; iface: boolean };

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

/** One execution: output, variables, the node being evaluated (TemplateSet.execute drives it). */
export class State {
  out: string[] = [];
  private outLen = 0;
  private node: Node | null = null;
  private vars: Var[];
  private depth = 0;
  /** Whether dot was read out of an interface{} container (range over []interface{} / a generic map). */
  private dotIface = false;
  /** Whether the last evalField result came out of an interface{} container. */
  private lastIface = false;

  constructor(
    private readonly env: ExecEnv,
    private name: string,
    data: GoValue,
  ) {
    this.vars = [{ name: "$", value: data, iface: false }];
  }

  // ---- errors ----

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

  private push(name: string, value: GoValue): void {
    this.vars.push({ name, value, iface: false });
  }
  private setVar(name: string, value: GoValue, iface = false): void {
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
  private setTopVar(n: number, value: GoValue, iface: boolean): void {
    const v = this.vars[this.vars.length - n]!;
    v.value = value;
    v.iface = iface;
  }
  private varLookup(name: string): Var {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) return v;
    }
    this.errorf(`undefined variable: ${name}`);
  }

  // ---- output ----

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

  // ---- evaluation ----

  private evalPipeline(dot: GoValue, pipe: PipeNode | null): GoValue {
    if (!pipe) return undefined;
    this.node = pipe;
    let value: Final = MISSING;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) {
      const cmd = cmds[i]!;
      const first = cmd.args[0]!;
      // Function calls are dispatched here rather than through evalCommand/evalCall, and the
      // arguments are evaluated before the call: fewer and smaller frames stay on the stack
      // while a function such as include runs (this frame is one per include level; keep its
      // locals few — rare paths live in helpers).
      if (first.type === "identifier") {
        const fn = this.findFunction(first);
        value =
          fn === builtinFuncs.and || fn === builtinFuncs.or
            ? this.evalCall(dot, fn, true, cmd, first.ident, cmd.args, value)
            : this.invoke(
                fn,
                this.callArgs(dot, fn, fn.builtin === true, first.ident, cmd.args, value),
                cmd,
                first.ident,
              );
      } else value = this.evalCommand(dot, cmd, value);
      // Go digs into interface{} results: a nil interface becomes no value.
      if (value === null) value = undefined;
    }
    if (pipe.decl.length > 0) this.declare(pipe, value as GoValue);
    return value as GoValue;
  }

  private declare(pipe: PipeNode, v: GoValue): void {
    for (let i = 0; i < pipe.decl.length; i++) {
      const name = pipe.decl[i]!.ident[0]!;
      if (pipe.isAssign) this.setVar(name, v);
      else this.push(name, v);
    }
  }

  /** The function an identifier names: the FuncMap's, else the builtin (Go's findFunction). */
  private findFunction(node: IdentifierNode): Callable {
    this.node = node;
    const fn = this.env.func(node.ident) ?? builtinFuncs[node.ident];
    if (!fn) this.errorf(`${goQuote(node.ident)} is not a defined function`);
    return fn;
  }

  private notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING)
      this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0]!;
    switch (first.type) {
      case "field":
        return this.evalFieldNode(dot, first, cmd.args, final);
      case "chain":
        return this.evalChainNode(dot, first, cmd.args, final);
      case "identifier":
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case "pipe":
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case "variable":
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.node = first;
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case "bool":
        return first.value;
      case "dot":
        return dot;
      case "nil":
        this.errorf("nil is not a command");
      // falls through (errorf never returns)
      case "number":
        return this.idealConstant(first);
      case "string":
        return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(nodeString(first))}`);
  }

  private idealConstant(c: NumberNode): GoValue {
    this.node = c;
    if (c.isComplex) return new GoComplex(c.real, c.imag);
    if (c.isFloat && !isHexInt(c.text) && c.text[0] !== "'" && /[.eEpP]/.test(c.text))
      return c.float64;
    if (c.isInt) return new GoInt(c.int64, "int");
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return undefined;
  }

  private evalFieldNode(
    dot: GoValue,
    field: FieldNode,
    args: ArgNode[] | null,
    final: Final,
  ): GoValue {
    this.node = field;
    return this.evalFieldChain(dot, dot, this.dotIface, field, field.ident, args, final);
  }

  private evalChainNode(
    dot: GoValue,
    chain: ChainNode,
    args: ArgNode[] | null,
    final: Final,
  ): GoValue {
    this.node = chain;
    if (chain.node.type === "nil")
      this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, false, chain, chain.field, args, final);
  }

  private evalVariableNode(
    dot: GoValue,
    v: VariableNode,
    args: ArgNode[] | null,
    final: Final,
  ): GoValue {
    this.node = v;
    const variable = this.varLookup(v.ident[0]!);
    if (v.ident.length === 1) {
      if (args) this.notAFunction(args, final);
      else if (final !== MISSING) this.notAFunction([v], final);
      this.lastIface = variable.iface;
      return variable.value;
    }
    return this.evalFieldChain(
      dot,
      variable.value,
      variable.iface,
      v,
      v.ident.slice(1),
      args,
      final,
    );
  }

  private evalFieldChain(
    dot: GoValue,
    receiver0: GoValue,
    iface0: boolean,
    node: Node,
    ident: string[],
    args: ArgNode[] | null,
    final: Final,
  ): GoValue {
    let receiver = receiver0;
    let iface = iface0;
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) {
      receiver = this.evalField(dot, ident[i]!, node, null, MISSING, receiver, iface);
      iface = this.lastIface;
    }
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver, iface);
  }

  private evalFunction(
    dot: GoValue,
    node: IdentifierNode,
    cmd: Node,
    args: ArgNode[] | null,
    final: Final,
  ): GoValue {
    const fn = this.findFunction(node);
    return this.evalCall(dot, fn, fn.builtin === true, cmd, node.ident, args, final);
  }

  private evalField(
    dot: GoValue,
    fieldName: string,
    node: Node,
    args: ArgNode[] | null,
    final: Final,
    receiver: GoValue,
    iface: boolean,
  ): GoValue {
    this.lastIface = false;
    if (receiver === undefined) {
      if (this.env.missingKey === "error")
        this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    // A method is looked up before a field or map key of the same name.
    let method: GoFunction | undefined;
    if (receiver instanceof GoObject) method = receiver.method(fieldName);
    else if (Array.isArray(receiver))
      method = sliceMethods.get(sliceType(receiver))?.(receiver, fieldName);
    else if (isGoMap(receiver)) method = mapMethods.get(mapType(receiver))?.(receiver, fieldName);
    if (method)
      return this.evalCall(dot, methodCallable(method), false, node, fieldName, args, final);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (receiver instanceof GoObject) {
      const f = receiver.field(fieldName);
      if (f !== NO_FIELD) {
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        return f;
      }
    } else if (isGoMap(receiver)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      // A map of interface{} values gives its elements the static type interface {}, which Go
      // prints in "can't evaluate field X in type interface {}" whatever the element holds.
      const iface = mapElemType(receiver) === "interface {}";
      if (Object.prototype.hasOwnProperty.call(receiver, fieldName)) {
        this.lastIface = iface;
        return receiver[fieldName];
      }
      switch (this.env.missingKey) {
        case "zero":
          this.lastIface = iface;
          return zeroOfMapElem(receiver);
        case "error":
          this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
        // falls through (errorf never returns)
        default:
          return undefined;
      }
    }
    this.errorf(
      `can't evaluate field ${fieldName} in type ${iface ? "interface {}" : typeName(receiver)}`,
    );
  }

  private evalCall(
    dot: GoValue,
    fun: Callable,
    isBuiltin: boolean,
    node: Node,
    name: string,
    args: ArgNode[] | null,
    final: Final,
  ): GoValue {
    if (isBuiltin && (name === "and" || name === "or")) {
      this.checkArity(fun, name, args, final);
      const wantTrue = name === "or";
      let v: GoValue = undefined;
      for (let i = 1; i < (args ? args.length : 0); i++) {
        v = this.evalArg(dot, "value", args![i]!);
        if (isTrue(v === null ? undefined : v) === wantTrue) return v;
      }
      if (final !== MISSING) v = this.validateType(final, "value");
      return v;
    }
    return this.invoke(fun, this.callArgs(dot, fun, isBuiltin, name, args, final), node, name);
  }

  /** exec.go evalCall's argument count check (args[0] is the function's own node). */
  private checkArity(fun: Callable, name: string, args: ArgNode[] | null, final: Final): void {
    const params = fun.params;
    // An untyped function takes any number of arguments, each as interface{}.
    if (params === undefined) return;
    const nArgs = args ? args.length - 1 : 0;
    const numIn = nArgs + (final !== MISSING ? 1 : 0);
    if (fun.variadic !== undefined) {
      if (numIn < params.length)
        this.errorf(
          `wrong number of args for ${name}: want at least ${params.length} got ${nArgs}`,
        );
    } else if (numIn !== params.length) {
      this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }
  }

  /** The argument values of a call (evalCall's argument half). */
  private callArgs(
    dot: GoValue,
    fun: Callable,
    isBuiltin: boolean,
    name: string,
    args: ArgNode[] | null,
    final: Final,
  ): GoValue[] {
    this.checkArity(fun, name, args, final);
    const nArgs = args ? args.length - 1 : 0;
    const numIn = nArgs + (final !== MISSING ? 1 : 0);
    const params = fun.params;
    const variadic = params === undefined ? (fun.variadic ?? "any") : fun.variadic;
    const numFixed = params === undefined ? 0 : variadic !== undefined ? params.length : nArgs;
    const argv: GoValue[] = new Array<GoValue>(numIn);
    let i = 0;
    for (; i < numFixed && i < nArgs; i++) argv[i] = this.evalArg(dot, params![i]!, args![i + 1]!);
    if (variadic !== undefined)
      for (; i < nArgs; i++) argv[i] = this.evalArg(dot, variadic, args![i + 1]!);
    if (final !== MISSING) {
      let t: ExecParam;
      if (params === undefined) t = variadic!;
      else if (variadic !== undefined) t = numIn - 1 < numFixed ? params[numIn - 1]! : variadic;
      else t = params[params.length - 1]!;
      argv[i] = this.validateType(final, t);
    }
    if (isBuiltin && name === "call") {
      const callee = nArgs === 0 ? calleeString(final as GoValue) : nodeString(args![1]!);
      argv.unshift(callee);
    }
    return argv;
  }

  /** Calls the function; its error or panic becomes Go's `error calling NAME: …`. */
  private invoke(fun: Callable, argv: GoValue[], node: Node, name: string): GoValue {
    let result: GoValue;
    try {
      result = fun.fn(...argv);
    } catch (e) {
      if (isStackOverflow(e)) throw e;
      this.node = node;
      this.errorf(`error calling ${name}: ${errorMessage(e)}`, e);
    }
    return result === undefined ? null : result;
  }

  private evalArg(dot: GoValue, typ: ExecParam | null, n: ArgNode): GoValue {
    this.node = n;
    switch (n.type) {
      case "dot":
        return this.validateType(dot, typ);
      case "nil":
        if (typ === "value") return undefined;
        if (canBeNil(typ)) return null;
        this.errorf(`cannot assign nil to ${goTypeName(typ)}`);
      // falls through (errorf never returns)
      case "field":
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case "variable":
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case "pipe":
        return this.validateType(this.evalPipeline(dot, n), typ);
      case "identifier":
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case "chain":
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), typ);
    }
    switch (typ) {
      case "bool":
        if (n.type === "bool") return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
      // falls through (errorf never returns)
      case "float64":
        if (n.type === "number" && n.isFloat) return n.float64;
        this.errorf(`expected float; found ${nodeString(n)}`);
      // falls through
      case "int":
      case "int64":
        if (n.type === "number" && n.isInt) return new GoInt(n.int64, typ);
        this.errorf(`expected integer; found ${nodeString(n)}`);
      // falls through
      case "string":
        if (n.type === "string") return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
      // falls through
      case null:
      case "any":
      case "value":
        return this.evalEmptyInterface(n);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${goTypeName(typ)}`);
  }

  private evalEmptyInterface(n: ArgNode): GoValue {
    this.node = n;
    switch (n.type) {
      case "bool":
        return n.value;
      case "number":
        return this.idealConstant(n);
      case "string":
        return n.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  /** exec.go validateType: is the value usable as an argument of this Go type? */
  private validateType(value: GoValue, typ: ExecParam | null): GoValue {
    if (value === undefined) {
      if (typ === null || typ === "value") return undefined;
      if (canBeNil(typ)) return null;
      this.errorf(`invalid value; expected ${goTypeName(typ)}`);
    }
    if (typ === null || typ === "any" || typ === "value" || assignable(value, typ)) return value;
    this.errorf(
      `wrong type for value; expected ${goTypeName(typ)}; got ${value === null ? "interface {}" : typeName(value)}`,
    );
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

/** A complex128 constant (`{{ 1+2i }}` prints "(1+2i)"); nothing else in templates makes one. */
export class GoComplex extends GoObject {
  readonly goType = "complex128";
  constructor(
    readonly real: number,
    readonly imag: number,
  ) {
    super();
  }
  format(): string {
    const im = formatValue(this.imag);
    return `(${formatValue(this.real)}${im.startsWith("-") || im.startsWith("+") ? "" : "+"}${im}i)`;
  }
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === "0" && (s[1] === "x" || s[1] === "X") && !/[pP]/.test(s);
}

function canBeNil(typ: ExecParam | null): boolean {
  switch (typ) {
    case "any":
    case "value":
    case "[]any":
    case "[]string":
    case "map":
    case "[]byte":
      return true;
  }
  return false;
}

function assignable(v: GoValue, typ: ExecParam): boolean {
  switch (typ) {
    case "string":
      return typeof v === "string";
    case "bool":
      return typeof v === "boolean";
    case "float64":
      return typeof v === "number";
    case "int":
    case "int64":
      return v instanceof GoInt && v.kind === typ;
    case "[]any":
      return Array.isArray(v) && sliceType(v) === "[]interface {}";
    case "[]string":
      return Array.isArray(v) && sliceType(v) === "[]string";
    case "map":
      // A named map type (common.Values) is assignable to its unnamed underlying type.
      return isGoMap(v) && underlyingMapType(v) === "map[string]interface {}";
    case "[]byte":
      return v instanceof Uint8Array;
  }
  return true;
}

export function goTypeName(typ: ExecParam | null): string {
  switch (typ) {
    case null:
    case "any":
      return "interface {}";
    case "value":
      return "reflect.Value";
    case "[]any":
      return "[]interface {}";
    case "map":
      return "map[string]interface {}";
    case "[]byte":
      return "[]uint8";
  }
  return typ;
}

interface TypedGoFunction extends GoFunction {
  params?: readonly ExecParam[];
  variadic?: ExecParam;
}

/** A method value as a callable; methods may declare params/variadic like FuncDefs, else are untyped. */
function methodCallable(m: GoFunction): Callable {
  const t = m as TypedGoFunction;
  return { fn: (...a: GoValue[]) => m.call(...a), params: t.params, variadic: t.variadic };
}

/** reflect.Value.String() of call's final argument: the string, or "<T Value>". */
function calleeString(v: GoValue): string {
  return typeof v === "string" ? v : `<${typeName(v)} Value>`;
}

function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

export function isStackOverflow(e: unknown): boolean {
  // No regular expression here: this runs with the stack nearly exhausted.
  return e instanceof RangeError && e.message.indexOf("call stack") !== -1;
}

export type { ListNode };
