/**
 * Go's fmt package (Sprint, Sprintln, Sprintf) over the value model in value.ts. Templates print
 * every value through it: `{{ .x }}` is fmt.Fprint, `printf` is fmt.Sprintf, sprig's toString is
 * `%v`. The structure follows Go's print.go/format.go (printArg → handleMethods → printValue,
 * then the per-kind formatters) so that flags, widths and the `%!verb(type=value)` error forms
 * come out the same.
 *
 * GoObject: an object is printed through its `format()` as a fmt.Stringer would be (verbs v s x X
 * q), unless it implements `FmtStruct`, in which case it prints as a plain Go struct ({a b},
 * %+v {A:a B:b}, %#v pkg.T{A:a}).
 */
import {
  GoInt,
  GoObject,
  isGoFunction,
  mapElemType,
  mapType,
  sliceType,
  sortedKeys,
  typeName,
  type GoMap,
  type GoValue,
} from "./value.js";
import {
  bytesToString,
  canBackquote,
  formatFloat,
  isPrint,
  quote,
  quoteBytes,
  quoteRune,
  quoteRuneToASCII,
  quoteToASCII,
  stringToBytes,
} from "./strconv.js";

/** A GoObject that prints as a plain struct: its exported fields in declaration order. */
export interface FmtStruct {
  fmtFields(): Array<[string, GoValue]>;
}

function isFmtStruct(v: GoObject): v is GoObject & FmtStruct {
  return typeof (v as Partial<FmtStruct>).fmtFields === "function";
}

const ldigits = "0123456789abcdefx";
const udigits = "0123456789ABCDEFX";

/** Go pointers print as addresses; ours are stable made-up ones (nothing can depend on them). */
const addresses = new WeakMap<object, number>();
let nextAddress = 0xc000010000;
function addressOf(o: object): number {
  let a = addresses.get(o);
  if (a === undefined) {
    a = nextAddress;
    nextAddress += 0x30;
    addresses.set(o, a);
  }
  return a;
}

function isUnsigned(kind: string): boolean {
  return kind.charCodeAt(0) === 117; // "u": uint, uint8, ..., uintptr
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A surrogate pair is one rune.
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) i++;
    }
    n++;
  }
  return n;
}

/**
 * The digits of a magnitude beyond 2^53. Integers are doubles here, so int64's extremes arrive
 * rounded: 2^63 can only be MaxInt64 (9223372036854775807, e.g. a clamped strconv.Atoi result)
 * when positive and MinInt64 when negative, and 2^64 only MaxUint64.
 */
function bigIntString(u: number, isSigned: boolean, negative: boolean, base: number): string {
  let b = BigInt(u);
  if (isSigned && !negative && b >= 1n << 63n) b = (1n << 63n) - 1n;
  else if (!isSigned && b >= 1n << 64n) b = (1n << 64n) - 1n;
  return b.toString(base);
}

/** One Sprintf/Sprint call's state (Go's pp + fmt). */
class Printer {
  buf = "";
  // fmt flags
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  wid = 0;
  prec = 0;
  // pp state
  erroring = false;
  /** Print a top-level pointer to a struct as the struct (text/template derefs before printing). */
  indirect = false;
  /** The operand being printed (for badVerb); `hasArg` false = a nil/invalid operand. */
  arg: GoValue = undefined;
  hasArg = false;

  clearflags(): void {
    this.widPresent = this.precPresent = this.minus = this.plus = false;
    this.sharp = this.space = this.zero = this.plusV = this.sharpV = false;
    this.wid = this.prec = 0;
  }

  // ---- format.go ----

  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.zero ? "0" : " ").repeat(n);
  }

  padString(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  fmtBoolean(v: boolean): void {
    this.padString(v ? "true" : "false");
  }

  fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let s = u.toString(16).toUpperCase();
    if (s.length < prec) s = "0".repeat(prec - s.length) + s;
    s = "U+" + s;
    if (this.sharp && u <= 0x10ffffn && isPrint(Number(u)))
      s += " '" + String.fromCodePoint(Number(u)) + "'";
    const oldZero = this.zero;
    this.zero = false;
    this.padString(s);
    this.zero = oldZero;
  }

  /** fmt.fmtInteger: v is the integer's value; `unsigned` prints its 64-bit two's complement. */
  fmtInteger(v: number, base: number, isSigned: boolean, verb: string, digits: string): void {
    let negative = isSigned && v < 0;
    let u: number | bigint = negative ? -v : v;
    if (!isSigned && v < 0) {
      u = BigInt.asUintN(64, BigInt(v));
      negative = false;
    }
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0) {
        const oldZero = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = oldZero;
        return;
      }
    } else if (this.zero && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--; // leave room for sign
    }
    let s: string;
    if (typeof u === "bigint" || u <= Number.MAX_SAFE_INTEGER) s = u.toString(base);
    else s = bigIntString(u, isSigned, negative, base);
    if (digits === udigits) s = s.toUpperCase();
    if (s.length < prec) s = "0".repeat(prec - s.length) + s;
    if (this.sharp) {
      if (base === 2) s = "0b" + s;
      else if (base === 8) {
        if (s[0] !== "0") s = "0" + s;
      } else if (base === 16) s = "0" + digits[16]! + s;
    }
    if (verb === "O") s = "0o" + s;
    if (negative) s = "-" + s;
    else if (this.plus) s = "+" + s;
    else if (this.space) s = " " + s;
    const oldZero = this.zero;
    this.zero = false;
    this.padString(s);
    this.zero = oldZero;
  }

  truncateString(s: string): string {
    if (this.precPresent) {
      let n = this.prec;
      let i = 0;
      for (const ch of s) {
        n--;
        if (n < 0) return s.slice(0, i);
        i += ch.length;
      }
    }
    return s;
  }

  fmtS(s: string): void {
    this.padString(this.truncateString(s));
  }

  /** %x of a string or []byte: hex of the bytes, `% x` spaced, `%#x` 0x-prefixed. */
  fmtSbx(b: Uint8Array, digits: string): void {
    let length = b.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) {
        width += 2;
      }
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    let out = "";
    if (this.sharp) out += "0" + digits[16]!;
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        out += " ";
        if (this.sharp) out += "0" + digits[16]!;
      }
      const c = b[i]!;
      out += digits[c >> 4]! + digits[c & 0xf]!;
    }
    this.buf += out;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  fmtQ(s: string): void {
    s = this.truncateString(s);
    if (this.sharp && canBackquote(s)) {
      this.padString("`" + s + "`");
      return;
    }
    this.padString(this.plus ? quoteToASCII(s) : quote(s));
  }

  fmtC(c: number): void {
    let r = c;
    if (c < 0 || c > 0x10ffff || (c >= 0xd800 && c < 0xe000)) r = 0xfffd;
    this.padString(String.fromCodePoint(r));
  }

  fmtQc(c: number): void {
    let r = c;
    if (c < 0 || c > 0x10ffff) r = 0xfffd;
    this.padString(this.plus ? quoteRuneToASCII(r) : quoteRune(r));
  }

  /** fmt.fmtFloat: formats with the sign always present, then applies flags and padding. */
  fmtFloatStr(
    v: number,
    size: 32 | 64,
    verb: "e" | "E" | "f" | "g" | "G" | "b" | "x" | "X",
    prec: number,
  ): void {
    if (this.precPresent) prec = this.prec;
    let num = formatFloat(v, verb, prec, size);
    if (num[0] === "-" || num[0] === "+") {
      // already signed
    } else {
      num = "+" + num;
    }
    if (this.space && num[0] === "+" && !this.plus) num = " " + num.slice(1);
    if (num[1] === "I" || num[1] === "N") {
      const oldZero = this.zero;
      this.zero = false;
      if (num[1] === "N" && !this.space && !this.plus) num = num.slice(1);
      this.padString(num);
      this.zero = oldZero;
      return;
    }
    if (this.sharp && verb !== "b") {
      let digits = 0;
      if (verb === "g" || verb === "G" || verb === "x") {
        digits = prec;
        // If no precision is set explicitly use a precision of 6.
        if (digits === -1) digits = 6;
      }
      let tail = "";
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      let body = num;
      for (let i = 1; i < body.length; i++) {
        const c = body[i]!;
        if (c === ".") {
          hasDecimalPoint = true;
        } else if (c === "p" || c === "P") {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        } else if ((c === "e" || c === "E") && verb !== "x" && verb !== "X") {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        } else {
          if (c !== "0") sawNonzeroDigit = true;
          if (sawNonzeroDigit) digits--;
        }
      }
      if (!hasDecimalPoint) {
        // Leading digit 0 should contribute once to digits.
        if (body.length === 2 && body[1] === "0") digits--;
        body += ".";
      }
      if (digits > 0) body += "0".repeat(digits);
      num = body + tail;
    }
    if (this.plus || num[0] !== "+") {
      // If we're zero padding to the left we want the sign before the leading zeros.
      if (this.zero && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.padString(num);
      return;
    }
    // No sign to show and the number is positive; just print the unsigned number.
    this.padString(num.slice(1));
  }

  // ---- print.go ----

  badVerb(verb: string): void {
    this.erroring = true;
    this.buf += "%!" + verb + "(";
    if (this.hasArg) {
      this.buf += typeName(this.arg) + "=";
      this.printArg(this.arg, "v");
    } else {
      this.buf += "<nil>";
    }
    this.buf += ")";
    this.erroring = false;
  }

  fmtBool(v: boolean, verb: string): void {
    if (verb === "t" || verb === "v") this.fmtBoolean(v);
    else this.badVerb(verb);
  }

  fmt0x64(v: number, leading0x: boolean): void {
    const sharp = this.sharp;
    this.sharp = leading0x;
    this.fmtInteger(v, 16, false, "v", ldigits);
    this.sharp = sharp;
  }

  fmtInt(v: number, isSigned: boolean, verb: string): void {
    switch (verb) {
      case "v":
        if (this.sharpV && !isSigned) this.fmt0x64(v, true);
        else this.fmtInteger(v, 10, isSigned, verb, ldigits);
        break;
      case "d":
        this.fmtInteger(v, 10, isSigned, verb, ldigits);
        break;
      case "b":
        this.fmtInteger(v, 2, isSigned, verb, ldigits);
        break;
      case "o":
      case "O":
        this.fmtInteger(v, 8, isSigned, verb, ldigits);
        break;
      case "x":
        this.fmtInteger(v, 16, isSigned, verb, ldigits);
        break;
      case "X":
        this.fmtInteger(v, 16, isSigned, verb, udigits);
        break;
      case "c":
        this.fmtC(v);
        break;
      case "q":
        this.fmtQc(v);
        break;
      case "U":
        this.fmtUnicode(BigInt.asUintN(64, BigInt(v)));
        break;
      default:
        this.badVerb(verb);
    }
  }

  fmtFloat(v: number, size: 32 | 64, verb: string): void {
    switch (verb) {
      case "v":
        this.fmtFloatStr(v, size, "g", -1);
        break;
      case "b":
      case "g":
      case "G":
      case "x":
      case "X":
        this.fmtFloatStr(v, size, verb, -1);
        break;
      case "f":
      case "e":
      case "E":
        this.fmtFloatStr(v, size, verb, 6);
        break;
      case "F":
        this.fmtFloatStr(v, size, "f", 6);
        break;
      default:
        this.badVerb(verb);
    }
  }

  fmtString(v: string, verb: string): void {
    switch (verb) {
      case "v":
        if (this.sharpV) this.fmtQ(v);
        else this.fmtS(v);
        break;
      case "s":
        this.fmtS(v);
        break;
      case "x":
        this.fmtSbx(stringToBytes(v), ldigits);
        break;
      case "X":
        this.fmtSbx(stringToBytes(v), udigits);
        break;
      case "q":
        this.fmtQ(v);
        break;
      default:
        this.badVerb(verb);
    }
  }

  fmtBytes(v: Uint8Array, verb: string, typeString: string): void {
    switch (verb) {
      case "v":
      case "d":
        if (this.sharpV) {
          this.buf += typeString + "{";
          for (let i = 0; i < v.length; i++) {
            if (i > 0) this.buf += ", ";
            this.fmt0x64(v[i]!, true);
          }
          this.buf += "}";
        } else {
          this.buf += "[";
          for (let i = 0; i < v.length; i++) {
            if (i > 0) this.buf += " ";
            this.fmtInteger(v[i]!, 10, false, verb, ldigits);
          }
          this.buf += "]";
        }
        break;
      case "s":
        this.padString(this.truncateString(bytesToString(v)));
        break;
      case "x":
        this.fmtSbx(v, ldigits);
        break;
      case "X":
        this.fmtSbx(v, udigits);
        break;
      case "q":
        if (this.precPresent || this.sharp) this.fmtQ(bytesToString(v));
        else this.padString(quoteBytes(v, this.plus));
        break;
      default:
        // Go prints the bytes as a slice of uint8 with the verb applied to each.
        this.printSlice(
          Array.from(v),
          verb,
          0,
          typeString === "[]byte" ? "[]uint8" : typeString,
          true,
        );
    }
  }

  fmtPointer(v: GoValue, verb: string): void {
    // Only reference kinds have an address: maps, slices, funcs and pointers.
    const isRef =
      v !== null &&
      typeof v === "object" &&
      !(v instanceof GoInt) &&
      !(v instanceof GoObject && !v.goType.startsWith("*"));
    if (!isRef) {
      this.badVerb(verb);
      return;
    }
    const u = addressOf(v);
    switch (verb) {
      case "v":
        if (this.sharpV) {
          this.buf += "(" + typeName(v) + ")(";
          this.fmt0x64(u, true);
          this.buf += ")";
        } else {
          this.fmt0x64(u, !this.sharp);
        }
        break;
      case "p":
        this.fmt0x64(u, !this.sharp);
        break;
      case "b":
      case "o":
      case "d":
      case "x":
      case "X":
        this.fmtInt(u, false, verb);
        break;
      default:
        this.badVerb(verb);
    }
  }

  /** Go's handleMethods for our Stringer-like objects; true when it printed the value. */
  handleMethods(v: GoObject, verb: string): boolean {
    if (this.erroring || isFmtStruct(v)) return false;
    if (this.sharpV) return false;
    switch (verb) {
      case "v":
      case "s":
      case "x":
      case "X":
      case "q":
        this.fmtString(v.format(), verb);
        return true;
    }
    return false;
  }

  printArg(arg: GoValue, verb: string): void {
    this.arg = arg;
    this.hasArg = arg !== undefined && arg !== null;
    if (!this.hasArg) {
      if (verb === "T" || verb === "v") this.padString("<nil>");
      else this.badVerb(verb);
      return;
    }
    // %T (the value's type) and %p (its address) come first.
    if (verb === "T") {
      this.fmtS(typeName(arg));
      return;
    }
    if (verb === "p") {
      this.fmtPointer(arg, "p");
      return;
    }
    switch (typeof arg) {
      case "boolean":
        this.fmtBool(arg, verb);
        return;
      case "number":
        this.fmtFloat(arg, 64, verb);
        return;
      case "string":
        this.fmtString(arg, verb);
        return;
    }
    if (arg instanceof Uint8Array) {
      this.fmtBytes(arg, verb, "[]byte");
      return;
    }
    this.printValue(arg, verb, 0);
  }

  /** Go's printValue: containers print their elements with the same verb and flags. */
  printValue(v: GoValue, verb: string, depth: number): void {
    if (v instanceof GoObject && this.handleMethods(v, verb)) return;
    this.arg = v;
    this.hasArg = v !== undefined && v !== null;
    if (v === undefined || v === null) {
      // An element of an interface{} slice or map that holds nil.
      if (this.sharpV) this.buf += "interface {}(nil)";
      else this.buf += "<nil>";
      return;
    }
    switch (typeof v) {
      case "boolean":
        this.fmtBool(v, verb);
        return;
      case "number":
        this.fmtFloat(v, 64, verb);
        return;
      case "string":
        this.fmtString(v, verb);
        return;
    }
    if (v instanceof GoInt) {
      this.fmtInt(v.value, !isUnsigned(v.kind), verb);
      return;
    }
    if (Array.isArray(v)) {
      this.printSlice(v, verb, depth, sliceType(v), false);
      return;
    }
    if (v instanceof Uint8Array) {
      if (verb === "s" || verb === "q" || verb === "x" || verb === "X") {
        this.fmtBytes(v, verb, "[]uint8");
        return;
      }
      this.printSlice(Array.from(v), verb, depth, "[]uint8", true);
      return;
    }
    if (v instanceof GoObject) {
      this.printObject(v, verb, depth);
      return;
    }
    if (isGoFunction(v)) {
      this.fmtPointer(v, verb);
      return;
    }
    this.printMap(v, verb, depth);
  }

  printSlice(
    items: GoValue[] | number[],
    verb: string,
    depth: number,
    type: string,
    bytes: boolean,
  ): void {
    const elem = (x: GoValue | number): GoValue =>
      bytes ? new GoInt(x as number, "uint8") : (x as GoValue);
    if (this.sharpV) {
      this.buf += type + "{";
      for (let i = 0; i < items.length; i++) {
        if (i > 0) this.buf += ", ";
        this.printElem(elem(items[i]!), verb, depth + 1, type.slice(2));
      }
      this.buf += "}";
    } else {
      this.buf += "[";
      for (let i = 0; i < items.length; i++) {
        if (i > 0) this.buf += " ";
        this.printElem(elem(items[i]!), verb, depth + 1, type.slice(2));
      }
      this.buf += "]";
    }
  }

  /**
   * An element of a container of type elemType: an interface{} element that holds a value
   * prints as that value (Go descends through the interface); with %#v a concrete-typed
   * element's nil prints as that type's nil.
   */
  printElem(v: GoValue, verb: string, depth: number, elemType: string): void {
    if ((v === null || v === undefined) && elemType !== "interface {}") {
      // A typed nil: nil maps and slices print empty, other nils as <nil>.
      if (this.sharpV) this.buf += elemType + "(nil)";
      else if (elemType.startsWith("map[")) this.buf += "map[]";
      else if (elemType.startsWith("[]")) this.buf += "[]";
      else this.buf += "<nil>";
      return;
    }
    this.printValue(v, verb, depth);
  }

  printMap(m: GoMap, verb: string, depth: number): void {
    const type = mapType(m);
    const elemType = mapElemType(m);
    const keys = sortedKeys(m);
    if (this.sharpV) this.buf += type + "{";
    else this.buf += "map[";
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) this.buf += this.sharpV ? ", " : " ";
      const k = keys[i]!;
      this.printValue(k, verb, depth + 1);
      this.buf += ":";
      this.printElem(m[k], verb, depth + 1, elemType);
    }
    this.buf += this.sharpV ? "}" : "]";
  }

  printObject(v: GoObject, verb: string, depth: number): void {
    const isPtr = v.goType.startsWith("*");
    if (!isFmtStruct(v)) {
      // Only reachable for verbs a Stringer does not handle (or while printing an error):
      // print its text as the operand of a bad verb would show it.
      if (verb === "v" || verb === "s") this.fmtS(v.format());
      else if (this.erroring) this.buf += v.format();
      else this.badVerb(verb);
      return;
    }
    if (isPtr && depth > 0) {
      this.fmtPointer(v, verb);
      return;
    }
    if (isPtr && !this.indirect) this.buf += "&";
    if (this.sharpV) this.buf += isPtr ? v.goType.slice(1) : v.goType;
    this.buf += "{";
    const fields = v.fmtFields();
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) this.buf += this.sharpV ? ", " : " ";
      const [name, value] = fields[i]!;
      if (this.plusV || this.sharpV) this.buf += name + ":";
      this.printValue(value, verb, depth + 1);
    }
    this.buf += "}";
  }

  // ---- Sprintf ----

  doPrintf(format: string, a: GoValue[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    let reordered = false;
    let goodArgNum = true;

    const parsenum = (start: number): [number, boolean, number] => {
      let num = 0;
      let isnum = false;
      let i = start;
      for (; i < end; i++) {
        const c = format.charCodeAt(i);
        if (c < 48 || c > 57) break;
        if (num > 1e6 || num < -1e6) return [0, false, end]; // Overflow; crazy long number most likely.
        num = num * 10 + (c - 48);
        isnum = true;
      }
      return [num, isnum, i];
    };

    const argNumber = (i: number): [number, number, boolean] => {
      if (i >= end || format[i] !== "[") return [argNum, i, false];
      reordered = true;
      // parseArgNumber: there must be at least 3 bytes: [n].
      let index = 0;
      let wid = 1;
      let ok = false;
      if (end - i >= 3) {
        for (let j = i + 1; j < end; j++) {
          if (format[j] === "]") {
            const [width, isnum, newi] = parsenum(i + 1);
            if (!isnum || newi !== j) {
              index = 0;
              wid = j - i + 1;
              ok = false;
            } else {
              index = width - 1;
              wid = j - i + 1;
              ok = true;
            }
            break;
          }
        }
      }
      if (ok && index >= 0 && index < a.length) return [index, i + wid, true];
      goodArgNum = false;
      return [argNum, i + wid, ok];
    };

    const intFromArg = (): [number, boolean] => {
      let num = 0;
      let isInt = false;
      if (argNum < a.length) {
        const v = a[argNum];
        if (v instanceof GoInt) {
          num = v.value;
          isInt = true;
        }
        argNum++;
        if (num > 1e6 || num < -1e6) {
          num = 0;
          isInt = false;
        }
      }
      return [num, isInt];
    };

    let i = 0;
    formatLoop: while (i < end) {
      goodArgNum = true;
      const lasti = i;
      while (i < end && format.charCodeAt(i) !== 37) i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++; // skip %

      this.clearflags();
      simple: for (; i < end; i++) {
        const c = format[i]!;
        switch (c) {
          case "#":
            this.sharp = true;
            break;
          case "0":
            this.zero = !this.minus; // Only allow zero padding to the left.
            break;
          case "+":
            this.plus = true;
            break;
          case "-":
            this.minus = true;
            this.zero = false; // Do not pad with zeros to the right.
            break;
          case " ":
            this.space = true;
            break;
          default:
            // Fast path for a lower case verb without width, precision or index.
            if (c >= "a" && c <= "z" && argNum < a.length) {
              if (c === "v") {
                this.sharpV = this.sharp;
                this.sharp = false;
                this.plusV = this.plus;
                this.plus = false;
              }
              this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }

      // Do we have an explicit argument index?
      [argNum, i, afterIndex] = argNumber(i);

      // Do we have width?
      if (i < end && format[i] === "*") {
        i++;
        [this.wid, this.widPresent] = intFromArg();
        if (!this.widPresent) this.buf += "%!(BADWIDTH)";
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        afterIndex = false;
      } else {
        [this.wid, this.widPresent, i] = parsenum(i);
        if (afterIndex && this.widPresent) goodArgNum = false; // "%[3]2d"
      }

      // Do we have precision?
      if (i + 1 < end && format[i] === ".") {
        i++;
        if (afterIndex) goodArgNum = false; // "%[3].2d"
        [argNum, i, afterIndex] = argNumber(i);
        if (i < end && format[i] === "*") {
          i++;
          [this.prec, this.precPresent] = intFromArg();
          // Negative precision arguments don't make sense.
          if (this.prec < 0) {
            this.prec = 0;
            this.precPresent = false;
          }
          if (!this.precPresent) this.buf += "%!(BADPREC)";
          afterIndex = false;
        } else {
          [this.prec, this.precPresent, i] = parsenum(i);
          if (!this.precPresent) {
            this.prec = 0;
            this.precPresent = true;
          }
        }
      }

      if (!afterIndex) [argNum, i, afterIndex] = argNumber(i);

      if (i >= end) {
        this.buf += "%!(NOVERB)";
        break;
      }

      const cp = format.codePointAt(i)!;
      const verb = String.fromCodePoint(cp);
      i += verb.length;

      if (verb === "%") {
        this.buf += "%"; // Percent does not absorb operands and ignores width and precision.
      } else if (!goodArgNum) {
        this.buf += "%!" + verb + "(BADINDEX)";
      } else if (argNum >= a.length) {
        this.buf += "%!" + verb + "(MISSING)";
      } else {
        if (verb === "v") {
          this.sharpV = this.sharp;
          this.sharp = false;
          this.plusV = this.plus;
          this.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }

    // Extra arguments are reported unless the format used explicit indexes.
    if (!reordered && argNum < a.length) {
      this.clearflags();
      this.buf += "%!(EXTRA ";
      for (let k = argNum; k < a.length; k++) {
        if (k > argNum) this.buf += ", ";
        const arg = a[k];
        if (arg === undefined || arg === null) {
          this.buf += "<nil>";
        } else {
          this.buf += typeName(arg) + "=";
          this.printArg(arg, "v");
        }
      }
      this.buf += ")";
    }
  }
}

/** %v of one value (what `{{ . }}` prints, through fmt.Fprint). */
export function formatValue(v: GoValue): string {
  // Fast paths for the common scalars; everything else goes through the printer.
  switch (typeof v) {
    case "string":
      return v;
    case "boolean":
      return v ? "true" : "false";
    case "number":
      // Within [1e-4, 1e6) Go's %v and JS both print the shortest digits without an exponent.
      if ((v >= 1e-4 && v < 1e6) || (v <= -1e-4 && v > -1e6) || (v === 0 && !Object.is(v, -0)))
        return String(v);
      return formatFloat(v, "g", -1, 64);
    case "undefined":
      return "<nil>";
  }
  if (v === null) return "<nil>";
  if (v instanceof GoInt && Number.isSafeInteger(v.value)) return String(v.value);
  const p = new Printer();
  p.printArg(v, "v");
  return p.buf;
}

/**
 * What `{{ value }}` prints: text/template's printValue dereferences a pointer that is not a
 * Stringer before fmt.Fprint, so a pointer to a plain struct prints as {a b}, not &{a b}.
 */
export function formatIndirect(v: GoValue): string {
  if (!(v instanceof GoObject)) return formatValue(v);
  const p = new Printer();
  p.indirect = true;
  p.printArg(v, "v");
  return p.buf;
}

/** fmt.Sprint: operands in %v, a space between two operands when neither is a string. */
export function sprint(...args: GoValue[]): string {
  let out = "";
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const isString = typeof args[i] === "string";
    if (i > 0 && !isString && !prevString) out += " ";
    out += formatValue(args[i]);
    prevString = isString;
  }
  return out;
}

/** fmt.Sprintln: operands in %v, always space-separated, and a newline. */
export function sprintln(...args: GoValue[]): string {
  let out = "";
  for (let i = 0; i < args.length; i++) {
    if (i > 0) out += " ";
    out += formatValue(args[i]);
  }
  return out + "\n";
}

/** fmt.Sprintf */
export function sprintf(format: string, ...args: GoValue[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.buf;
}
