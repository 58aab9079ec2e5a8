/**
 * js-yaml's syntax errors in libyaml's words (yaml.v2 is a port of libyaml), and the documents
 * js-yaml refuses that yaml.v2 reads because it stops after the root node.
 */
import type { YAMLException } from "js-yaml";
import { conversionError as wrap, type HelmYamlError, type ReadOptions } from "./errors.js";

/**
 * js-yaml's reasons for the syntax errors people make most, in libyaml's words (yaml.v2 is a port
 * of libyaml), and the line yaml.v2 reports: scanner errors name the line of the problem, parser
 * errors the line before it (yaml.v2 prints a 0-based mark there).
 */
const LIBYAML_REASONS: [RegExp, string, number][] = [
  [/a multiline key may not be an implicit key/, "could not find expected ':'", 0],
  [/bad indentation of a mapping entry/, "did not find expected key", -1],
  [/bad indentation of a sequence entry/, "did not find expected '-' indicator", -1],
  [
    /end of the stream within a (?:double|single) quoted scalar/,
    "found unexpected end of stream",
    0,
  ],
  [/end of the stream within a flow collection/, "did not find expected node content", -1],
  [/missed comma between flow collection entries/, "did not find expected ',' or ']'", -1],
  [/end of the stream or a document separator is expected/, "did not find expected key", -1],
  // A line starting with ": " (a value with no key) where libyaml's parser wants a key.
  [/incomplete explicit mapping pair; a key node is missed/, "did not find expected key", -1],
];

function parseError(err: YAMLException, doc: string, opts: ReadOptions): HelmYamlError {
  const helmError = libyamlError(err, doc, opts);
  if (err.mark) {
    helmError.at = { line: err.mark.line + 1, column: err.mark.column + 1, reason: err.reason };
  }
  return helmError;
}

function libyamlError(err: YAMLException, doc: string, opts: ReadOptions): HelmYamlError {
  const alias = /^unidentified alias "(.*)"$/.exec(err.reason);
  if (alias) return wrap(`yaml: unknown anchor '${alias[1]}' referenced`, undefined, opts);
  let line = (err.mark?.line ?? 0) + 1;
  let reason = err.reason;
  if (/end of the stream within a flow collection/.test(reason)) {
    // libyaml: an unclosed collection with an item in it lacks its ',' or closing bracket.
    const before = doc.slice(0, err.mark?.position ?? doc.length);
    const open = Math.max(before.lastIndexOf("["), before.lastIndexOf("{"));
    if (open >= 0 && before.slice(open + 1).trim() !== "") {
      const close = before[open] === "[" ? "]" : "}";
      return wrap(
        `yaml: line ${line - 1}: did not find expected ',' or '${close}'`,
        line - 1,
        opts,
      );
    }
  }
  for (const [re, text, shift] of LIBYAML_REASONS) {
    if (re.test(reason)) {
      reason = text;
      line += shift;
      break;
    }
  }
  // yaml.v2 leaves the line out when its (0-based) mark is on the first line.
  if (line < 1) return wrap(`yaml: ${reason}`, undefined, opts);
  return wrap(`yaml: line ${line}: ${reason}`, line, opts);
}

const SKIPPED_LINE = /^\s*(?:#.*)?$/;
/** A plain scalar can start with these (an indicator only when followed by a non-space). */
const PLAIN_START = /^(?:[^-?:,[\]{}#&*!|>'"%@`\s]|[-?:][^\s,[\]{}])/;
/** Where a plain scalar's text stops on a line: ": ", a final ":", or " #". */
const PLAIN_STOP = /:(?:\s|$)|\s#/;

/**
 * The text of a document's root node when it is a plain scalar that runs past its first line
 * and ends at a mapping value or a comment (`a\n: b`, `map[a:1]\n: :`): a key cannot span
 * lines, so libyaml's root is that scalar and yaml.v2, which reads one node per document,
 * never parses the rest — where js-yaml reports an error. `{line}` when a later line of the
 * scalar holds a ": " (libyaml's "mapping values are not allowed in this context"), undefined
 * for any other document.
 */
function rootPlainScalar(doc: string): string | { line: number } | undefined {
  const lines = doc.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  let i = 0;
  while (i < lines.length && (SKIPPED_LINE.test(lines[i]!) || lines[i]!.startsWith("%"))) i++;
  if (i < lines.length && /^---\s*(?:#.*)?$/.test(lines[i]!)) {
    i++;
    while (i < lines.length && SKIPPED_LINE.test(lines[i]!)) i++;
  }
  if (i >= lines.length) return undefined;
  const first = lines[i]!.trim();
  if (!PLAIN_START.test(first) || PLAIN_STOP.test(first)) return undefined;
  let text = first;
  let breaks = 0;
  for (let j = i + 1; j < lines.length; j++) {
    const line = lines[j]!;
    if (/^(?:---|\.\.\.)(?:\s|$)/.test(line)) return undefined;
    const t = line.trim();
    if (t === "") {
      breaks++;
      continue;
    }
    const stop = t.startsWith("#") ? 0 : (PLAIN_STOP.exec(t)?.index ?? -1);
    // A ':' later in a continuation line comes where no key may start (libyaml's scanner error).
    if (stop > 0 && t[stop] === ":") return { line: j + 1 };
    const part = stop < 0 ? t : t.slice(0, stop).trimEnd();
    if (part !== "") {
      // Line folding: one break is a space, each further (blank) line a newline.
      text += breaks > 0 ? "\n".repeat(breaks) : " ";
      text += part;
    }
    breaks = 0;
    if (stop >= 0) return text;
  }
  return undefined;
}

/**
 * What yaml.v2 makes of a document js-yaml refused: the text of its root plain scalar when the
 * rest is never parsed, else the error in libyaml's words (a HelmYamlError is thrown).
 */
export function rootScalarOrThrow(err: YAMLException, doc: string, opts: ReadOptions): string {
  const scalar = rootPlainScalar(doc);
  if (scalar === undefined) throw parseError(err, doc, opts);
  if (typeof scalar !== "string") {
    const reason = `yaml: line ${scalar.line}: mapping values are not allowed in this context`;
    throw wrap(reason, scalar.line, opts);
  }
  return scalar;
}
