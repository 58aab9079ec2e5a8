/**
 * Splits a YAML stream into documents exactly as Helm's SplitManifests does
 * (docs/chart-engine.md#splitting-documents): trim the whole text, split on the regular expression
 * `(?:^|\s*\n)---\s*`, drop empty documents, trim each one. Other text on a
 * `---` line stays with the next doc.
 *
 * The expression is evaluated by hand: as a JavaScript RegExp its `\s*\n`
 * backtracks through every run of indentation, and manifests are mostly
 * indentation. Go's `\s` is [\t\n\f\r ].
 *
 * helm keeps a document of comments only (it is printed and stored); wheelhouse's readers of
 * stored manifests drop them unless `keepComments` is set.
 */
export function splitManifest(text: string, options: { keepComments?: boolean } = {}): string[] {
  const stream = text.trim();
  const docs: string[] = [];
  // `^---`: a separator at the very start (the piece before it is empty).
  let start = stream.startsWith("---") ? skipSpace(stream, 3) : 0;
  for (;;) {
    // `\s*\n---`: the whitespace before the newline ends the previous piece,
    // which is trimmed anyway; the newline cannot be one a separator consumed.
    const at = stream.indexOf("\n---", start);
    if (at === -1) break;
    docs.push(stream.slice(start, at));
    start = skipSpace(stream, at + 4);
  }
  docs.push(stream.slice(start));
  return docs
    .map((doc) => doc.trim())
    .filter((doc) => doc.length > 0 && (options.keepComments === true || !isOnlyComments(doc)));
}

/** The index after the run of Go `\s` characters starting at `from`. */
function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && " \t\n\f\r".includes(text[i]!)) i++;
  return i;
}

function isOnlyComments(doc: string): boolean {
  return doc.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("#"));
}
