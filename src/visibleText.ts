/**
 * Text from charts and release records (names, descriptions, NOTES, manifests, error messages
 * that quote them) is untrusted: a terminal obeys the control characters in it, so a chart could
 * retitle the window (ESC ] 0 ; … BEL), clear it (ESC [ 2 J) or move the cursor up and erase
 * lines a reviewer needs to see (ESC [ 17 A ESC [ 0 J), and bidirectional overrides reorder what
 * is shown (Trojan Source, CVE-2021-42574). Every human-readable output passes such text through
 * here before it is styled, so our own colours survive and theirs become visible.
 *
 * The escapes are YAML's double-quoted ones (yaml.org/spec/1.2.2 §5.7), which js-yaml and helm's
 * YAML also print: `\e` for ESC, `\r`, `\b`, `\a`, `\0`, `\t`, `\n`, `\v`, `\f`, then `\x1f`
 * for other C0 controls, DEL (`\x7f`) and C1 controls (U+0080–U+009F: `\x9b` is the one-character
 * CSI, `\x9d` OSC), and `\u202e` for the bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069). A backslash already in the text is left alone: it is printable,
 * and doubling it would garble every Windows path and regular expression for no safety gain.
 * Both functions are idempotent: their output has no control characters left. Which outputs are
 * for a person and which keep their bytes: docs/release-storage.md#what-the-terminal-is-shown.
 */

const NAMED: Record<string, string> = {
  "\0": "\\0",
  "\x07": "\\a",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\v": "\\v",
  "\f": "\\f",
  "\r": "\\r",
  "\x1b": "\\e",
};

// C0 without tab and newline, DEL, C1, bidi embeddings/overrides (202A–202E) and isolates (2066–2069).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const IN_BLOCK = /[\0-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above
const IN_LINE = /[\0-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

function escape(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * One line of untrusted text (a table cell, a name, a title): every control character visible,
 * tab and newline included — a tab would shift a column, a newline would fake a row.
 */
export function visibleLine(text: string): string {
  IN_LINE.lastIndex = 0;
  return IN_LINE.test(text) ? text.replace(IN_LINE, escape) : text;
}

/**
 * A block of untrusted lines (NOTES, a manifest, a diff line, an error's details): newline and
 * tab stay for the layout, a CR that ends a CRLF line is dropped (it moves nothing the newline
 * does not), and every other control character is made visible — a lone CR included, since it
 * returns to the start of the line to overwrite it.
 */
export function visibleText(text: string): string {
  const lf = text.includes("\r\n") ? text.replace(/\r+\n/g, "\n") : text;
  IN_BLOCK.lastIndex = 0;
  return IN_BLOCK.test(lf) ? lf.replace(IN_BLOCK, escape) : lf;
}

/**
 * A message of our own with untrusted values in it: the literal parts are kept, each value is
 * shown as one line. `visible\`Release "${name}" has been upgraded.\``
 */
export function visible(strings: TemplateStringsArray, ...values: unknown[]): string {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += visibleLine(String(value)) + (strings[i + 1] ?? "");
  });
  return out;
}
