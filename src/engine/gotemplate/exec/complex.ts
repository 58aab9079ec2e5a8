import { formatValue } from "../fmt.js";
import { GoObject } from "../value.js";

/** A complex128 constant (`{{ 1+2i }}` prints "(1+2i)"); nothing else in templates makes one. */
export class GoComplex extends GoObject {
  readonly goType = "complex128";
  constructor(
    readonly real: number,
    readonly imag: number,
  ) {
    super();
  }
  format(): string {
    const im = formatValue(this.imag);
    return `(${formatValue(this.real)}${im.startsWith("-") || im.startsWith("+") ? "" : "+"}${im}i)`;
  }
}
