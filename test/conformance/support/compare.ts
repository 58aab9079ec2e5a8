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
 * The error a user reads: helm prints `Error: MSG` (after any log lines),
 * and for some execution errors continues MSG on indented lines
 * (`  executing "x/templates/a.yaml" at <12>:` / `    expected string; found 12`);
 * wheelhouse prints the same. Returns MSG with those continuation lines, or
 * the first line of stderr marked as such when no `Error: ` line exists.
 */
export function errorMessage(stderr: string): string {
  const lines = stderr.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Error: "));
  if (start < 0) {
    const first = lines.find((l) => l.trim() !== "");
    return `(no "Error: " line) ${first ?? "(empty stderr)"}`;
  }
  const message = [lines[start]!.slice("Error: ".length)];
  for (const line of lines.slice(start + 1)) {
    if (!/^\s+\S/.test(line)) break;
    message.push(line);
  }
  return message.join("\n");
}
