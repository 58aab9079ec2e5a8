/**
 * encoding/json.Unmarshal into interface{} (helm's fromJson/fromJsonArray): numbers become
 * float64, the last of duplicate keys wins, and errors carry Go's scanner messages
 * ("invalid character 'x' looking for beginning of value", "unexpected end of JSON input").
 */

export class JsonSyntaxError extends Error {}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Go's quoteChar: the offending character as the error shows it. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const q = JSON.stringify(c).slice(1, -1);
  const cp = c.codePointAt(0)!;
  if (cp < 0x20 && !/^\\[nrtbf]$/.test(q)) return `'\\x${cp.toString(16).padStart(2, "0")}'`;
  return `'${q}'`;
}

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  /** The first type error (a number too large for float64 decodes as null and is reported). */
  typeError: string | undefined;

  /**
   * A syntax error at the current character. At the end of input Go's scanner feeds one space,
   * so inside a literal, number or escape the message names ' ' rather than the end.
   */
  fail(context: string, spaceInvalid = false): never {
    if (this.i >= this.s.length) {
      if (spaceInvalid) throw new JsonSyntaxError(`invalid character ' ' ${context}`);
      throw new JsonSyntaxError("unexpected end of JSON input");
    }
    const c = String.fromCodePoint(this.s.codePointAt(this.i)!);
    throw new JsonSyntaxError(`invalid character ${quoteChar(c)} ${context}`);
  }
  ws(): void {
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else break;
    }
  }
  value(): Json {
    this.ws();
    const c = this.s[this.i];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
    if (c === "t") return this.literal("true", true);
    if (c === "f") return this.literal("false", false);
    if (c === "n") return this.literal("null", null);
    return this.fail("looking for beginning of value");
  }
  literal(word: string, v: Json): Json {
    for (let k = 0; k < word.length; k++, this.i++) {
      if (this.s[this.i] !== word[k]) {
        this.fail(`in literal ${word} (expecting ${quoteChar(word[k]!)})`, true);
      }
    }
    return v;
  }
  number(): Json {
    const start = this.i;
    if (this.s[this.i] === "-") this.i++;
    const digits = (): boolean => {
      const from = this.i;
      while (this.s[this.i]! >= "0" && this.s[this.i]! <= "9") this.i++;
      return this.i > from;
    };
    if (this.s[this.i] === "0") this.i++;
    else if (!digits()) this.fail("in numeric literal", true);
    if (this.s[this.i] === ".") {
      this.i++;
      if (!digits()) this.fail("after decimal point in numeric literal", true);
    }
    if (this.s[this.i] === "e" || this.s[this.i] === "E") {
      this.i++;
      if (this.s[this.i] === "+" || this.s[this.i] === "-") this.i++;
      if (!digits()) this.fail("in exponent of numeric literal", true);
    }
    const text = this.s.slice(start, this.i);
    const f = Number(text);
    if (!Number.isFinite(f)) {
      this.typeError ??= `json: cannot unmarshal number ${text} into Go value of type float64`;
      return null;
    }
    return f;
  }
  string(): string {
    this.i++; // opening quote
    let out = "";
    let start = this.i;
    for (;;) {
      if (this.i >= this.s.length) this.fail("");
      const c = this.s.charCodeAt(this.i);
      if (c === 0x22) {
        out += this.s.slice(start, this.i);
        this.i++;
        return out;
      }
      if (c < 0x20) this.fail("in string literal");
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      out += this.s.slice(start, this.i);
      this.i++;
      const e = this.s[this.i];
      const simple: Record<string, string> = {
        '"': '"',
        "\\": "\\",
        "/": "/",
        b: "\b",
        f: "\f",
        n: "\n",
        r: "\r",
        t: "\t",
      };
      if (e !== undefined && simple[e] !== undefined) {
        out += simple[e];
        this.i++;
      } else if (e === "u") {
        this.i++;
        for (let k = 0; k < 4; k++) {
          if (!/[0-9a-fA-F]/.test(this.s[this.i + k] ?? "")) {
            this.i += k;
            this.fail("in \\u hexadecimal character escape", true);
          }
        }
        // Go decodes surrogate pairs and turns lone surrogates into U+FFFD.
        let cp = parseInt(this.s.slice(this.i, this.i + 4), 16);
        this.i += 4;
        if (
          cp >= 0xd800 &&
          cp <= 0xdbff &&
          /^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(this.s.slice(this.i, this.i + 6))
        ) {
          const lo = parseInt(this.s.slice(this.i + 2, this.i + 6), 16);
          cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          this.i += 6;
        } else if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
        out += String.fromCodePoint(cp);
      } else this.fail("in string escape code", true);
      start = this.i;
    }
  }
  array(): Json[] {
    this.i++;
    const out: Json[] = [];
    this.ws();
    if (this.s[this.i] === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.i];
      if (c === ",") {
        this.i++;
        continue;
      }
      if (c === "]") {
        this.i++;
        return out;
      }
      this.fail("after array element");
    }
  }
  object(): { [key: string]: Json } {
    this.i++;
    const out: { [key: string]: Json } = {};
    this.ws();
    if (this.s[this.i] === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail("looking for beginning of object key string");
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ":") this.fail("after object key");
      this.i++;
      const v = this.value();
      if (key === "__proto__") {
        Object.defineProperty(out, key, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else out[key] = v;
      this.ws();
      const c = this.s[this.i];
      if (c === ",") {
        this.i++;
        continue;
      }
      if (c === "}") {
        this.i++;
        return out;
      }
      this.fail("after object key:value pair");
    }
  }
}

/**
 * json.Unmarshal(text, &v) with v interface{}: the value and the first type error (decoding goes
 * on after one, as Go's does). Throws JsonSyntaxError with Go's message for invalid JSON.
 */
export function parseGoJson(text: string): { value: Json; typeError?: string } {
  const p = new Parser(text);
  const value = p.value();
  p.ws();
  if (p.i < text.length) p.fail("after top-level value");
  return p.typeError === undefined ? { value } : { value, typeError: p.typeError };
}

/** The top-level JSON kind as Go's UnmarshalTypeError names it, read from the text. */
function topKind(text: string): string {
  const c = text.trimStart()[0];
  if (c === "{") return "object";
  if (c === "[") return "array";
  if (c === '"') return "string";
  if (c === "t" || c === "f") return "bool";
  if (c === "n") return "null";
  return "number";
}

function jsonKind(v: Json): string {
  if (v === null) return "null";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "number";
  if (typeof v === "boolean") return "bool";
  return Array.isArray(v) ? "array" : "object";
}

/**
 * json.Unmarshal into map[string]interface{}: the decoded map (null gives {}, where Go leaves a nil
 * map) and the error Unmarshal returns, if any, alongside what was decoded.
 */
export function parseGoJsonMap(text: string): { value: { [key: string]: Json }; error?: string } {
  const { value, typeError } = parseGoJson(text);
  if (value === null && topKind(text) !== "number") return { value: {} };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const kind = value === null ? "number" : jsonKind(value);
    return {
      value: {},
      error: `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`,
    };
  }
  return typeError === undefined ? { value } : { value, error: typeError };
}

/** json.Unmarshal into []interface{}. */
export function parseGoJsonArray(text: string): { value: Json[]; error?: string } {
  const { value, typeError } = parseGoJson(text);
  if (value === null && topKind(text) !== "number") return { value: [] };
  if (!Array.isArray(value)) {
    const kind = value === null ? "number" : jsonKind(value);
    return {
      value: [],
      error: `json: cannot unmarshal ${kind} into Go value of type []interface {}`,
    };
  }
  return typeError === undefined ? { value } : { value, error: typeError };
}
