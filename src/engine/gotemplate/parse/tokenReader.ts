/**
 * The parser's reading end: Go's three-token look-ahead over the lexer, and its errors
 * (`template: NAME:LINE: MSG`), with a lex error inside an action citing where the action began.
 */
import type { ListNode, Tree } from "../ast.js";
import type { Lexer } from "../lexer.js";
import { T, itemString, type Item } from "./tokens.js";

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

export class TokenReader {
  readonly tree: Tree;
  private token: [Item, Item, Item];
  private peekCount = 0;
  /** The line of the action being parsed (0 between actions). */
  protected actionLine = 0;

  constructor(
    name: string,
    readonly parseName: string,
    readonly text: string,
    protected readonly lex: Lexer,
  ) {
    const blank: Item = { typ: T.EOF, pos: 0, val: "", line: 0 };
    this.token = [blank, blank, blank];
    this.tree = { name, parseName, text, root: undefined as unknown as ListNode };
  }

  protected next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount]!;
  }
  protected backup(): void {
    this.peekCount++;
  }
  protected backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  protected backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  protected peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1]!;
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  protected nextNonSpace(): Item {
    let token: Item;
    do token = this.next();
    while (token.typ === T.Space);
    return token;
  }
  protected peekNonSpace(): Item {
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

  protected expect(expected: T, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }

  protected expectOneOf(e1: T, e2: T, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== e1 && token.typ !== e2) this.unexpected(token, context);
    return token;
  }

  protected unexpected(token: Item, context: string): never {
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
}
