/**
 * Go's fmt/print.go: how one operand prints under one verb (printArg → handleMethods →
 * printValue, then the per-kind formatters), containers with their elements in the same verb,
 * and the `%!verb(type=value)` forms of a verb that does not fit.
 *
 * GoObject: an object is printed through its `format()` as a fmt.Stringer would be (verbs v s x X
 * q), unless it implements `FmtStruct`, in which case it prints as a plain Go struct ({a b},
 * %+v {A:a B:b}, %#v pkg.T{A:a}).
 */
import { bytesToString, stringToBytes } from "../strconv/byteString.js";
import { quoteBytes } from "../strconv/quote.js";
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
} from "../value.js";
import { Formatter, ldigits, udigits } from "./format.js";

/** A GoObject that prints as a plain struct: its exported fields in declaration order. */
export interface FmtStruct {
  fmtFields(): Array<[string, GoValue]>;
}

function isFmtStruct(v: GoObject): v is GoObject & FmtStruct {
  return typeof (v as Partial<FmtStruct>).fmtFields === "function";
}

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

/** One Sprintf/Sprint call's printer (Go's pp). */
export class Printer extends Formatter {
  erroring = false;
  /** Print a top-level pointer to a struct as the struct (text/template derefs before printing). */
  indirect = false;
  /** The operand being printed (for badVerb); `hasArg` false = a nil/invalid operand. */
  arg: GoValue = undefined;
  hasArg = false;

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
}
