/**
 * helm's fromToml: BurntSushi/toml's decoder, TOML 1.0 into map[string]interface{} (int64 for
 * integers, float64 for floats).
 */
import { int64, type GoMap, type GoValue } from "../gotemplate/value.js";
import { isMap, TomlError } from "./toml.js";

type Table = { [key: string]: GoValue };

class TomlParser {
  i = 0;
  line = 1;
  lastKey = "";
  readonly root: Table = {};
  /** Tables defined by a header or by dotted keys (cannot be redefined), and arrays of tables. */
  private readonly defined = new Set<Table>();
  private readonly tableArrays = new Set<GoValue[]>();
  private readonly inlineTables = new Set<Table>();

  constructor(readonly s: string) {}

  fail(msg: string): never {
    const key = this.lastKey ? ` (last key "${this.lastKey}")` : "";
    throw new TomlError(`toml: line ${this.line}${key}: ${msg}`);
  }

  peek(): string | undefined {
    return this.s[this.i];
  }
  skipWs(): void {
    while (this.peek() === " " || this.peek() === "\t") this.i++;
  }
  skipComment(): void {
    if (this.peek() === "#") while (this.i < this.s.length && this.peek() !== "\n") this.i++;
  }
  /** Whitespace, newlines and comments (inside arrays). */
  skipAll(): void {
    for (;;) {
      this.skipWs();
      this.skipComment();
      if (this.peek() === "\n") {
        this.i++;
        this.line++;
      } else if (this.peek() === "\r" && this.s[this.i + 1] === "\n") {
        this.i += 2;
        this.line++;
      } else return;
    }
  }
  endOfLine(): void {
    this.skipWs();
    this.skipComment();
    if (this.i >= this.s.length) return;
    if (this.peek() === "\n" || (this.peek() === "\r" && this.s[this.i + 1] === "\n")) return;
    this.fail(
      `expected a top-level item to end with a newline, comment, or EOF, but got '${this.peek()}' instead`,
    );
  }

  parse(): Table {
    let current = this.root;
    for (;;) {
      this.skipAll();
      if (this.i >= this.s.length) return this.root;
      if (this.peek() === "[") {
        const array = this.s[this.i + 1] === "[";
        this.i += array ? 2 : 1;
        this.skipWs();
        const key = this.key();
        this.skipWs();
        if (this.s.slice(this.i, this.i + (array ? 2 : 1)) !== (array ? "]]" : "]")) {
          this.fail(`expected '${array ? "]]" : "]"}'`);
        }
        this.i += array ? 2 : 1;
        this.lastKey = key.join(".");
        current = array ? this.arrayTable(key) : this.headerTable(key);
        this.endOfLine();
        continue;
      }
      this.keyValue(current);
      this.endOfLine();
    }
  }

  private child(t: Table, k: string, forHeader: boolean): Table {
    const v = t[k];
    if (v === undefined) {
      const n: Table = {};
      t[k] = n;
      return n;
    }
    if (Array.isArray(v) && this.tableArrays.has(v)) return v[v.length - 1] as Table;
    if (!isMap(v) || this.inlineTables.has(v as Table)) {
      this.fail(`key "${k}" ${forHeader ? "is not a table" : "has already been defined"}`);
    }
    return v as Table;
  }

  private headerTable(key: string[]): Table {
    let t = this.root;
    key.slice(0, -1).forEach((k) => (t = this.child(t, k, true)));
    const last = key[key.length - 1]!;
    const existing = t[last];
    if (existing !== undefined && (!isMap(existing) || this.defined.has(existing as Table))) {
      this.fail(`table ${this.lastKey} already exists`);
    }
    const table = (existing as Table | undefined) ?? {};
    t[last] = table;
    this.defined.add(table);
    return table;
  }

  private arrayTable(key: string[]): Table {
    let t = this.root;
    key.slice(0, -1).forEach((k) => (t = this.child(t, k, true)));
    const last = key[key.length - 1]!;
    let arr = t[last];
    if (arr === undefined) {
      arr = [];
      this.tableArrays.add(arr);
      t[last] = arr;
    } else if (!Array.isArray(arr) || !this.tableArrays.has(arr)) {
      this.fail(`key "${this.lastKey}" is not an array of tables`);
    }
    const table: Table = {};
    arr.push(table);
    return table;
  }

  private keyValue(t: Table, inline = false): void {
    const key = this.key();
    this.lastKey = key.join(".");
    this.skipWs();
    if (this.peek() !== "=")
      this.fail(`expected key separator '=', but got '${this.peek() ?? "EOF"}' instead`);
    this.i++;
    this.skipWs();
    let target = t;
    for (const k of key.slice(0, -1)) {
      target = this.child(target, k, false);
      if (!inline) this.defined.add(target);
    }
    const last = key[key.length - 1]!;
    if (target[last] !== undefined) this.fail(`Key '${this.lastKey}' has already been defined.`);
    target[last] = this.value();
  }

  private key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipWs();
      const c = this.peek();
      if (c === '"') parts.push(this.basicString());
      else if (c === "'") parts.push(this.literalString());
      else {
        const start = this.i;
        while (/[A-Za-z0-9_-]/.test(this.peek() ?? "")) this.i++;
        if (this.i === start)
          this.fail(
            this.i >= this.s.length
              ? "unexpected EOF; expected key name"
              : `bare keys cannot contain '${c}'`,
          );
        parts.push(this.s.slice(start, this.i));
      }
      this.skipWs();
      if (this.peek() !== ".") return parts;
      this.i++;
    }
  }

  private value(): GoValue {
    const c = this.peek();
    if (c === undefined || c === "\n") this.fail("unexpected EOF; expected value");
    if (c === '"') {
      return this.s.startsWith('"""', this.i) ? this.multiBasic() : this.basicString();
    }
    if (c === "'") {
      return this.s.startsWith("'''", this.i) ? this.multiLiteral() : this.literalString();
    }
    if (c === "[") return this.array();
    if (c === "{") return this.inlineTable();
    const m = /^[^\s,\]}#]+(?: \d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?/i.exec(
      this.s.slice(this.i),
    );
    const word = m ? m[0] : "";
    this.i += word.length;
    if (word === "true") return true;
    if (word === "false") return false;
    return this.scalar(word);
  }

  private scalar(w: string): GoValue {
    if (/^[+-]?(inf|nan)$/.test(w))
      return w.endsWith("nan") ? NaN : w.startsWith("-") ? -Infinity : Infinity;
    if (/^[+-]?(0|[1-9](_?\d)*)$/.test(w)) return int64(Number(BigInt(w.replaceAll("_", ""))));
    if (
      /^0x[0-9A-Fa-f](_?[0-9A-Fa-f])*$/.test(w) ||
      /^0o[0-7](_?[0-7])*$/.test(w) ||
      /^0b[01](_?[01])*$/.test(w)
    ) {
      return int64(Number(BigInt(w.replaceAll("_", ""))));
    }
    if (/^[+-]?(0|[1-9](_?\d)*)(\.\d(_?\d)*)?([eE][+-]?\d(_?\d)*)?$/.test(w))
      return Number(w.replaceAll("_", ""));
    // Date-times stay text here (RFC 3339, as toJson prints a time.Time).
    if (
      /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|z|[+-]\d{2}:\d{2})?)?$|^\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(
        w,
      )
    ) {
      return w.replace(" ", "T").replace(/z$/, "Z");
    }
    return this.fail(`invalid value: '${w}'`);
  }

  private basicString(): string {
    this.i++;
    let out = "";
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === "\n") this.fail("unexpected EOF; expected '\"'");
      this.i++;
      if (c === '"') return out;
      if (c === "\\") out += this.escape();
      else out += c;
    }
  }

  private escape(): string {
    const e = this.peek();
    this.i++;
    const simple: Record<string, string> = {
      b: "\b",
      t: "\t",
      n: "\n",
      f: "\f",
      r: "\r",
      '"': '"',
      "\\": "\\",
      e: "\x1b",
    };
    if (e !== undefined && simple[e] !== undefined) return simple[e];
    if (e === "u" || e === "U") {
      const n = e === "u" ? 4 : 8;
      const hex = this.s.slice(this.i, this.i + n);
      if (!new RegExp(`^[0-9A-Fa-f]{${n}}$`).test(hex)) this.fail(`invalid escape: '\\${e}${hex}'`);
      this.i += n;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    return this.fail(`invalid escape in string '\\${e}'`);
  }

  private literalString(): string {
    const end = this.s.indexOf("'", this.i + 1);
    const nl = this.s.indexOf("\n", this.i + 1);
    if (end < 0 || (nl >= 0 && nl < end)) this.fail('unexpected EOF; expected "\'"');
    const out = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    return out;
  }

  private multiBasic(): string {
    this.i += 3;
    if (this.peek() === "\n") {
      this.i++;
      this.line++;
    }
    let out = "";
    for (;;) {
      if (this.i >= this.s.length) this.fail('unexpected EOF; expected \'"""\'');
      if (this.s.startsWith('"""', this.i)) {
        let q = 3;
        while (this.s[this.i + q] === '"' && q < 5) q++;
        out += '"'.repeat(q - 3);
        this.i += q;
        return out;
      }
      const c = this.s[this.i++]!;
      if (c === "\n") this.line++;
      if (c !== "\\") {
        out += c;
        continue;
      }
      if (/^[ \t]*\r?\n/.test(this.s.slice(this.i))) {
        while (/[ \t\r\n]/.test(this.peek() ?? "")) {
          if (this.peek() === "\n") this.line++;
          this.i++;
        }
      } else out += this.escape();
    }
  }

  private multiLiteral(): string {
    this.i += 3;
    if (this.peek() === "\n") {
      this.i++;
      this.line++;
    }
    const end = this.s.indexOf("'''", this.i);
    if (end < 0) this.fail("unexpected EOF; expected \"'''\"");
    let stop = end + 3;
    while (this.s[stop] === "'" && stop - end < 5) stop++;
    const out = this.s.slice(this.i, stop - 3);
    this.line += out.split("\n").length - 1;
    this.i = stop;
    return out;
  }

  private array(): GoValue[] {
    this.i++;
    const out: GoValue[] = [];
    for (;;) {
      this.skipAll();
      if (this.peek() === "]") {
        this.i++;
        return out;
      }
      out.push(this.value());
      this.skipAll();
      if (this.peek() === ",") this.i++;
      else if (this.peek() !== "]")
        this.fail(
          `expected a comma (',') or array terminator (']'), but got '${this.peek() ?? "EOF"}'`,
        );
    }
  }

  private inlineTable(): Table {
    this.i++;
    const t: Table = {};
    this.inlineTables.add(t);
    this.skipWs();
    if (this.peek() === "}") {
      this.i++;
      return t;
    }
    for (;;) {
      this.skipWs();
      this.keyValue(t, true);
      this.skipWs();
      if (this.peek() === "}") {
        this.i++;
        return t;
      }
      if (this.peek() !== ",")
        this.fail(
          `expected a comma or an inline table terminator '}', but got '${this.peek() ?? "EOF"}' instead`,
        );
      this.i++;
    }
  }
}

/** toml.Unmarshal into map[string]interface{}: the table and, when it failed, the error text. */
export function fromToml(text: string): { value: GoMap; error?: string } {
  const p = new TomlParser(text);
  try {
    return { value: p.parse() };
  } catch (err) {
    if (err instanceof TomlError) return { value: {}, error: err.message };
    throw err;
  }
}
