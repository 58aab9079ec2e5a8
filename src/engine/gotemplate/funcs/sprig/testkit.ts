/**
 * Test support for the sprig function modules: evaluates the small template expressions the
 * tests record from helm (`{{ trunc 3 "hello" }}`, pipelines, parentheses, .Values fields) with
 * text/template's typing of constant arguments, so a test table is just template → helm's output.
 * Not a template engine: no control structures, variables or builtins.
 */
import {
  GoInt,
  isGoMap,
  mapType,
  sliceType,
  typeName,
  type GoMap,
  type GoValue,
} from "../../value.js";
import { formatValue } from "../../fmt.js";
import { FuncError, type FuncMap, type ParamType } from "../types.js";

type Arg = { v: GoValue; konst?: "int" | "float" };

class Parser {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly funcs: FuncMap,
    private readonly values: GoMap,
    private readonly vars: Map<string, GoValue>,
  ) {}

  private ws(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
  }
  private peek(): string {
    this.ws();
    return this.src[this.pos] ?? "";
  }
  atEnd(): boolean {
    this.ws();
    return this.src.startsWith("}}", this.pos);
  }

  /** An action: `$x := pipeline` declares (and prints nothing), anything else is a pipeline. */
  action(): Arg | undefined {
    const decl = /^\s*(\$\w*)\s*:?=/.exec(this.src.slice(this.pos));
    if (!decl) return this.pipeline();
    this.pos += decl[0].length;
    this.vars.set(decl[1]!, this.pipeline().v);
    return undefined;
  }

  pipeline(): Arg {
    let piped: Arg | undefined = undefined;
    for (;;) {
      piped = this.command(piped);
      if (this.peek() !== "|") return piped;
      this.pos++;
    }
  }

  private command(piped: Arg | undefined): Arg {
    this.ws();
    const ident = /^[A-Za-z_]\w*/.exec(this.src.slice(this.pos))?.[0];
    if (ident && !["true", "false", "nil"].includes(ident)) {
      this.pos += ident.length;
      const args: Arg[] = [];
      while (!this.atEnd() && this.peek() !== "|" && this.peek() !== ")") args.push(this.operand());
      if (piped) args.push(piped);
      return { v: call(this.funcs, ident, args) };
    }
    if (piped) throw new Error("cannot pipe into a non-function");
    return this.operand();
  }

  private operand(): Arg {
    const c = this.peek();
    const rest = this.src.slice(this.pos);
    let arg: Arg;
    if (c === "(") {
      this.pos++;
      arg = this.pipeline();
      if (this.peek() !== ")") throw new Error("missing )");
      this.pos++;
    } else if (c === '"') {
      const m = /^"(?:[^"\\]|\\.)*"/.exec(rest)!;
      this.pos += m[0].length;
      arg = { v: unquote(m[0]) };
    } else if (c === "`") {
      const end = this.src.indexOf("`", this.pos + 1);
      arg = { v: this.src.slice(this.pos + 1, end) };
      this.pos = end + 1;
    } else if (c === "$") {
      const m = /^\$\w*/.exec(rest)!;
      this.pos += m[0].length;
      if (!this.vars.has(m[0])) throw new Error("undefined variable " + m[0]);
      arg = { v: this.vars.get(m[0]) };
    } else if (c === ".") {
      const m = /^(\.\w+)+/.exec(rest)!;
      this.pos += m[0].length;
      let v: GoValue = { Values: this.values };
      for (const f of m[0].slice(1).split(".")) v = isGoMap(v) ? v[f] : undefined;
      return { v };
    } else {
      const m =
        /^(-?(0x[0-9a-fA-F]+|\d+\.\d*(e[-+]?\d+)?|\d+(e[-+]?\d+)?|\.\d+)|true|false|nil|[A-Za-z_]\w*)/.exec(
          rest,
        );
      if (!m) throw new Error("cannot parse at " + rest);
      this.pos += m[0].length;
      const t = m[0];
      if (t === "true" || t === "false") arg = { v: t === "true" };
      else if (t === "nil") arg = { v: null };
      else if (/^[A-Za-z_]/.test(t)) arg = { v: call(this.funcs, t, []) };
      else if (/^-?(0x[0-9a-fA-F]+|\d+)$/.test(t)) arg = { v: Number(t), konst: "int" };
      else arg = { v: Number(t), konst: "float" };
    }
    // Field access on a parenthesised result: (split "/" "a/b")._1
    while (this.src[this.pos] === ".") {
      const m = /^\.\w+/.exec(this.src.slice(this.pos))!;
      this.pos += m[0].length;
      arg = { v: isGoMap(arg.v) ? arg.v[m[0].slice(1)] : undefined };
    }
    return arg;
  }
}

/** A Go interpreted string literal's value. */
function unquote(q: string): string {
  const simple: Record<string, string> = {
    a: "\x07",
    b: "\b",
    f: "\f",
    n: "\n",
    r: "\r",
    t: "\t",
    v: "\v",
  };
  return q
    .slice(1, -1)
    .replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, e: string) => {
      if (/^[xuU]/.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
      if (/^[0-7]{3}$/.test(e)) return String.fromCodePoint(parseInt(e, 8));
      return simple[e] ?? e;
    });
}

/** text/template's argument typing: constants take the parameter's type; other values must fit. */
function coerce(a: Arg, t: ParamType | undefined, fname: string): GoValue {
  const { v, konst } = a;
  const wrong = (): never => {
    throw new Error(`${fname}: wrong type for value; expected ${t}; got ${typeName(v)}`);
  };
  switch (t) {
    case undefined:
    case "any":
      if (konst === "int") return new GoInt(v as number, "int");
      return v === undefined ? null : v;
    case "int":
    case "int64":
      if (konst === "int" || (konst === "float" && Number.isInteger(v)))
        return new GoInt(v as number, t);
      if (v instanceof GoInt && v.kind === t) return v;
      return wrong();
    case "float64":
      if (konst) return v as number;
      if (typeof v === "number") return v;
      return wrong();
    case "string":
      if (typeof v === "string") return v;
      return wrong();
    case "bool":
      if (typeof v === "boolean") return v;
      return wrong();
    case "map":
      if (v === undefined || v === null) return {};
      if (isGoMap(v) && mapType(v) === "map[string]interface {}") return v;
      return wrong();
    case "[]string":
    case "[]any":
      if (v === undefined || v === null) return [];
      if (Array.isArray(v) && sliceType(v) === (t === "[]any" ? "[]interface {}" : t)) return v;
      return wrong();
    default:
      return v ?? null;
  }
}

function call(funcs: FuncMap, name: string, args: Arg[]): GoValue {
  const def = funcs[name];
  if (!def) throw new Error(`function "${name}" not defined`);
  const params = def.params ?? [];
  if (def.params !== undefined) {
    const ok = def.variadic ? args.length >= params.length : args.length === params.length;
    if (!ok)
      throw new Error(`wrong number of args for ${name}: want ${params.length} got ${args.length}`);
  }
  const vals = args.map((a, i) =>
    coerce(a, def.params === undefined ? undefined : (params[i] ?? def.variadic), name),
  );
  try {
    return def.fn(...vals);
  } catch (e) {
    if (e instanceof FuncError) throw new FuncError(`error calling ${name}: ${e.message}`);
    throw e;
  }
}

/** Renders `tpl` as helm would print it; a function error becomes "ERR:" + its message. */
export function render(tpl: string, funcs: FuncMap, values: GoMap = testValues()): string {
  let out = "";
  let i = 0;
  const vars = new Map<string, GoValue>();
  try {
    for (;;) {
      const open = tpl.indexOf("{{", i);
      if (open < 0) return out + tpl.slice(i);
      out += tpl.slice(i, open);
      const p = new Parser(tpl.slice(open + 2), funcs, values, vars);
      const r = p.action() ?? { v: null };
      if (!p.atEnd()) throw new Error("unparsed input in " + tpl.slice(open));
      // A nil interface result prints "<no value>", which helm then deletes from the output.
      out += r.v === undefined || r.v === null ? "" : formatValue(r.v);
      i = tpl.indexOf("}}", open) + 2;
      // Nested "}}" inside strings are not expected in test templates.
    }
  } catch (e) {
    if (e instanceof FuncError) return "ERR:" + e.message.replace(/^error calling \w+: /, "");
    throw e;
  }
}

/** The values.yaml every recorded case was rendered with (numbers are float64, as helm decodes them). */
export const testValues = (): GoMap => ({
  f: 1.5,
  num: 3,
  big: 1000000,
  s: "hello",
  list: [1, 2, 3],
  strs: ["b", "a", "c"],
  m: { a: 1, b: "x" },
  nul: null,
  empty: "",
  t: true,
});
