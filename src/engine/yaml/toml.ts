/**
 * helm's toToml: BurntSushi/toml v1.6.0's encoder (its decoder, fromToml, is ./tomlDecode.js).
 * It writes plain keys first, then tables and arrays of tables, each group sorted; nested tables
 * are indented two spaces per level; float64 always shows a decimal point or exponent (1 → 1.0,
 * 1000000 → 1e+06); nil map values are left out.
 */
import { GoInt, GoObject, isGoFunction, type GoMap, type GoValue } from "../gotemplate/value.js";
import { formatFloatG } from "./goFloat.js";

export class TomlError extends Error {}

// ---------------------------------------------------------------------------------------------
// Encoder.

const CONTROL_ESCAPES: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\f": "\\f",
  "\r": "\\r",
};

function quote(s: string): string {
  // eslint-disable-next-line no-control-regex
  const body = s.replace(/["\\\x00-\x1f\x7f]/g, (c) => {
    return CONTROL_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `"${body}"`;
}

const BARE = /^[A-Za-z0-9_-]+$/;
const keyPart = (k: string): string => (k === "" ? '""' : BARE.test(k) ? k : quote(k));

type TomlType = "hash" | "arrayHash" | "other" | "nil";

function unwrap(v: GoValue): GoValue {
  if (v instanceof GoObject) {
    const view = v.toGo();
    if (view === undefined) throw new TomlError(`toml: unsupported type: ${v.goType}`);
    return view;
  }
  return v;
}

export function isMap(v: GoValue): v is GoMap {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof GoInt) &&
    !(v instanceof Uint8Array) &&
    !(v instanceof GoObject) &&
    !isGoFunction(v)
  );
}

function tomlType(v: GoValue): TomlType {
  if (v === undefined || v === null) return "nil";
  if (isMap(v)) return "hash";
  if (Array.isArray(v) && v.length > 0) {
    let all = true;
    for (const item of v) {
      const t = tomlType(unwrap(item));
      if (t === "nil") throw new TomlError("toml: cannot encode array with nil element");
      if (t !== "hash") all = false;
    }
    return all ? "arrayHash" : "other";
  }
  return "other";
}

function floatText(f: number): string {
  if (Number.isNaN(f)) return "nan";
  if (!Number.isFinite(f)) return f < 0 ? "-inf" : "inf";
  const s = formatFloatG(f);
  return s.includes("e") || s.includes(".") ? s : `${s}.0`;
}

class TomlEncoder {
  out = "";
  private written = false;

  write(s: string): void {
    this.out += s;
    this.written = true;
  }
  newline(): void {
    if (this.written) this.write("\n");
  }

  encode(key: string[], raw: GoValue): void {
    const v = unwrap(raw);
    if (v === undefined || v === null) return;
    if (isMap(v)) return this.table(key, v);
    if (Array.isArray(v) && tomlType(v) === "arrayHash") return this.arrayOfTables(key, v);
    if (isGoFunction(v))
      throw new TomlError(`toml: unsupported type for key '${key.join(".")}': func`);
    this.keyValue(key, v, false);
  }

  private indent(key: string[]): string {
    return "  ".repeat(Math.max(key.length - 1, 0));
  }

  private keyValue(key: string[], v: GoValue, inline: boolean): void {
    if (key.length === 0) return this.element(v);
    this.write(`${this.indent(key)}${keyPart(key[key.length - 1]!)} = `);
    this.element(v);
    if (!inline) this.newline();
  }

  private element(raw: GoValue): void {
    const v = unwrap(raw);
    if (typeof v === "string") this.write(quote(v));
    else if (typeof v === "boolean") this.write(v ? "true" : "false");
    else if (typeof v === "number") this.write(floatText(v));
    else if (v instanceof GoInt) this.write(String(Math.trunc(v.value)));
    else if (v instanceof Uint8Array) this.array([...v].map((b) => new GoInt(b, "uint8")));
    else if (Array.isArray(v)) this.array(v);
    else if (isMap(v)) this.map([], v, true);
    else throw new TomlError(`toml: unexpected type: ${v === null ? "<nil>" : typeof v}`);
  }

  private array(items: GoValue[]): void {
    this.write("[");
    items.forEach((item, i) => {
      this.element(item);
      if (i !== items.length - 1) this.write(", ");
    });
    this.write("]");
  }

  private arrayOfTables(key: string[], items: GoValue[]): void {
    if (key.length === 0) throw new TomlError("toml: top-level values must be Go maps or structs");
    for (const item of items) {
      const v = unwrap(item);
      if (v === null || v === undefined) continue;
      this.newline();
      this.write(`${this.indent(key)}[[${key.map(keyPart).join(".")}]]`);
      this.newline();
      this.map(key, v as GoMap, false);
    }
  }

  private table(key: string[], v: GoMap): void {
    if (key.length === 1) this.newline();
    if (key.length > 0) {
      this.write(`${this.indent(key)}[${key.map(keyPart).join(".")}]`);
      this.newline();
    }
    this.map(key, v, false);
  }

  private map(key: string[], m: GoMap, inline: boolean): void {
    const direct: string[] = [];
    const sub: string[] = [];
    for (const k of Object.keys(m)) {
      const t = tomlType(unwrap(m[k]));
      (t === "hash" || t === "arrayHash" ? sub : direct).push(k);
    }
    const writeKeys = (keys: string[], trailComma: boolean): void => {
      keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      keys.forEach((k, i) => {
        const val = unwrap(m[k]);
        if (val === null || val === undefined) return;
        if (inline) {
          this.keyValue([k], val, true);
          if (trailComma || i !== keys.length - 1) this.write(", ");
        } else this.encode([...key, k], val);
      });
    };
    if (inline) this.write("{");
    writeKeys(direct, sub.length > 0);
    writeKeys(sub, false);
    if (inline) this.write("}");
  }
}

/** toml.NewEncoder(buf).Encode(v): the TOML text; throws TomlError with the encoder's message. */
export function toToml(v: GoValue): string {
  const enc = new TomlEncoder();
  enc.encode([], v);
  return enc.out;
}
