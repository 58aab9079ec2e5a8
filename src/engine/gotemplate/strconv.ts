/**
 * The parts of Go's strconv that templates see: float formatting (what `%v`, `%g`, `%.2f` and
 * cast.ToString print), string quoting (`%q`, sprig's quote does not use it but printf does),
 * number parsing with Go's accepted syntax and error texts, and the conversions between Go's
 * byte strings and ours. Each lives in strconv/; this is the package as its users import it.
 */
export { bytesToString, decodeRune, stringToBytes } from "./strconv/byteString.js";
export { formatFloat, type FloatFormat } from "./strconv/formatFloat.js";
export {
  NumError,
  atoi,
  parseBool,
  parseFloat,
  parseInt,
  parseIntBig,
  parseUint,
  underscoreOK,
} from "./strconv/parse.js";
export {
  canBackquote,
  isPrint,
  quote,
  quoteBytes,
  quoteRune,
  quoteRuneToASCII,
  quoteToASCII,
} from "./strconv/quote.js";
