/** Reading `helm template` output: documents by `# Source:` path, and the first error line. */

const SOURCE_HEADER = /^---\n# Source: (.*)\n/gm;

/**
 * Each template's share of the output, keyed by its Source path (e.g.
 * `c/templates/x.yaml`), each chunk with its `---`/`# Source:` header and in
 * output order. Text before the first header is kept under "".
 */
export function splitBySource(stdout: string): Map<string, string> {
  const parts = new Map<string, string>();
  const add = (path: string, text: string): void => {
    parts.set(path, (parts.get(path) ?? "") + text);
  };
  let last = 0;
  let path = "";
  for (const match of stdout.matchAll(SOURCE_HEADER)) {
    if (match.index > last) add(path, stdout.slice(last, match.index));
    path = match[1]!;
    last = match.index;
  }
  if (last < stdout.length) add(path, stdout.slice(last));
  return parts;
}

/**
 * The error a user reads first: helm prints `Error: MSG` (after any log
 * lines); wheelhouse the same. Returns MSG's first line, or the first line of
 * stderr marked as such when no `Error: ` line exists.
 */
export function firstErrorLine(stderr: string): string {
  const lines = stderr.split("\n");
  const error = lines.find((l) => l.startsWith("Error: "));
  if (error !== undefined) return error.slice("Error: ".length);
  const first = lines.find((l) => l.trim() !== "");
  return `(no "Error: " line) ${first ?? "(empty stderr)"}`;
}
