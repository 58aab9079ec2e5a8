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
import { NumError, atoi, quote, quoteRune } from "../gotemplate/strconv.js";
import { GoInt } from "../gotemplate/value.js";
import { ValuesError } from "./errors.js";
import { setOwn } from "./clone.js";
import { MAX_VALUES_DEPTH, nestingDepth, TOO_DEEP as TOO_DEEP_TEXT } from "./depth.js";
import { mergeValues } from "./mergeValues.js";
import { typedValue, type SetMode } from "./typedValue.js";
import { isValuesMap, type Values } from "./types.js";

export { typedValue, type SetMode };

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

/**
 * An error value of helm's parser (Go returns errors; they are values here too). `eof` marks
 * io.EOF and errors wrapping it: helm's parse loop takes those for the end of the input, so
 * `a.`, `a[0` or `=1` set nothing and are not errors.
 */
class GoErr {
  constructor(
    readonly message: string,
    readonly eof = false,
  ) {}
  wrap(prefix: string): GoErr {
    return new GoErr(prefix + this.message, this.eof);
  }
}
const EOF = new GoErr("EOF", true);
/** strvals.ErrNotList: valList's "this value is not a {…} list". */
const NOT_LIST = new GoErr("not a list");
/** Deeper than MAX_VALUES_DEPTH: a wheelhouse limit; helm's parser recurses as deep as asked. */
const TOO_DEEP = new GoErr(TOO_DEEP_TEXT);
type Err = GoErr | undefined;

const KEY_STOP = new Set(["=", "[", ",", "."]);
const KEY_STOP_LITERAL = new Set(["=", "[", "."]);
const LIST_ITEM_STOP = new Set(["[", ".", "="]);
const INDEX_STOP = new Set(["]"]);
const VALUE_STOP = new Set([","]);
const LIST_VALUE_STOP = new Set([",", "}"]);

type Reader = (raw: string) => unknown;

interface Scan {
  text: string;
  /** The stop character that ended the scan, or undefined at the end of input (io.EOF). */
  last: string | undefined;
}

/** Go's type of a value that helm's parser asserts to be a map or a list (for its panic text). */
function goType(value: unknown): string {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  // --set integers are int64 (typedVal); other numbers come from YAML or JSON: float64.
  if (value instanceof GoInt) return value.kind;
  if (typeof value === "number") return "float64";
  if (Array.isArray(value)) return "[]interface {}";
  return "map[string]interface {}";
}

/** The panic helm's key() recovers from when a value is not the map or list a path needs. */
function conversionPanic(value: unknown, want: "map" | "list"): GoErr {
  const to = want === "map" ? "map[string]interface {}" : "[]interface {}";
  return new GoErr(
    `unable to parse key: interface conversion: interface {} is ${goType(value)}, not ${to}`,
  );
}

/** %q of a []rune: each rune quoted, as `['x' 'y']`. */
function quoteRunes(text: string): string {
  return `[${Array.from(text, (ch) => quoteRune(ch.codePointAt(0)!)).join(" ")}]`;
}

const isEmptyMap = (v: Values): boolean => Object.keys(v).length === 0;

/** helm's strvals `set`: an empty key is never set. */
function set(data: Values, key: string, value: unknown): void {
  if (key.length > 0) setOwn(data, key, value);
}

/**
 * A port of helm's strvals parser (parser.go, and literal_parser.go when `literal`), error
 * values and their texts included. One deliberate difference: a key or list element holding
 * null is filled with a new map or list, where helm panics ("interface {} is nil").
 */
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

  /** parser.parse: keys until one returns an error; io.EOF (or an error wrapping it) ends well. */
  parse(data: Values): Err {
    for (;;) {
      const err = this.key(data, 0, 1);
      if (err === undefined) continue;
      return err.eof ? undefined : err;
    }
  }

  private readRune(): string | undefined {
    if (this.pos >= this.runes.length) return undefined;
    return this.runes[this.pos++];
  }

  private unreadRune(): void {
    this.pos--;
  }

  /** runesUntil (runesUntilLiteral without escapes): `\` takes the next rune as it is. */
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

  /**
   * `level` is helm's nestedNameLevel (dotted names only); `depth` counts every map and list from
   * the top one (1) down to `data`, for the MAX_VALUES_DEPTH limit.
   */
  private key(data: Values, level: number, depth: number): Err {
    const { text: k, last } = this.runesUntil(this.literal ? KEY_STOP_LITERAL : KEY_STOP);
    if (last === undefined) return k.length === 0 ? EOF : new GoErr(`key ${quote(k)} has no value`);
    switch (last) {
      case "[": {
        const [i, indexErr] = this.keyIndex();
        if (indexErr) return indexErr.wrap("error parsing index: ");
        if (depth + 1 > MAX_VALUES_DEPTH) return TOO_DEEP;
        let list: unknown[] = [];
        if (Object.hasOwn(data, k) && data[k] !== null) {
          const existing = data[k];
          if (!Array.isArray(existing)) return conversionPanic(existing, "list");
          list = existing;
        }
        const [out, err] = this.listItem(list, i, level, depth + 1);
        set(data, k, out);
        return err;
      }
      case "=":
        return this.keyValue(data, k, depth);
      case ",":
        set(data, k, "");
        return new GoErr(`key ${quote(k)} has no value (cannot end with ,)`);
      default: {
        // "."
        const nested = level + 1;
        if (nested > MAX_NESTED_NAME_LEVEL) {
          return new GoErr(
            `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
          );
        }
        if (depth + 1 > MAX_VALUES_DEPTH) return TOO_DEEP;
        let inner: Values = {};
        if (Object.hasOwn(data, k) && data[k] !== null) {
          const existing = data[k];
          if (!isValuesMap(existing)) return conversionPanic(existing, "map");
          inner = existing;
        }
        const err = this.key(inner, nested, depth + 1);
        if (err === undefined && isEmptyMap(inner)) {
          return new GoErr(`key map ${quote(k)} has no value`);
        }
        if (!isEmptyMap(inner)) set(data, k, inner);
        return err;
      }
    }
  }

  /** key() after `k=`: the value, a {…} list, a JSON value or the literal rest. */
  private keyValue(data: Values, k: string, depth: number): Err {
    if (this.literal) {
      set(data, k, this.rest());
      return undefined;
    }
    if (this.json) {
      if (this.emptyVal()) {
        set(data, k, null);
        return undefined;
      }
      const [v, err] = this.jsonValue(depth);
      if (err) return err;
      set(data, k, v);
      this.emptyVal();
      return undefined;
    }
    const [vl, err] = this.valList();
    if (err === undefined) {
      set(data, k, vl);
      return undefined;
    }
    if (err === EOF) {
      set(data, k, "");
      return EOF;
    }
    if (err !== NOT_LIST) return err;
    set(data, k, this.reader(this.runesUntil(VALUE_STOP).text));
    return undefined;
  }

  private rest(): string {
    const text = this.runes.slice(this.pos).join("");
    this.pos = this.runes.length;
    return text;
  }

  /** keyIndex: the text up to `]` through strconv.Atoi. */
  private keyIndex(): [number, Err] {
    const { text, last } = this.runesUntil(INDEX_STOP);
    if (last === undefined) return [0, EOF];
    try {
      return [atoi(text), undefined];
    } catch (err) {
      if (err instanceof NumError) return [0, new GoErr(err.message)];
      throw err;
    }
  }

  /** `depth` is the depth of `list` itself (see key()). */
  private listItem(list: unknown[], i: number, level: number, depth: number): [unknown[], Err] {
    if (i < 0) return [list, new GoErr(`negative ${i} index not allowed`)];
    const { text, last } = this.runesUntil(LIST_ITEM_STOP);
    if (text.length > 0) {
      return [list, new GoErr(`unexpected data at end of array index: ${quoteRunes(text)}`)];
    }
    if (last === undefined) return [list, EOF];
    switch (last) {
      case "=": {
        if (this.literal) return setIndex(list, i, this.rest());
        if (this.json) {
          if (this.emptyVal()) return setIndex(list, i, null);
          const [v, err] = this.jsonValue(depth);
          if (err) return [list, err];
          const out = setIndex(list, i, v);
          if (out[1] === undefined) this.emptyVal();
          return out;
        }
        const [vl, err] = this.valList();
        if (err === undefined) return setIndex(list, i, vl);
        if (err === EOF) return setIndex(list, i, "");
        if (err !== NOT_LIST) return [list, err];
        return setIndex(list, i, this.reader(this.runesUntil(VALUE_STOP).text));
      }
      case "[": {
        const [next, indexErr] = this.keyIndex();
        if (indexErr) return [list, indexErr.wrap("error parsing index: ")];
        if (depth + 1 > MAX_VALUES_DEPTH) return [list, TOO_DEEP];
        let current: unknown[] = [];
        if (list.length > i && list[i] !== null && list[i] !== undefined) {
          const existing = list[i];
          // helm's type assertion panics; key() recovers that as its error.
          if (!Array.isArray(existing)) return [list, conversionPanic(existing, "list")];
          current = existing;
        }
        const [inner, err] = this.listItem(current, next, level, depth + 1);
        if (err) return [list, err];
        return setIndex(list, i, inner);
      }
      default: {
        // "." — a map inside the list; helm replaces a non-map element silently.
        if (depth + 1 > MAX_VALUES_DEPTH) return [list, TOO_DEEP];
        let inner: Values = {};
        if (list.length > i) {
          if (isValuesMap(list[i])) inner = list[i] as Values;
          else list[i] = inner;
        }
        const err = this.key(inner, level, depth + 1);
        if (err) return [list, err];
        return setIndex(list, i, inner);
      }
    }
  }

  /** emptyVal: skips spaces; true (and the comma consumed) at a comma or the end. */
  private emptyVal(): boolean {
    for (;;) {
      const r = this.readRune();
      if (r === undefined || r === ",") return true;
      if (!/\s/u.test(r)) {
        this.unreadRune();
        return false;
      }
    }
  }

  /**
   * One JSON value, as json.Decoder.Decode reads it from the rest of the input, to be stored in a
   * map or list at depth `at`.
   */
  private jsonValue(at: number): [unknown, Err] {
    const start = this.pos;
    let depth = 0;
    let inString = false;
    for (; this.pos < this.runes.length; this.pos++) {
      const r = this.runes[this.pos]!;
      if (inString) {
        if (r === "\\") this.pos++;
        else if (r === '"') {
          inString = false;
          if (depth === 0) {
            this.pos++;
            break;
          }
        }
      } else if (r === '"') inString = true;
      else if (r === "{" || r === "[") depth++;
      else if (r === "}" || r === "]") {
        depth--;
        if (depth <= 0) {
          this.pos++;
          break;
        }
      } else if (depth === 0 && (r === "," || /\s/u.test(r))) break;
    }
    const text = this.runes.slice(start, this.pos).join("");
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch (err) {
      return [undefined, new GoErr((err as Error).message)];
    }
    if (at + nestingDepth(value, MAX_VALUES_DEPTH - at) > MAX_VALUES_DEPTH)
      return [undefined, TOO_DEEP];
    return [value, undefined];
  }

  private valList(): [unknown[], Err] {
    const r = this.readRune();
    if (r === undefined) return [[], EOF];
    if (r !== "{") {
      this.unreadRune();
      return [[], NOT_LIST];
    }
    const list: unknown[] = [];
    for (;;) {
      const { text, last } = this.runesUntil(LIST_VALUE_STOP);
      if (last === undefined) return [list, new GoErr("list must terminate with '}'")];
      list.push(this.reader(text));
      if (last === "}") {
        const next = this.readRune();
        if (next !== undefined && next !== ",") this.unreadRune();
        return [list, undefined];
      }
    }
  }
}

/** setIndex: pads the list with nil up to the index. */
function setIndex(list: unknown[], index: number, value: unknown): [unknown[], Err] {
  if (index < 0) return [list, new GoErr(`negative ${index} index not allowed`)];
  if (index > MAX_INDEX) {
    return [
      list,
      new GoErr(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`),
    ];
  }
  while (list.length <= index) list.push(null);
  list[index] = value;
  return [list, undefined];
}

function run(
  target: Values,
  expression: string,
  flag: SetMode | "file" | "json",
  reader: Reader,
  literal: boolean,
): void {
  const err = new Parser(expression, reader, literal, flag === "json").parse(target);
  if (err === undefined) return;
  // helm's words: --set-json names the expression, the others the parser's error.
  if (flag === "json") {
    if (err === TOO_DEEP) throw tooDeepJson(expression);
    throw new ValuesError(`failed parsing --set-json data ${expression}`);
  }
  throw new ValuesError(`failed parsing ${FLAG[flag]} data: ${err.message}`);
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
    } catch {
      parsed = undefined;
    }
    // json.Unmarshal into a map: anything but an object (null leaves the map as it was) fails.
    if (parsed === null) return target;
    if (!isValuesMap(parsed)) {
      throw new ValuesError(`failed parsing --set-json data JSON: ${expression}`);
    }
    if (nestingDepth(parsed) > MAX_VALUES_DEPTH) throw tooDeepJson(expression);
    return mergeValues(target, parsed);
  }
  run(target, expression, "json", (raw) => raw, false);
  return target;
}

/** helm's --set-json error, with the reason and the (thousands of characters) expression cut short. */
function tooDeepJson(expression: string): ValuesError {
  const shown =
    expression.length > 60
      ? `${expression.slice(0, 40)}… (${expression.length} characters)`
      : expression;
  return new ValuesError(`failed parsing --set-json data ${shown}: ${TOO_DEEP_TEXT}`);
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
