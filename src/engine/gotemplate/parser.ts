/**
 * The template parser, a port of text/template/parse parse.go: builds one Tree per template
 * (the file's top level plus each define/block), checks function names against the FuncMap at
 * parse time (Go fails parsing on an undefined function) and variable names against Go's
 * lexical scoping, and fails with Go's exact messages (`template: NAME:LINE: MSG`).
 */
import type {
  BranchNode,
  ElseNode,
  EndNode,
  ListNode,
  Node,
  PipeNode,
  TemplateNode,
  Tree,
} from "./ast.js";
import { goQuote, nodeString } from "./ast.js";
import { Lexer } from "./lexer.js";
import { PipelineParser } from "./parse/pipeline.js";
import { T, type Item } from "./parse/tokens.js";

export { TemplateParseError } from "./parse/tokenReader.js";

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

/** The structure of a template: text, actions, control structures and define/block bodies. */
class Parser extends PipelineParser {
  private rangeDepth = 0;

  constructor(
    name: string,
    parseName: string,
    text: string,
    lex: Lexer,
    private readonly treeSet: Map<string, Tree>,
    hasFunction: (name: string) => boolean,
  ) {
    super(name, parseName, text, lex, hasFunction);
  }

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
