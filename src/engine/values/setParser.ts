/**
 * `--set`, `--set-string`, `--set-literal` and `--set-file`, with the semantics of
 * Helm's pkg/strvals (parser.go and literal_parser.go):
 *
 * - `a.b=c` nests maps, `a=1,b=2` sets several keys, `a[0]=x` and `a[0].b=x` index
 *   lists (padding them with null), `a={x,y}` sets a list, `\` escapes the next
 *   character (`a\.b=c` sets the key "a.b", `\,` puts a comma into a value).
 * - In `set` mode a value is typed as Helm's typedVal does: `true`/`false` (any case)
 *   are booleans, `null` (any case) is null, decimal integers without a leading zero
 *   are numbers; everything else, "1.5" included, stays a string. `string` mode
 *   keeps every value a string. `literal` mode takes everything after the first `=`
 *   verbatim: no commas, no lists, no escapes.
 * - A key that holds null (`resources:` left empty in a values file) is filled with a
 *   new map or list by `resources.limits.cpu=1` or `resources[0]=x`; Helm fails there
 *   with "interface conversion: interface {} is nil".
 * - `null` is stored as null in the target, not deleted here: coalescing the values
 *   with the chart's defaults (coalesce.ts) is what removes the key, so that a null
 *   also removes a default from values.yaml, exactly as in Helm.
 */
import { ValuesError } from "./errors.js";
import { setOwn } from "./clone.js";
import { mergeValues } from "./mergeValues.js";
import { isValuesMap, type Values } from "./types.js";

export type SetMode = "set" | "string" | "literal";

/** Helm's strvals.MaxIndex: the largest list index `--set` accepts. */
export const MAX_INDEX = 65536;
/** Helm's strvals.MaxNestedNameLevel: the deepest `a.b.c…` path `--set` accepts. */
export const MAX_NESTED_NAME_LEVEL = 30;

const FLAG: Record<SetMode | "file" | "json", string> = {
  set: "--set",
  json: "--set-json",
  string: "--set-string",
  literal: "--set-literal",
  file: "--set-file",
};

/** A parse failure inside one expression; applySet turns it into a ValuesError. */
class ParseFailure extends Error {}

function fail(message: string): never {
  throw new ParseFailure(message);
}

const KEY_STOP = new Set(["=", "[", ",", "."]);
const KEY_STOP_LITERAL = new Set(["=", "[", "."]);
const LIST_ITEM_STOP = new Set(["[", ".", "="]);
const INDEX_STOP = new Set(["]"]);
const VALUE_STOP = new Set([","]);
const LIST_VALUE_STOP = new Set([",", "}"]);

type Reader = (raw: string) => unknown;

interface Scan {
  text: string;
  /** The stop character that ended the scan, or undefined at the end of input. */
  last: string | undefined;
}

type ValList = { kind: "list"; list: unknown[] } | { kind: "eof" } | { kind: "notList" };

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (isValuesMap(value)) return "map";
  return `${typeof value} (${JSON.stringify(value)})`;
}

class Parser {
  private pos = 0;
  private readonly runes: string[];

  constructor(
    input: string,
    private readonly reader: Reader,
    private readonly literal: boolean,
    /** `--set-json`: each value is one JSON document (commas inside it included). */
    private readonly json = false,
  ) {
    this.runes = Array.from(input);
  }

  parse(data: Values): void {
    while (this.pos < this.runes.length) this.key(data, 0);
  }

  private readRune(): string | undefined {
    if (this.pos >= this.runes.length) return undefined;
    return this.runes[this.pos++];
  }

  private unreadRune(): void {
    this.pos--;
  }

  private runesUntil(stop: Set<string>): Scan {
    let text = "";
    for (;;) {
      const r = this.readRune();
      if (r === undefined) return { text, last: undefined };
      if (stop.has(r)) return { text, last: r };
      if (r === "\\" && !this.literal) {
        const next = this.readRune();
        if (next === undefined) return { text, last: undefined };
        text += next;
        continue;
      }
      text += r;
    }
  }

  private rest(): string {
    const text = this.runes.slice(this.pos).join("");
    this.pos = this.runes.length;
    return text;
  }

  private key(data: Values, level: number): void {
    const { text: k, last } = this.runesUntil(this.literal ? KEY_STOP_LITERAL : KEY_STOP);
    if (last === undefined) {
      fail(k.length === 0 ? "a key has no value" : `key "${k}" has no value`);
    }
    if (k.length === 0) fail(`empty key before "${last}"`);
    switch (last) {
      case "[": {
        const index = this.keyIndex();
        let list: unknown[] = [];
        if (Object.hasOwn(data, k) && data[k] !== null) {
          const existing = data[k];
          if (!Array.isArray(existing))
            fail(`key "${k}" holds a ${describe(existing)}, not a list`);
          list = existing;
        }
        setOwn(data, k, this.listItem(list, index, level));
        return;
      }
      case "=": {
        if (this.literal) {
          setOwn(data, k, this.rest());
          return;
        }
        if (this.json) {
          setOwn(data, k, this.jsonValue());
          return;
        }
        const vl = this.valList();
        if (vl.kind === "list") setOwn(data, k, vl.list);
        else if (vl.kind === "eof") setOwn(data, k, "");
        else setOwn(data, k, this.reader(this.runesUntil(VALUE_STOP).text));
        return;
      }
      case ",":
        return fail(`key "${k}" has no value (cannot end with ,)`);
      case ".": {
        const nested = level + 1;
        if (nested > MAX_NESTED_NAME_LEVEL) {
          fail(
            `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
          );
        }
        let inner: Values = {};
        if (Object.hasOwn(data, k) && data[k] !== null) {
          const existing = data[k];
          if (!isValuesMap(existing)) fail(`key "${k}" holds a ${describe(existing)}, not a map`);
          inner = existing;
        }
        if (this.pos >= this.runes.length) fail(`key map "${k}" has no value`);
        this.key(inner, nested);
        setOwn(data, k, inner);
        return;
      }
    }
  }

  private keyIndex(): number {
    const { text, last } = this.runesUntil(INDEX_STOP);
    if (last === undefined) fail(`error parsing index: missing "]" after "[${text}"`);
    if (!/^[+-]?\d+$/.test(text)) fail(`error parsing index: "${text}" is not an integer`);
    const index = Number(text);
    if (index < 0) fail(`negative ${index} index not allowed`);
    if (index > MAX_INDEX) {
      fail(`index of ${text} is greater than maximum supported index of ${MAX_INDEX}`);
    }
    return index;
  }

  private listItem(list: unknown[], index: number, level: number): unknown[] {
    const { text, last } = this.runesUntil(LIST_ITEM_STOP);
    if (text.length > 0) fail(`unexpected data at end of array index: "${text}"`);
    if (last === undefined) fail(`list index [${index}] has no value`);
    switch (last) {
      case "=": {
        if (this.literal) return setIndex(list, index, this.rest());
        if (this.json) return setIndex(list, index, this.jsonValue());
        const vl = this.valList();
        if (vl.kind === "list") return setIndex(list, index, vl.list);
        if (vl.kind === "eof") return setIndex(list, index, "");
        return setIndex(list, index, this.reader(this.runesUntil(VALUE_STOP).text));
      }
      case "[": {
        const next = this.keyIndex();
        let current: unknown[] = [];
        if (list.length > index && list[index] !== null && list[index] !== undefined) {
          const existing = list[index];
          if (!Array.isArray(existing)) {
            fail(`index [${index}] holds a ${describe(existing)}, not a list`);
          }
          current = existing;
        }
        return setIndex(list, index, this.listItem(current, next, level));
      }
      default: {
        // "." — a map inside the list. Helm replaces a non-map element silently.
        let inner: Values = {};
        if (list.length > index && isValuesMap(list[index])) inner = list[index] as Values;
        if (this.pos >= this.runes.length) fail(`list index [${index}] has no value`);
        this.key(inner, level);
        return setIndex(list, index, inner);
      }
    }
  }

  /** One JSON value up to a top-level comma (which is consumed) or the end. */
  private jsonValue(): unknown {
    const start = this.pos;
    let depth = 0;
    let inString = false;
    for (; this.pos < this.runes.length; this.pos++) {
      const r = this.runes[this.pos];
      if (inString) {
        if (r === "\\") this.pos++;
        else if (r === '"') inString = false;
      } else if (r === '"') inString = true;
      else if (r === "{" || r === "[") depth++;
      else if (r === "}" || r === "]") depth--;
      else if (r === "," && depth === 0) break;
    }
    const text = this.runes.slice(start, this.pos).join("");
    this.pos++; // past the comma, or past the end
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      return fail(`${JSON.stringify(text)} is not JSON (${(err as Error).message})`);
    }
  }

  private valList(): ValList {
    const r = this.readRune();
    if (r === undefined) return { kind: "eof" };
    if (r !== "{") {
      this.unreadRune();
      return { kind: "notList" };
    }
    const list: unknown[] = [];
    for (;;) {
      const { text, last } = this.runesUntil(LIST_VALUE_STOP);
      if (last === undefined) fail("list must terminate with '}'");
      list.push(this.reader(text));
      if (last === "}") {
        const next = this.readRune();
        if (next !== undefined && next !== ",") this.unreadRune();
        return { kind: "list", list };
      }
    }
  }
}

function setIndex(list: unknown[], index: number, value: unknown): unknown[] {
  while (list.length <= index) list.push(null);
  list[index] = value;
  return list;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Helm's typedVal. Integers that JavaScript cannot hold exactly (beyond 2^53) stay
 * strings rather than silently losing digits; Helm keeps them as int64.
 */
export function typedValue(text: string, mode: SetMode): unknown {
  if (mode !== "set") return text;
  const lower = text.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  if (lower === "null") return null;
  if (text === "0") return 0;
  if (text.length > 0 && text[0] !== "0" && /^[+-]?\d+$/.test(text)) {
    const big = BigInt(text);
    if (big < INT64_MIN || big > INT64_MAX) return text;
    const n = Number(text);
    if (!Number.isSafeInteger(n)) return text;
    return n === 0 ? 0 : n;
  }
  return text;
}

function run(
  target: Values,
  expression: string,
  flag: SetMode | "file" | "json",
  reader: Reader,
  literal: boolean,
): void {
  try {
    new Parser(expression, reader, literal, flag === "json").parse(target);
  } catch (err) {
    if (err instanceof ParseFailure) {
      throw new ValuesError(`failed parsing ${FLAG[flag]} "${expression}": ${err.message}`);
    }
    throw err;
  }
}

/**
 * Applies one `--set` / `--set-string` / `--set-literal` expression to `target`,
 * in place. Throws a ValuesError naming the expression when it is malformed.
 */
export function applySet(target: Values, expression: string, mode: SetMode): void {
  run(target, expression, mode, (raw) => typedValue(raw, mode), mode === "literal");
}

/**
 * Applies one `--set-json` expression: `a.b=<JSON>` pairs (several, comma
 * separated, as `--set`), or a whole JSON object merged at the top, as Helm's
 * strvals.ParseJSON and MergeValues do.
 */
export function applySetJson(target: Values, expression: string): Values {
  const trimmed = expression.trim();
  if (trimmed.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (err) {
      throw new ValuesError(
        `failed parsing --set-json "${expression}": not a JSON object (${(err as Error).message})`,
      );
    }
    if (!isValuesMap(parsed)) {
      throw new ValuesError(`failed parsing --set-json "${expression}": not a JSON object`);
    }
    return mergeValues(target, parsed);
  }
  run(target, expression, "json", (raw) => raw, false);
  return target;
}

/** Parses expressions given to one flag, in order, into a fresh values map. */
export function parseSetValues(exprs: string[], mode: SetMode): Values {
  const out: Values = {};
  for (const expr of exprs) applySet(out, expr, mode);
  return out;
}

/**
 * Applies one `--set-file key=path` expression: the value is the file's content as a
 * string (read with `readFile`). As in Helm the expression is parsed like `--set`, so
 * `a=f1,b=f2` and `a={f1,f2}` read several files.
 */
export function applySetFile(
  target: Values,
  expression: string,
  readFile: (path: string) => string,
): void {
  const reader = (path: string): unknown => {
    try {
      return readFile(path);
    } catch (err) {
      if (err instanceof ValuesError) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      throw new ValuesError(`failed reading --set-file "${expression}": ${path}: ${reason}`, {
        cause: err,
      });
    }
  };
  run(target, expression, "file", reader, false);
}
