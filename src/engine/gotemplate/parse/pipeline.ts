/**
 * Pipelines and what they are made of (parse.go's pipeline, command, operand, term): variable
 * declarations, commands separated by `|`, and the operands of a command — fields, variables,
 * chains, constants, function names (checked against the FuncMap here, as Go fails parsing on an
 * undefined function) and parenthesized pipelines.
 */
import type { ArgNode, CommandNode, PipeNode, VariableNode } from "../ast.js";
import { goQuote, nodeString } from "../ast.js";
import type { Lexer } from "../lexer.js";
import { goUnquote, newNumber } from "./literals.js";
import { TokenReader } from "./tokenReader.js";
import { T } from "./tokens.js";

const MAX_STACK_DEPTH = 10000;
const MAX_PIPELINE_CMDS = 100000;

export class PipelineParser extends TokenReader {
  /** The variables in scope, innermost last (Go's lexical scoping). */
  protected vars: string[] = ["$"];
  private stackDepth = 0;

  constructor(
    name: string,
    parseName: string,
    text: string,
    lex: Lexer,
    protected readonly hasFunction: (name: string) => boolean,
  ) {
    super(name, parseName, text, lex);
  }

  protected pipeline(context: string, end: T): PipeNode {
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

  protected unquote(s: string): string {
    const r = goUnquote(s);
    if (r === undefined) this.errorf("invalid syntax");
    return r;
  }

  protected newVariable(pos: number, ident: string): VariableNode {
    return { type: "variable", pos, tree: this.tree, ident: ident.split(".") };
  }

  private useVar(pos: number, name: string): VariableNode {
    const v = this.newVariable(pos, name);
    const name0 = v.ident[0]!;
    if (!this.vars.includes(name0)) this.errorf(`undefined variable ${goQuote(name0)}`);
    return v;
  }
}
