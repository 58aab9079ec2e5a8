/**
 * Go's doPrintf: reads the format string — flags, width, precision, explicit argument indexes
 * (`%[2]*[1]d`) — and hands each verb and its operand to the printer, writing Go's
 * `%!(BADWIDTH)`, `%!v(MISSING)`, `%!(EXTRA …)` notes where the format and the operands disagree.
 */
import { GoInt, typeName, type GoValue } from "../value.js";
import type { Printer } from "./print.js";

export function doPrintf(p: Printer, format: string, a: GoValue[]): void {
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
    if (i > lasti) p.buf += format.slice(lasti, i);
    if (i >= end) break;
    i++; // skip %

    p.clearflags();
    simple: for (; i < end; i++) {
      const c = format[i]!;
      switch (c) {
        case "#":
          p.sharp = true;
          break;
        case "0":
          p.zero = !p.minus; // Only allow zero padding to the left.
          break;
        case "+":
          p.plus = true;
          break;
        case "-":
          p.minus = true;
          p.zero = false; // Do not pad with zeros to the right.
          break;
        case " ":
          p.space = true;
          break;
        default:
          // Fast path for a lower case verb without width, precision or index.
          if (c >= "a" && c <= "z" && argNum < a.length) {
            printVerb(p, a[argNum], c);
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
      [p.wid, p.widPresent] = intFromArg();
      if (!p.widPresent) p.buf += "%!(BADWIDTH)";
      if (p.wid < 0) {
        p.wid = -p.wid;
        p.minus = true;
        p.zero = false;
      }
      afterIndex = false;
    } else {
      [p.wid, p.widPresent, i] = parsenum(i);
      if (afterIndex && p.widPresent) goodArgNum = false; // "%[3]2d"
    }

    // Do we have precision?
    if (i + 1 < end && format[i] === ".") {
      i++;
      if (afterIndex) goodArgNum = false; // "%[3].2d"
      [argNum, i, afterIndex] = argNumber(i);
      if (i < end && format[i] === "*") {
        i++;
        [p.prec, p.precPresent] = intFromArg();
        // Negative precision arguments don't make sense.
        if (p.prec < 0) {
          p.prec = 0;
          p.precPresent = false;
        }
        if (!p.precPresent) p.buf += "%!(BADPREC)";
        afterIndex = false;
      } else {
        [p.prec, p.precPresent, i] = parsenum(i);
        if (!p.precPresent) {
          p.prec = 0;
          p.precPresent = true;
        }
      }
    }

    if (!afterIndex) [argNum, i, afterIndex] = argNumber(i);

    if (i >= end) {
      p.buf += "%!(NOVERB)";
      break;
    }

    const cp = format.codePointAt(i)!;
    const verb = String.fromCodePoint(cp);
    i += verb.length;

    if (verb === "%") {
      p.buf += "%"; // Percent does not absorb operands and ignores width and precision.
    } else if (!goodArgNum) {
      p.buf += "%!" + verb + "(BADINDEX)";
    } else if (argNum >= a.length) {
      p.buf += "%!" + verb + "(MISSING)";
    } else {
      printVerb(p, a[argNum], verb);
      argNum++;
    }
  }

  // Extra arguments are reported unless the format used explicit indexes.
  if (!reordered && argNum < a.length) {
    p.clearflags();
    p.buf += "%!(EXTRA ";
    for (let k = argNum; k < a.length; k++) {
      if (k > argNum) p.buf += ", ";
      const arg = a[k];
      if (arg === undefined || arg === null) {
        p.buf += "<nil>";
      } else {
        p.buf += typeName(arg) + "=";
        p.printArg(arg, "v");
      }
    }
    p.buf += ")";
  }
}

/** Prints one operand; for %v the # and + flags become %#v and %+v, as Go's doPrintf does. */
function printVerb(p: Printer, arg: GoValue, verb: string): void {
  if (verb === "v") {
    p.sharpV = p.sharp;
    p.sharp = false;
    p.plusV = p.plus;
    p.plus = false;
  }
  p.printArg(arg, verb);
}
