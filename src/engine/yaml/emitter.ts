/**
 * libyaml's emitter as goyaml ports it (emitterc.go), for the events a marshaller produces: block
 * and flow collections and scalars in one implicit document. Ported on Unicode code points (the
 * Go code walks UTF-8 bytes; columns count characters in both). The quirks that decide helm's
 * output are all here: lines folded at spaces past column 80, `- ` items not indented under a
 * key (yaml.v2), keys over 128 bytes written as `? key`, chomping indicators `|-`/`|+`, which
 * characters force double quotes (tabs, C0/C1 controls, characters outside the BMP).
 */
import {
  analyzeScalar,
  codePoints,
  isBlank,
  isBlankz,
  isBreak,
  isPrintable,
  utf8Length,
} from "./scalarAnalysis.js";

export type ScalarStyle = "plain" | "single" | "double" | "literal" | "folded";

export type YamlNode =
  | { kind: "scalar"; value: string; style: ScalarStyle; tag?: string }
  | { kind: "seq"; items: YamlNode[] }
  | { kind: "map"; pairs: [YamlNode, YamlNode][] };

export type YamlScalar = Extract<YamlNode, { kind: "scalar" }>;

export interface EmitterOptions {
  /** Indentation step (2 by default; yaml.v3's SetIndent). */
  indent?: number;
  /** yaml.v3 differences: sequences indented under keys unless compact, width handling. */
  v3?: boolean;
}
const HEX = "0123456789ABCDEF";

class Emitter {
  private readonly out: string[] = [];
  private readonly bestIndent: number;
  /** Lines are folded past this column (yaml.v2: 80; yaml.v3's encoder sets no limit). */
  private readonly bestWidth: number;
  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private column = 0;
  private whitespace = true;
  private indention = true;
  private rootContext = false;
  private sequenceContext = false;
  private mappingContext = false;
  private simpleKeyContext = false;

  constructor(private readonly opts: EmitterOptions) {
    const indent = opts.indent ?? 2;
    this.bestIndent = indent < 2 || indent > 9 ? 2 : indent;
    this.bestWidth = opts.v3 ? Infinity : 80;
  }

  document(node: YamlNode): string {
    this.node(node, true, false, false, false);
    this.writeIndent(); // DOCUMENT-END
    return this.out.join("");
  }

  // --- output primitives -------------------------------------------------------------------

  private put(s: string): void {
    this.out.push(s);
    this.column++;
  }
  private putBreak(): void {
    this.out.push("\n");
    this.column = 0;
  }
  private writeChar(c: number): void {
    this.out.push(String.fromCodePoint(c));
    this.column++;
  }
  /** write_break: a line break character from the value. */
  private writeBreak(c: number): void {
    if (c === 0x0a) this.putBreak();
    else {
      this.writeChar(c);
      this.column = 0;
    }
  }
  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    if (this.column < indent) {
      this.out.push(" ".repeat(indent - this.column));
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }
  private writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) this.put(" ");
    this.out.push(indicator);
    this.column += indicator.length;
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }
  /** Whether the node being emitted is an item of a block sequence (yaml.v3's states-stack test). */
  private inSequenceItem = false;

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? this.bestIndent : 0;
    else if (!indentless) {
      if (!this.opts.v3) this.indent += this.bestIndent;
      // yaml.v3: inside a sequence item skip the "- "; elsewhere align to the indentation step.
      else if (this.inSequenceItem) this.indent += 2;
      else {
        this.indent =
          this.bestIndent * Math.floor((this.indent + this.bestIndent) / this.bestIndent);
      }
    }
  }
  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  // --- nodes --------------------------------------------------------------------------------

  private node(
    node: YamlNode,
    root: boolean,
    sequence: boolean,
    mapping: boolean,
    simpleKey: boolean,
  ): void {
    this.rootContext = root;
    this.inSequenceItem = sequence && this.inSequenceItem && this.flowLevel === 0;
    this.sequenceContext = sequence;
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    if (node.kind === "scalar") return this.scalar(node);
    if (node.kind === "seq") {
      if (this.flowLevel > 0 || node.items.length === 0) return this.flowSequence(node.items);
      return this.blockSequence(node.items);
    }
    if (this.flowLevel > 0 || node.pairs.length === 0) return this.flowMapping(node.pairs);
    return this.blockMapping(node.pairs);
  }

  private blockSequence(items: YamlNode[]): void {
    // yaml.v2: a sequence that is a mapping value is not indented ("indentless"); yaml.v3 indents it.
    const indentless = this.opts.v3 ? false : this.mappingContext && !this.indention;
    this.increaseIndent(false, indentless);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator("-", true, false, true);
      this.inSequenceItem = true;
      this.node(item, false, true, false, false);
    }
    this.popIndent();
  }

  private blockMapping(pairs: [YamlNode, YamlNode][]): void {
    this.increaseIndent(false, false);
    for (const [key, value] of pairs) {
      this.writeIndent();
      if (this.isSimpleKey(key)) {
        this.node(key, false, false, true, true);
        this.writeIndicator(":", false, false, false);
      } else {
        this.writeIndicator("?", true, false, true);
        this.node(key, false, false, true, false);
        this.writeIndent();
        this.writeIndicator(":", true, false, true);
      }
      this.node(value, false, false, true, false);
    }
    this.popIndent();
  }

  private flowSequence(items: YamlNode[]): void {
    this.writeIndicator("[", true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    items.forEach((item, i) => {
      if (i > 0) this.writeIndicator(",", false, false, false);
      if (this.column > this.bestWidth) this.writeIndent();
      this.node(item, false, true, false, false);
    });
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator("]", false, false, false);
  }

  private flowMapping(pairs: [YamlNode, YamlNode][]): void {
    this.writeIndicator("{", true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    pairs.forEach(([key, value], i) => {
      if (i > 0) this.writeIndicator(",", false, false, false);
      if (this.column > this.bestWidth) this.writeIndent();
      if (this.isSimpleKey(key)) {
        this.node(key, false, false, true, true);
        this.writeIndicator(":", false, false, false);
      } else {
        this.writeIndicator("?", true, false, false);
        this.node(key, false, false, true, false);
        if (this.column > this.bestWidth) this.writeIndent();
        this.writeIndicator(":", true, false, false);
      }
      this.node(value, false, false, true, false);
    });
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator("}", false, false, false);
  }

  private isSimpleKey(key: YamlNode): boolean {
    if (key.kind === "seq") return key.items.length === 0;
    if (key.kind === "map") return key.pairs.length === 0;
    const cps = codePoints(key.value);
    if (analyzeScalar(cps).multiline) return false;
    return utf8Length(cps) + (key.tag?.length ?? 0) <= 128;
  }

  private scalar(node: { value: string; style: ScalarStyle; tag?: string }): void {
    const cps = codePoints(node.value);
    const a = analyzeScalar(cps);
    let style = node.style;
    if (this.simpleKeyContext && a.multiline) style = "double";
    if (style === "plain") {
      if ((this.flowLevel > 0 && !a.flowPlain) || (this.flowLevel === 0 && !a.blockPlain)) {
        style = "single";
      }
      if (cps.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = "single";
    }
    if (style === "single" && !a.singleQuoted) style = "double";
    if (style === "literal" || style === "folded") {
      if (!a.block || this.flowLevel > 0 || this.simpleKeyContext) style = "double";
    }
    if (node.tag !== undefined) {
      // An explicit tag (yaml.v3 writes `!!binary` before base64 data).
      this.writeIndicator(node.tag, true, false, false);
    }
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    switch (style) {
      case "plain":
        this.writePlain(cps, allowBreaks);
        break;
      case "single":
        this.writeSingle(cps, allowBreaks);
        break;
      case "double":
        this.writeDouble(cps, allowBreaks);
        break;
      case "literal":
        this.writeLiteral(cps);
        break;
      case "folded":
        this.writeFolded(cps);
        break;
    }
    this.popIndent();
  }

  private writePlain(v: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(" ");
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && v[i + 1] !== 0x20) {
          this.writeIndent();
        } else this.writeChar(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeChar(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(v: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (c === 0x20) {
        if (
          allowBreaks &&
          !spaces &&
          this.column > this.bestWidth &&
          i > 0 &&
          i < v.length - 1 &&
          v[i + 1] !== 0x20
        ) {
          this.writeIndent();
        } else this.writeChar(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.writeChar(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(v: number[], allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    // is_bom(value, i) looks at the start of the value, not at i: a leading BOM escapes everything.
    const bom = v[0] === 0xfeff;
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (!isPrintable(c) || bom || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put("\\");
        const e = ESCAPES.get(c);
        if (e !== undefined) this.put(e);
        else {
          const [letter, width] = c <= 0xff ? ["x", 2] : c <= 0xffff ? ["u", 4] : ["U", 8];
          this.put(letter);
          for (let k = (width - 1) * 4; k >= 0; k -= 4) this.put(HEX[(c >> k) & 0xf]!);
        }
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < v.length - 1) {
          this.writeIndent();
          if (v[i + 1] === 0x20) this.put("\\");
        } else this.writeChar(c);
        spaces = true;
      } else {
        this.writeChar(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private blockScalarHints(v: number[]): void {
    if (v[0] === 0x20 || (v.length > 0 && isBreak(v[0]!))) {
      this.writeIndicator(String(this.bestIndent), false, false, false);
    }
    let chomp = "";
    if (v.length === 0) chomp = "-";
    else if (!isBreak(v[v.length - 1]!)) chomp = "-";
    else if (v.length === 1) chomp = "+";
    else if (isBreak(v[v.length - 2]!)) chomp = "+";
    if (chomp) this.writeIndicator(chomp, false, false, false);
  }

  private writeLiteral(v: number[]): void {
    this.writeIndicator("|", true, false, false);
    this.blockScalarHints(v);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of v) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeChar(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  private writeFolded(v: number[]): void {
    this.writeIndicator(">", true, false, false);
    this.blockScalarHints(v);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    let leadingSpaces = true;
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (isBreak(c)) {
        if (!breaks && !leadingSpaces && c === 0x0a) {
          let k = 0;
          while (k < v.length && isBreak(v[k]!)) k++;
          if (!isBlankz(v[k])) this.putBreak();
        }
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          leadingSpaces = isBlank(c);
        }
        if (!breaks && c === 0x20 && v[i + 1] !== 0x20 && this.column > this.bestWidth) {
          this.writeIndent();
        } else this.writeChar(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

const ESCAPES = new Map<number, string>([
  [0x00, "0"],
  [0x07, "a"],
  [0x08, "b"],
  [0x09, "t"],
  [0x0a, "n"],
  [0x0b, "v"],
  [0x0c, "f"],
  [0x0d, "r"],
  [0x1b, "e"],
  [0x22, '"'],
  [0x5c, "\\"],
  [0x85, "N"],
  [0xa0, "_"],
  [0x2028, "L"],
  [0x2029, "P"],
]);

/** Emits one document holding `node`, as goyaml's Marshal does (ends with a line break). */
export function emitYaml(node: YamlNode, opts: EmitterOptions = {}): string {
  return new Emitter(opts).document(node);
}
