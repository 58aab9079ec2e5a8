/**
 * Test support for the sprig function modules: renders the small templates the tests recorded
 * from helm (`{{ trunc 3 "hello" }}`) with the real evaluator, so a test table is just
 * template → what helm printed.
 */
import { TemplateExecError, TemplateSet } from "../../template.js";
import { stringToBytes } from "../../strconv.js";
import type { GoMap } from "../../value.js";
import type { FuncMap } from "../types.js";

/**
 * Renders `tpl` as helm would print it (`<no value>` blanked); a function's error becomes "ERR:"
 * and its message, without text/template's `template: … error calling NAME: ` prefix.
 */
export function render(tpl: string, funcs: FuncMap, values: GoMap = testValues()): string {
  const set = new TemplateSet(funcs, { missingKey: "zero" });
  set.parse("t", tpl);
  try {
    // As the recorded expectations read helm's output: bytes decoded as UTF-8, invalid ones as U+FFFD.
    const out = set.execute("t", { Values: values, ...values }).replaceAll("<no value>", "");
    return new TextDecoder().decode(stringToBytes(out));
  } catch (e) {
    if (!(e instanceof TemplateExecError)) throw e;
    const m = /error calling \w+: ([\s\S]*)$/.exec(e.message);
    if (!m) throw e;
    return "ERR:" + m[1]!;
  }
}

/** The values.yaml every recorded case was rendered with (numbers are float64, as helm decodes them). */
export const testValues = (): GoMap => ({
  f: 1.5,
  num: 3,
  big: 1000000,
  s: "hello",
  list: [1, 2, 3],
  strs: ["b", "a", "c"],
  m: { a: 1, b: "x" },
  nul: null,
  empty: "",
  t: true,
});
