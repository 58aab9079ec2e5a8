/**
 * The template parser, a port of text/template/parse parse.go: builds one Tree per template
 * (the file's top level plus each define/block), checks function names against the FuncMap at
 * parse time (Go fails parsing on an undefined function) and variable names against Go's
 * lexical scoping, and fails with Go's exact messages (`template: NAME:LINE: MSG`).
 */
import type {
  ArgNode,
  BranchNode,
  CommandNode,
  ElseNode,
  EndNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  TemplateNode,
  Tree,
  VariableNode,
} from "./ast.js";
import { goQuote, nodeString } from "./ast.js";
import { Lexer } from "./lexer.js";
import { type Item, T, itemString } from "./parse/tokens.js";
import { underscoreOK } from "./strconv.js";

/** A template that does not parse; `message` is Go's text (`template: x.yaml:3: unexpected EOF`). */
export class TemplateParseError extends Error {
  constructor(
    message: string,
    /** The file being parsed. */
    readonly templateName: string,
    /** Line of the token where Go stopped (0 when Go's message carries none). */
    readonly line: number,
    /** Go's message without the `template: NAME:LINE: ` prefix. */
    readonly detail: string,
  ) {
    super(message);
    this.name = "TemplateParseError";
  }
}

const MAX_STACK_DEPTH = 10000;
const MAX_PIPELINE_CMDS = 100000;

/** Parses `text` (named `name`); returns every tree it defines, the top level under `name`. */
export function parseTemplate(
  name: string,
  text: string,
  hasFunction: (name: string) => boolean,
): Map<string, Tree> {
  const treeSet = new Map<string, Tree>();
  const lex = new Lexer(text, {
    breakOK: !hasFunction("break"),
    continueOK: !hasFunction("continue"),
  });
  const p = new Parser(name, name, text, lex, treeSet, hasFunction);
  p.parse();
  p.add();
  return treeSet;
}

class Parser {
  readonly tree: Tree;
  private token: [Item, Item, Item];
  private peekCount = 0;
  private vars: string[] = ["$"];
  private actionLine = 0;
  private rangeDepth = 0;
  private stackDepth = 0;

  constructor(
    name: string,
    readonly parseName: string,
    readonly text: string,
    private readonly lex: Lexer,
    private readonly treeSet: Map<string, Tree>,
    private readonly hasFunction: (name: string) => boolean,
  ) {
    const blank: Item = { typ: T.EOF, pos: 0, val: "", line: 0 };
    this.token = [blank, blank, blank];
    this.tree = { name, parseName, text, root: undefined as unknown as ListNode };
  }

  // ---- token stream (three-token look-ahead, as Go's parser) ----

  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount]!;
  }
  private backup(): void {
    this.peekCount++;
  }
  private backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  private backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  private nextNonSpace(): Item {
    let token: Item;
    do token = this.next();
    while (token.typ === T.Space);
    return token;
  }
  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  // ---- errors ----

  errorf(msg: string): never {
    const line = this.token[0].line;
    throw new TemplateParseError(
      `template: ${this.parseName}:${line}: ${msg}`,
      this.parseName,
      line,
      msg,
    );
  }

  private expect(expected: T, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }

  private expectOneOf(e1: T, e2: T, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== e1 && token.typ !== e2) this.unexpected(token, context);
    return token;
  }

  private unexpected(token: Item, context: string): never {
    if (token.typ === T.Error) {
      let extra = "";
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(" action")) extra = extra.slice(" in action".length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  // ---- structure ----

  add(): void {
    const existing = this.treeSet.get(this.tree.name);
    if (!existing || isEmptyTree(existing.root)) {
      this.treeSet.set(this.tree.name, this.tree);
      return;
    }
    if (!isEmptyTree(this.tree.root)) {
      this.errorf(`template: multiple definition of template ${goQuote(this.tree.name)}`);
    }
  }

  /**
   * A sub-parser for a define/block body, as Go's startParse: the same lexer, its own tree,
   * token buffer and variable scope (the parent has no look-ahead pending at that point).
   */
  private child(name: string): Parser {
    return new Parser(name, this.parseName, this.text, this.lex, this.treeSet, this.hasFunction);
  }

  parse(): void {
    this.tree.root = this.newList(this.peek().pos);
    while (this.peek().typ !== T.EOF) {
      if (this.peek().typ === T.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === T.Define) {
          const c = this.child("definition");
          c.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") this.errorf(`unexpected ${nodeString(n)}`);
      this.tree.root.nodes.push(n);
    }
  }

  private parseDefinition(): void {
    const context = "define clause";
    const name = this.expectOneOf(T.String, T.RawString, context);
    this.tree.name = this.unquote(name.val);
    this.expect(T.RightDelim, context);
    const [list, end] = this.itemList();
    this.tree.root = list;
    if (end.type !== "end") this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add();
  }

  private itemList(): [ListNode, EndNode | ElseNode] {
    const list = this.newList(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== T.EOF) {
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") return [list, n];
      list.nodes.push(n);
    }
    this.errorf("unexpected EOF");
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Text:
        return { type: "text", pos: token.pos, tree: this.tree, text: token.val };
      case T.LeftDelim:
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      case T.Comment:
        return { type: "comment", pos: token.pos, tree: this.tree, text: token.val };
      default:
        this.unexpected(token, "input");
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Block:
        return this.blockControl();
      case T.Break:
        return this.breakControl(token.pos, token.line);
      case T.Continue:
        return this.continueControl(token.pos, token.line);
      case T.Else:
        return this.elseControl();
      case T.End:
        return this.endControl();
      case T.If:
        return this.branch("if");
      case T.Range:
        return this.branch("range");
      case T.Template:
        return this.templateControl();
      case T.With:
        return this.branch("with");
    }
    this.backup();
    const t = this.peek();
    return {
      type: "action",
      pos: t.pos,
      line: t.line,
      tree: this.tree,
      pipe: this.pipeline("command", T.RightDelim),
    };
  }

  private breakControl(pos: number, line: number): Node {
    const token = this.nextNonSpace();
    if (token.typ !== T.RightDelim) this.unexpected(token, "{{break}}");
    if (this.rangeDepth === 0) this.errorf("{{break}} outside {{range}}");
    return { type: "break", pos, line, tree: this.tree };
  }

  private continueControl(pos: number, line: number): Node {
    const token = this.nextNonSpace();
    if (token.typ !== T.RightDelim) this.unexpected(token, "{{continue}}");
    if (this.rangeDepth === 0) this.errorf("{{continue}} outside {{range}}");
    return { type: "continue", pos, line, tree: this.tree };
  }

  private pipeline(context: string, end: T): PipeNode {
    const token = this.peekNonSpace();
    const pipe: PipeNode = {
      type: "pipe",
      pos: token.pos,
      line: token.line,
      tree: this.tree,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== T.Variable) break;
      this.next();
      const tokenAfterVariable = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === T.Assign || next.typ === T.Declare) {
        pipe.isAssign = next.typ === T.Assign;
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
      } else if (next.typ === T.Char && next.val === ",") {
        this.nextNonSpace();
        pipe.decl.push(this.newVariable(v.pos, v.val));
        this.vars.push(v.val);
        if (context === "range" && pipe.decl.length < 2) {
          const t = this.peekNonSpace().typ;
          if (t === T.Variable || t === T.RightDelim || t === T.RightParen) continue decls;
          this.errorf("range can only initialize variables");
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (tokenAfterVariable.typ === T.Space) {
        this.backup3(v, tokenAfterVariable);
      } else {
        this.backup2(v);
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      switch (token.typ) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case T.Bool:
        case T.CharConstant:
        case T.Complex:
        case T.Dot:
        case T.Field:
        case T.Identifier:
        case T.Number:
        case T.Nil:
        case T.RawString:
        case T.String:
        case T.Variable:
        case T.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          if (pipe.cmds.length > MAX_PIPELINE_CMDS) this.errorf("pipeline too long");
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      switch (pipe.cmds[i]!.args[0]!.type) {
        case "bool":
        case "dot":
        case "nil":
        case "number":
        case "string":
          this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  private branch(context: "if" | "range" | "with"): BranchNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, T.RightDelim);
      if (context === "range") this.rangeDepth++;
      const [list, first] = this.itemList();
      let next = first;
      if (context === "range") this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === "else") {
        // {{else if b}} / {{else with b}} are parsed as {{else}}{{if b}}…{{end}}{{end}}: the nested
        // control consumes the one {{end}}.
        if (
          (context === "if" && this.peek().typ === T.If) ||
          (context === "with" && this.peek().typ === T.With)
        ) {
          this.next();
          elseList = this.newList(next.pos);
          elseList.nodes.push(this.branch(context));
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== "end") this.errorf(`expected end; found ${nodeString(next)}`);
        }
      }
      return {
        type: context,
        pos: pipe.pos,
        line: pipe.line,
        tree: this.tree,
        pipe,
        list,
        elseList,
      };
    } finally {
      this.vars.length = mark;
    }
  }

  private endControl(): EndNode {
    return { type: "end", pos: this.expect(T.RightDelim, "end").pos, tree: this.tree };
  }

  private elseControl(): ElseNode {
    const peek = this.peekNonSpace();
    if (peek.typ === T.If || peek.typ === T.With)
      return { type: "else", pos: peek.pos, line: peek.line, tree: this.tree };
    const token = this.expect(T.RightDelim, "else");
    return { type: "else", pos: token.pos, line: token.line, tree: this.tree };
  }

  private blockControl(): TemplateNode {
    const context = "block clause";
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, T.RightDelim);
    const c = this.child(name);
    const [list, end] = c.itemList();
    c.tree.root = list;
    if (end.type !== "end") this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    c.add();
    return { type: "template", pos: token.pos, line: token.line, tree: this.tree, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = "template clause";
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== T.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, T.RightDelim);
    }
    return { type: "template", pos: token.pos, line: token.line, tree: this.tree, name, pipe };
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ === T.String || token.typ === T.RawString) return this.unquote(token.val);
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    const cmd: CommandNode = {
      type: "command",
      pos: this.peekNonSpace().pos,
      tree: this.tree,
      args: [],
    };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === T.Space) continue;
      if (token.typ === T.RightDelim || token.typ === T.RightParen) this.backup();
      else if (token.typ !== T.Pipe) this.unexpected(token, "operand");
      break;
    }
    if (cmd.args.length === 0) this.errorf("empty command");
    return cmd;
  }

  private operand(): ArgNode | null {
    let node = this.term();
    if (!node) return null;
    if (this.peek().typ === T.Field) {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === T.Field) fields.push(this.next().val.slice(1));
      switch (node.type) {
        case "field":
          node = { type: "field", pos, tree: this.tree, ident: [...node.ident, ...fields] };
          break;
        case "variable":
          node = { type: "variable", pos, tree: this.tree, ident: [...node.ident, ...fields] };
          break;
        case "bool":
        case "string":
        case "number":
        case "nil":
        case "dot":
          this.errorf(`unexpected . after term ${goQuote(nodeString(node))}`);
          break;
        default:
          node = { type: "chain", pos, tree: this.tree, node, field: fields };
      }
    }
    return node;
  }

  private term(): ArgNode | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Identifier:
        if (!this.hasFunction(token.val)) this.errorf(`function ${goQuote(token.val)} not defined`);
        return { type: "identifier", pos: token.pos, tree: this.tree, ident: token.val };
      case T.Dot:
        return { type: "dot", pos: token.pos, tree: this.tree };
      case T.Nil:
        return { type: "nil", pos: token.pos, tree: this.tree };
      case T.Variable:
        return this.useVar(token.pos, token.val);
      case T.Field:
        return {
          type: "field",
          pos: token.pos,
          tree: this.tree,
          ident: token.val.slice(1).split("."),
        };
      case T.Bool:
        return { type: "bool", pos: token.pos, tree: this.tree, value: token.val === "true" };
      case T.CharConstant:
      case T.Complex:
      case T.Number: {
        const n = newNumber(token.pos, this.tree, token.val, token.typ);
        if (typeof n === "string") this.errorf(n);
        return n;
      }
      case T.LeftParen: {
        if (this.stackDepth >= MAX_STACK_DEPTH) this.errorf("max expression depth exceeded");
        this.stackDepth++;
        try {
          return this.pipeline("parenthesized pipeline", T.RightParen);
        } finally {
          this.stackDepth--;
        }
      }
      case T.String:
      case T.RawString:
        return {
          type: "string",
          pos: token.pos,
          tree: this.tree,
          quoted: token.val,
          text: this.unquote(token.val),
        };
    }
    this.backup();
    return null;
  }

  private unquote(s: string): string {
    const r = goUnquote(s);
    if (r === undefined) this.errorf("invalid syntax");
    return r;
  }

  private newVariable(pos: number, ident: string): VariableNode {
    return { type: "variable", pos, tree: this.tree, ident: ident.split(".") };
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = this.newVariable(pos, name);
    const name0 = v.ident[0]!;
    if (!this.vars.includes(name0)) this.errorf(`undefined variable ${goQuote(name0)}`);
    return v;
  }

  private newList(pos: number): ListNode {
    return { type: "list", pos, tree: this.tree, nodes: [] };
  }
}

/** parse.IsEmptyTree: nothing but space and comments (a redefinition like that replaces nothing). */
export function isEmptyTree(n: Node | undefined): boolean {
  if (!n) return true;
  switch (n.type) {
    case "comment":
      return true;
    case "list":
      return n.nodes.every(isEmptyTree);
    case "text":
      return n.text.trim().length === 0;
    default:
      return false;
  }
}

// ---------- Go literal syntax (strconv.Unquote / UnquoteChar / ParseInt / ParseFloat) ----------

/** strconv.Unquote for "…" and `…` literals; undefined = invalid syntax. */
export function goUnquote(s: string): string | undefined {
  if (s.length < 2) return undefined;
  const q = s[0];
  if (q !== s[s.length - 1]) return undefined;
  const body = s.slice(1, -1);
  if (q === "`") {
    if (body.includes("`")) return undefined;
    return body.includes("\r") ? body.replace(/\r/g, "") : body;
  }
  if (q !== '"') return undefined;
  if (!body.includes("\\") && !body.includes('"') && !body.includes("\n")) return body;
  let out = "";
  let rest = body;
  while (rest.length > 0) {
    const r = unquoteChar(rest, '"');
    if (!r) return undefined;
    out += r.value;
    rest = rest.slice(r.consumed);
  }
  return out;
}

/** strconv.UnquoteChar: the first (possibly escaped) character of s. */
export function unquoteChar(
  s: string,
  quote: string,
): { value: string; code: number; consumed: number } | undefined {
  const c = s.codePointAt(0)!;
  const ch = String.fromCodePoint(c);
  if (ch === quote && (quote === "'" || quote === '"')) return undefined;
  if (ch === "\n") return undefined;
  if (ch !== "\\") return { value: ch, code: c, consumed: ch.length };
  if (s.length <= 1) return undefined;
  const e = s[1]!;
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92 };
  const sv = simple[e];
  if (sv !== undefined) return { value: String.fromCharCode(sv), code: sv, consumed: 2 };
  if (e === "'" || e === '"') {
    if (e !== quote) return undefined;
    return { value: e, code: e.charCodeAt(0), consumed: 2 };
  }
  if (e === "x" || e === "u" || e === "U") {
    const n = e === "x" ? 2 : e === "u" ? 4 : 8;
    const hex = s.slice(2, 2 + n);
    if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
    const v = parseInt(hex, 16);
    if (e === "x") {
      // A \x byte inside a string is a raw byte; bytes ≥ 0x80 cannot be represented in a JS
      // string faithfully, so they come through as the Latin-1 character of that value.
      return { value: String.fromCharCode(v), code: v, consumed: 2 + n };
    }
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
    return { value: String.fromCodePoint(v), code: v, consumed: 2 + n };
  }
  if (e >= "0" && e <= "7") {
    const oct = s.slice(1, 4);
    if (!/^[0-7]{3}$/.test(oct)) return undefined;
    const v = parseInt(oct, 8);
    if (v > 255) return undefined;
    return { value: String.fromCharCode(v), code: v, consumed: 4 };
  }
  return undefined;
}

const MAX_U64 = (1n << 64n) - 1n;
const MAX_I64 = (1n << 63n) - 1n;
const MIN_I64 = -(1n << 63n);

/** strconv.ParseUint(s, 0, 64) / ParseInt(s, 0, 64); undefined on any error. */
function parseGoInteger(text: string, signed: boolean): bigint | undefined {
  let s = text;
  let neg = false;
  if (signed && (s[0] === "+" || s[0] === "-")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s.length === 0) return undefined;
  let base = 10;
  let digits = s;
  if (s[0] === "0") {
    if (s.length >= 3 && (s[1] === "x" || s[1] === "X")) {
      base = 16;
      digits = s.slice(2);
    } else if (s.length >= 3 && (s[1] === "o" || s[1] === "O")) {
      base = 8;
      digits = s.slice(2);
    } else if (s.length >= 3 && (s[1] === "b" || s[1] === "B")) {
      base = 2;
      digits = s.slice(2);
    } else {
      base = 8;
      digits = s.slice(1);
      if (digits.length === 0) return 0n;
    }
  }
  if (digits.includes("_")) {
    if (!underscoreOK(s)) return undefined;
    digits = digits.replace(/_/g, "");
  }
  if (digits.length === 0) return undefined;
  const valid =
    base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return undefined;
  const prefix = base === 16 ? "0x" : base === 8 ? "0o" : base === 2 ? "0b" : "";
  let v = BigInt(prefix + digits);
  if (neg) v = -v;
  if (signed ? v < MIN_I64 || v > MAX_I64 : v > MAX_U64) return undefined;
  return v;
}

/** strconv.ParseFloat(s, 64) for the forms the lexer lets through; undefined on error. */
function parseGoFloat(text: string): number | undefined {
  let s = text;
  if (s.includes("_")) {
    if (!underscoreOK(s)) return undefined;
    s = s.replace(/_/g, "");
  }
  let v: number;
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(s);
  if (hex) {
    const [, sign, int = "", frac = "", exp = "0"] = hex;
    if (int.length + frac.length === 0) return undefined;
    const mant = BigInt("0x" + (int + frac || "0"));
    v = Number(mant) * Math.pow(2, Number(exp) - 4 * frac.length);
    if (sign === "-") v = -v;
  } else {
    if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) return undefined;
    v = Number(s);
  }
  if (!Number.isFinite(v)) return undefined;
  return v;
}

/** parse.newNumber: a number node or Go's error text. */
export function newNumber(pos: number, tree: Tree, text: string, typ: T): NumberNode | string {
  const n: NumberNode = {
    type: "number",
    pos,
    tree,
    text,
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int64: 0,
    uint64: 0,
    float64: 0,
    real: 0,
    imag: 0,
  };
  if (typ === T.CharConstant) {
    const r = unquoteChar(text.slice(1), "'");
    if (!r) return "invalid syntax";
    if (text.slice(1 + r.consumed) !== "'") return `malformed character constant: ${text}`;
    n.int64 = n.uint64 = n.float64 = r.code;
    n.isInt = n.isUint = n.isFloat = true;
    return n;
  }
  if (typ === T.Complex) {
    const m = /^([+-]?[^+-]*(?:[eEpP][+-][^+-]*)?)([+-].*)i$/.exec(text);
    const re = m ? parseGoFloat(m[1]!) : undefined;
    const im = m ? parseGoFloat(m[2]!) : undefined;
    if (re === undefined || im === undefined) return "expected integer";
    n.isComplex = true;
    simplifyComplex(n, re, im);
    return n;
  }
  if (text.endsWith("i")) {
    const f = parseGoFloat(text.slice(0, -1));
    if (f !== undefined) {
      n.isComplex = true;
      simplifyComplex(n, 0, f);
      return n;
    }
  }
  const u = parseGoInteger(text, false);
  if (u !== undefined) {
    n.isUint = true;
    n.uint64 = Number(u);
  }
  const i = parseGoInteger(text, true);
  if (i !== undefined) {
    n.isInt = true;
    n.int64 = Number(i);
    if (i === 0n) {
      n.isUint = true;
      n.uint64 = 0;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = n.int64;
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = n.uint64;
  } else {
    const f = parseGoFloat(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      n.isFloat = true;
      n.float64 = f;
      if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
        n.isInt = true;
        n.int64 = f === 0 ? 0 : f;
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        n.isUint = true;
        n.uint64 = f === 0 ? 0 : f;
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return n;
}

function simplifyComplex(n: NumberNode, re: number, im: number): void {
  n.real = re;
  n.imag = im;
  n.isFloat = im === 0;
  if (n.isFloat) {
    n.float64 = re;
    n.isInt = Number.isInteger(re) && re >= -(2 ** 63) && re < 2 ** 63;
    if (n.isInt) n.int64 = re === 0 ? 0 : re;
    n.isUint = Number.isInteger(re) && re >= 0 && re < 2 ** 64;
    if (n.isUint) n.uint64 = re === 0 ? 0 : re;
  }
}
