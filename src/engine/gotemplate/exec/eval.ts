/**
 * Evaluation, exec.go's half below the walk: pipelines and their commands, fields, methods and
 * map keys along a chain, function calls with Go's argument checks (evalArg / validateType: number
 * constants take the parameter type, "wrong type for value; expected T; got U"), and the errors
 * Go gives for each.
 */
import type {
  ArgNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  Node,
  NumberNode,
  PipeNode,
  VariableNode,
} from "../ast.js";
import { goQuote, nodeString } from "../ast.js";
import { builtinFuncs, zeroOfMapElem, type Callable, type ExecParam } from "../builtins.js";
import {
  GoInt,
  GoObject,
  NO_FIELD,
  isGoMap,
  isTrue,
  mapMethods,
  mapElemType,
  mapType,
  sliceMethods,
  sliceType,
  typeName,
  type GoFunction,
  type GoValue,
} from "../value.js";
import { GoComplex } from "./complex.js";
import { errorMessage, isStackOverflow } from "./errors.js";
import { assignable, calleeString, canBeNil, goTypeName, methodCallable } from "./params.js";
import { Scope } from "./scope.js";

const MISSING: unique symbol = Symbol("missing");
type Final = GoValue | typeof MISSING;

/** What the walk (exec.ts's State) asks of a pipeline: its value, or Go's error for it. */
export class Evaluator extends Scope {
  protected evalPipeline(dot: GoValue, pipe: PipeNode | null): GoValue {
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
}

function isHexInt(s: string): boolean {
  return s.length > 2 && s[0] === "0" && (s[1] === "x" || s[1] === "X") && !/[pP]/.test(s);
}
