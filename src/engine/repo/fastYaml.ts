/**
 * A fast reader for the plain block-style YAML that index.yaml files are
 * written in (by helm, by `wheelhouse repo index`, by chart-releaser): block
 * maps and sequences, plain / single-quoted / double-quoted one-line scalars,
 * literal and folded block scalars, `[]` and `{}`. The general `yaml` parser
 * takes seconds on a 10,000-entry index; this takes tens of milliseconds.
 *
 * It never guesses: anything outside that subset (anchors, aliases, tags,
 * flow collections, multi-line flow scalars, duplicate keys, tabs, …) throws
 * Unsupported, and the caller falls back to the full parser, so both paths
 * give the same value for every document this one accepts.
 */
export class Unsupported extends Error {}

interface Line {
  indent: number;
  /** Text after the indentation, without a trailing \r. */
  text: string;
  /** 1-based line number, for debugging. */
  number: number;
}

const unsupported = (why: string): never => {
  throw new Unsupported(why);
};

export function parseSimpleYaml(source: string): unknown {
  const raw = source.split("\n");
  const lines: Line[] = new Array<Line>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    let text = raw[i]!;
    if (text.endsWith("\r")) text = text.slice(0, -1);
    let indent = 0;
    while (indent < text.length && text.charCodeAt(indent) === 32) indent++;
    if (text.charCodeAt(indent) === 9) unsupported("tab indentation");
    lines[i] = { indent, text: text.slice(indent), number: i + 1 };
  }
  const reader = new Reader(lines);
  reader.skipBlank();
  if (reader.peek()?.text === "---" && reader.peek()!.indent === 0) {
    reader.next();
    reader.skipBlank();
  }
  const first = reader.peek();
  if (!first) return null;
  if (first.text.startsWith("%")) unsupported("directive");
  const value = reader.node(first.indent);
  reader.skipBlank();
  if (reader.peek()) unsupported(`unexpected content at line ${reader.peek()!.number}`);
  return value;
}

class Reader {
  private i = 0;
  constructor(private readonly lines: Line[]) {}

  peek(): Line | undefined {
    return this.lines[this.i];
  }

  next(): Line {
    return this.lines[this.i++]!;
  }

  /** Skips empty lines and comment lines. */
  skipBlank(): void {
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.text === "" || line.text.startsWith("#")) this.i++;
      else break;
    }
  }

  /** A block node whose first line is the current one, at exactly `indent`. */
  node(indent: number): unknown {
    const line = this.peek()!;
    if (line.text === "---" || line.text === "...") unsupported("more than one document");
    if (isSequenceItem(line.text)) return this.sequence(indent);
    return this.mapping(indent);
  }

  sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      this.skipBlank();
      const line = this.peek();
      if (!line || line.indent < indent) break;
      if (line.indent > indent) unsupported(`bad indentation at line ${line.number}`);
      if (!isSequenceItem(line.text)) break;
      this.next();
      const rest = line.text === "-" ? "" : line.text.slice(2);
      const restTrim = rest.replace(/^ +/, "");
      const itemIndent = indent + 2 + (rest.length - restTrim.length);
      if (restTrim === "" || restTrim.startsWith("#")) {
        this.skipBlank();
        const nextLine = this.peek();
        if (nextLine && nextLine.indent > indent) out.push(this.node(nextLine.indent));
        else out.push(null);
        continue;
      }
      if (isSequenceItem(restTrim)) unsupported("nested compact sequence");
      const key = splitKey(restTrim);
      if (key) {
        // "- key: value" starts a mapping whose keys sit at itemIndent.
        this.i--;
        this.lines[this.i] = { indent: itemIndent, text: restTrim, number: line.number };
        out.push(this.mapping(itemIndent));
        continue;
      }
      out.push(this.inlineValue(restTrim, indent, line.number));
    }
    return out;
  }

  mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (;;) {
      this.skipBlank();
      const line = this.peek();
      if (!line || line.indent < indent) break;
      if (line.indent > indent) unsupported(`bad indentation at line ${line.number}`);
      if (isSequenceItem(line.text)) break;
      const split = splitKey(line.text);
      if (!split) unsupported(`not a "key: value" line at ${line.number}`);
      const { key, rest } = split!;
      if (Object.prototype.hasOwnProperty.call(out, key)) unsupported(`duplicate key ${key}`);
      this.next();
      if (rest === "" || rest.startsWith("#")) {
        this.skipBlank();
        const nextLine = this.peek();
        if (nextLine && nextLine.indent > indent) out[key] = this.node(nextLine.indent);
        else if (nextLine && nextLine.indent === indent && isSequenceItem(nextLine.text))
          out[key] = this.sequence(indent);
        else out[key] = null;
      } else {
        out[key] = this.inlineValue(rest, indent, line.number);
      }
    }
    return out;
  }

  /** A value on the same line as its key or dash; `indent` is the parent's. */
  inlineValue(text: string, indent: number, number: number): unknown {
    const c = text[0]!;
    if (c === "|" || c === ">") return this.blockScalar(text, indent);
    let value: unknown;
    if (c === '"') value = doubleQuoted(text);
    else if (c === "'") value = singleQuoted(text);
    else if (text === "[]" || /^\[\s*\]\s*(#.*)?$/.test(text)) value = [];
    else if (text === "{}" || /^\{\s*\}\s*(#.*)?$/.test(text)) value = {};
    else value = plainScalar(text);
    // A following line indented deeper would continue a multi-line scalar.
    this.skipBlank();
    const following = this.peek();
    if (following && following.indent > indent) unsupported(`multi-line scalar at line ${number}`);
    return value;
  }

  blockScalar(header: string, indent: number): string {
    const m = /^([|>])([-+]?)\s*(#.*)?$/.exec(header);
    if (!m) unsupported("block scalar header");
    const folded = m![1] === ">";
    const chomp = m![2];
    const body: string[] = [];
    let contentIndent = -1;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      if (line.text === "") {
        // Spaces beyond the content indentation on an empty line are content.
        if (contentIndent !== -1 && line.indent > contentIndent) {
          if (folded) unsupported("whitespace line in a folded scalar");
          body.push(" ".repeat(line.indent - contentIndent));
        } else if (contentIndent === -1 && line.indent > indent + 1) {
          unsupported("leading whitespace line in a block scalar");
        } else body.push("");
        this.i++;
        continue;
      }
      if (line.indent <= indent) break;
      if (contentIndent === -1) contentIndent = line.indent;
      if (line.indent < contentIndent) unsupported("less-indented block scalar line");
      body.push(" ".repeat(line.indent - contentIndent) + line.text);
      this.i++;
    }
    // Blank lines at the end belong to the scalar only for chomping.
    let trailing = 0;
    while (body.length > 0 && body[body.length - 1] === "") {
      body.pop();
      trailing++;
    }
    if (contentIndent === -1) return chomp === "+" ? "\n".repeat(trailing) : "";
    let text: string;
    if (!folded) text = body.join("\n");
    else {
      if (body.some((l) => l.startsWith(" "))) unsupported("more-indented folded line");
      text = "";
      let pendingBreaks = 0;
      for (let k = 0; k < body.length; k++) {
        const l = body[k]!;
        if (l === "") {
          pendingBreaks++;
          continue;
        }
        if (k > 0) text += pendingBreaks > 0 ? "\n".repeat(pendingBreaks) : " ";
        pendingBreaks = 0;
        text += l;
      }
    }
    if (chomp === "-") return text;
    if (chomp === "+") return `${text}\n${"\n".repeat(trailing)}`;
    return `${text}\n`;
  }
}

function isSequenceItem(text: string): boolean {
  return text === "-" || text.startsWith("- ");
}

/** "key: rest" → {key, rest}, for plain and quoted keys; undefined when the line has no key. */
function splitKey(text: string): { key: string; rest: string } | undefined {
  let key: string;
  let after: string;
  const c = text[0];
  if (c === '"' || c === "'") {
    const end = c === '"' ? closingDouble(text) : closingSingle(text);
    if (end < 0) return undefined;
    const quoted = text.slice(0, end + 1);
    after = text.slice(end + 1);
    if (!after.startsWith(":")) return undefined;
    key = c === '"' ? (doubleQuoted(quoted) as string) : (singleQuoted(quoted) as string);
    after = after.slice(1);
  } else {
    const colon = text.search(/:( |$)/);
    if (colon <= 0) return undefined;
    key = text.slice(0, colon);
    after = text.slice(colon + 1);
    if (/^[[\]{}&*!|>%@`?#,]/.test(key) || key.includes(" #")) unsupported(`key ${key}`);
    if (key !== key.replace(/[ \t]+$/, "")) unsupported("space before colon");
    const resolved = plainScalar(key);
    if (typeof resolved !== "string") unsupported(`non-string key ${key}`);
  }
  if (after !== "" && !after.startsWith(" ")) return undefined;
  if (key === "<<" || key === "__proto__") unsupported(`key ${key}`);
  return { key, rest: after.replace(/^[ \t]+|[ \t]+$/g, "") };
}

function closingDouble(text: string): number {
  for (let k = 1; k < text.length; k++) {
    const ch = text[k];
    if (ch === "\\") k++;
    else if (ch === '"') return k;
  }
  return -1;
}

function closingSingle(text: string): number {
  for (let k = 1; k < text.length; k++) {
    if (text[k] === "'") {
      if (text[k + 1] === "'") k++;
      else return k;
    }
  }
  return -1;
}

function trailingOk(rest: string): void {
  if (rest !== "" && !/^\s+(#.*)?$/.test(rest)) unsupported("text after a quoted scalar");
}

const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  "\t": "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};

function doubleQuoted(text: string): string {
  const end = closingDouble(text);
  if (end < 0) unsupported("multi-line double-quoted scalar");
  trailingOk(text.slice(end + 1));
  const body = text.slice(1, end);
  if (!body.includes("\\")) return body;
  let out = "";
  for (let k = 0; k < body.length; k++) {
    const ch = body[k]!;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const e = body[++k]!;
    if (e in ESCAPES) out += ESCAPES[e];
    else if (e === "x" || e === "u" || e === "U") {
      const len = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(k + 1, k + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) unsupported("bad escape");
      out += String.fromCodePoint(parseInt(hex, 16));
      k += len;
    } else unsupported(`escape \\${e}`);
  }
  return out;
}

function singleQuoted(text: string): string {
  const end = closingSingle(text);
  if (end < 0) unsupported("multi-line single-quoted scalar");
  trailingOk(text.slice(end + 1));
  return text.slice(1, end).replace(/''/g, "'");
}

const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** A plain scalar resolved with the YAML 1.2 core schema, as the `yaml` package does by default. */
function plainScalar(text: string): unknown {
  let value = text;
  const comment = value.indexOf(" #");
  if (comment >= 0) value = value.slice(0, comment);
  value = value.replace(/[ \t]+$/, "");
  if (value === "") return null;
  if (/^[[\]{}&*!|>'"%@`,#]/.test(value) || /^[-?:](\s|$)/.test(value))
    unsupported(`plain scalar ${value}`);
  if (value.includes(": ") || value.endsWith(":")) unsupported(`plain scalar ${value}`);
  if (value.includes("\t")) unsupported("tab in a plain scalar");
  switch (value) {
    case "~":
    case "null":
    case "Null":
    case "NULL":
      return null;
    case "true":
    case "True":
    case "TRUE":
      return true;
    case "false":
    case "False":
    case "FALSE":
      return false;
    case ".inf":
    case ".Inf":
    case ".INF":
    case "+.inf":
    case "+.Inf":
    case "+.INF":
      return Infinity;
    case "-.inf":
    case "-.Inf":
    case "-.INF":
      return -Infinity;
    case ".nan":
    case ".NaN":
    case ".NAN":
      return NaN;
  }
  const c = value.charCodeAt(0);
  const numeric = (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
  if (!numeric) return value;
  if (INT.test(value)) {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) unsupported("big integer");
    return n;
  }
  if (/^0o[0-7]+$/.test(value) || /^0x[0-9a-fA-F]+$/.test(value)) unsupported("octal/hex");
  if (FLOAT.test(value)) return Number(value);
  return value;
}
