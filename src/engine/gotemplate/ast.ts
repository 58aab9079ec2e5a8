/**
 * The parse tree of a Go template (text/template/parse node.go). Every node keeps its offset in
 * the text it was parsed from and that text's tree, so an execution error can name the file and
 * line:col where the node was written (a define in _helpers.tpl reports _helpers.tpl), and every
 * node prints back as Go's String() does, which is what error messages quote (`at <.Values.a.b>`).
 */

/** One parsed template (a file's top level or a define/block body). */
export interface Tree {
  /** The template's name (file name or define name). */
  name: string;
  /** The name of the file being parsed when this tree was made; errors cite it. */
  parseName: string;
  /** The whole text parsed (positions index into it). */
  text: string;
  root: ListNode;
}

interface Base {
  /** UTF-16 offset into tree.text. */
  pos: number;
  tree: Tree;
}

export interface ListNode extends Base {
  type: "list";
  nodes: Node[];
}
export interface TextNode extends Base {
  type: "text";
  text: string;
}
export interface CommentNode extends Base {
  type: "comment";
  text: string;
}
export interface PipeNode extends Base {
  type: "pipe";
  line: number;
  isAssign: boolean;
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface ActionNode extends Base {
  type: "action";
  line: number;
  pipe: PipeNode;
}
export interface CommandNode extends Base {
  type: "command";
  args: ArgNode[];
}
export interface IdentifierNode extends Base {
  type: "identifier";
  ident: string;
}
export interface VariableNode extends Base {
  type: "variable";
  /** "$x" then the field names: `$x.a.b` is ["$x", "a", "b"]. */
  ident: string[];
}
export interface DotNode extends Base {
  type: "dot";
}
export interface NilNode extends Base {
  type: "nil";
}
export interface FieldNode extends Base {
  type: "field";
  /** `.a.b` is ["a", "b"]. */
  ident: string[];
}
export interface ChainNode extends Base {
  type: "chain";
  node: ArgNode;
  field: string[];
}
export interface BoolNode extends Base {
  type: "bool";
  value: boolean;
}
/** A number constant, stored under every Go type that can represent it (Go's ideal constants). */
export interface NumberNode extends Base {
  type: "number";
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int64: number;
  uint64: number;
  float64: number;
  /** The parts of a complex constant (isComplex). */
  real: number;
  imag: number;
  text: string;
}
export interface StringNode extends Base {
  type: "string";
  quoted: string;
  text: string;
}
export interface BranchNode extends Base {
  type: "if" | "range" | "with";
  line: number;
  pipe: PipeNode;
  list: ListNode;
  elseList: ListNode | null;
}
export interface TemplateNode extends Base {
  type: "template";
  line: number;
  name: string;
  pipe: PipeNode | null;
}
export interface BreakNode extends Base {
  type: "break";
  line: number;
}
export interface ContinueNode extends Base {
  type: "continue";
  line: number;
}
/** Parser-internal: `{{end}}` and `{{else}}` never reach a finished tree. */
export interface EndNode extends Base {
  type: "end";
}
export interface ElseNode extends Base {
  type: "else";
  line: number;
}

/** What can stand as a command's argument. */
export type ArgNode =
  | IdentifierNode
  | VariableNode
  | DotNode
  | NilNode
  | FieldNode
  | ChainNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export type Node =
  | ListNode
  | TextNode
  | CommentNode
  | ActionNode
  | CommandNode
  | BranchNode
  | TemplateNode
  | BreakNode
  | ContinueNode
  | EndNode
  | ElseNode
  | ArgNode;

/** Go's node String(): the source form error messages quote. */
export function nodeString(n: Node): string {
  const parts: string[] = [];
  writeNode(n, parts);
  return parts.join("");
}

function writeNode(n: Node, sb: string[]): void {
  switch (n.type) {
    case "list":
      for (const c of n.nodes) writeNode(c, sb);
      return;
    case "text":
      sb.push(n.text);
      return;
    case "comment":
      sb.push("{{", n.text, "}}");
      return;
    case "pipe":
      if (n.decl.length > 0) {
        n.decl.forEach((v, i) => {
          if (i > 0) sb.push(", ");
          writeNode(v, sb);
        });
        sb.push(" := ");
      }
      n.cmds.forEach((c, i) => {
        if (i > 0) sb.push(" | ");
        writeNode(c, sb);
      });
      return;
    case "action":
      sb.push("{{");
      writeNode(n.pipe, sb);
      sb.push("}}");
      return;
    case "command":
      n.args.forEach((a, i) => {
        if (i > 0) sb.push(" ");
        if (a.type === "pipe") {
          sb.push("(");
          writeNode(a, sb);
          sb.push(")");
        } else writeNode(a, sb);
      });
      return;
    case "identifier":
      sb.push(n.ident);
      return;
    case "variable":
      sb.push(n.ident.join("."));
      return;
    case "dot":
      sb.push(".");
      return;
    case "nil":
      sb.push("nil");
      return;
    case "field":
      for (const id of n.ident) sb.push(".", id);
      return;
    case "chain":
      if (n.node.type === "pipe") {
        sb.push("(");
        writeNode(n.node, sb);
        sb.push(")");
      } else writeNode(n.node, sb);
      for (const f of n.field) sb.push(".", f);
      return;
    case "bool":
      sb.push(n.value ? "true" : "false");
      return;
    case "number":
      sb.push(n.text);
      return;
    case "string":
      sb.push(n.quoted);
      return;
    case "if":
    case "range":
    case "with":
      sb.push("{{", n.type, " ");
      writeNode(n.pipe, sb);
      sb.push("}}");
      writeNode(n.list, sb);
      if (n.elseList) {
        sb.push("{{else}}");
        writeNode(n.elseList, sb);
      }
      sb.push("{{end}}");
      return;
    case "template":
      sb.push("{{template ", goQuote(n.name));
      if (n.pipe) {
        sb.push(" ");
        writeNode(n.pipe, sb);
      }
      sb.push("}}");
      return;
    case "break":
      sb.push("{{break}}");
      return;
    case "continue":
      sb.push("{{continue}}");
      return;
    case "end":
      sb.push("{{end}}");
      return;
    case "else":
      sb.push("{{else}}");
      return;
  }
}

/**
 * A Go source location of a node: "NAME:LINE:COL" where COL is the 0-based byte offset in its
 * line, as parse.Tree.ErrorContext computes it.
 */
export function nodeLocation(n: Node): { parseName: string; line: number; col: number } {
  const text = n.tree.text;
  const before = text.slice(0, n.pos);
  const nl = before.lastIndexOf("\n");
  let line = 1;
  for (let i = before.indexOf("\n"); i !== -1; i = before.indexOf("\n", i + 1)) line++;
  const lineText = nl === -1 ? before : before.slice(nl + 1);
  return { parseName: n.tree.parseName, line, col: utf8Length(lineText) };
}

export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Go's strconv.Quote (used by %q in error messages and {{template "x"}}'s String()). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (c === 0xfffd && ch !== "\ufffd") out += "\\ufffd";
    else if (isGoPrint(c)) out += ch;
    else if (c < 0x80) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c < 0x10000) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += "\\U" + c.toString(16).padStart(8, "0");
  }
  return out + '"';
}

const NON_PRINT = /[\p{C}\p{Z}]/u;
/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrint(c: number): boolean {
  if (c === 0x20) return true;
  if (c < 0x20 || c === 0x7f) return false;
  if (c < 0x7f) return true;
  return !NON_PRINT.test(String.fromCodePoint(c));
}
