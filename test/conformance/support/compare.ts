import { createHash } from "node:crypto";

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
 * where MSG may run over several lines (`x/templates/y.yaml:1:6` /
 * `  executing "…" at <include "bad" .>:` / `    error calling include:` / the
 * included template's error…) up to a blank line, after which helm adds
 * `Use --debug flag…`. wheelhouse prints `Error: MSG` too and may add its own
 * `Hint: ` line, which is not part of MSG. Returns MSG, or the first line of
 * stderr marked as such when no `Error: ` line exists.
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
    if (line.trim() === "" || line.startsWith("Hint: ")) break;
    message.push(line);
  }
  return message.join("\n");
}

/**
 * A long message (helm's include-recursion error runs to 100 kB) shortened to
 * its ends plus a digest of the whole, so equality stays exact and a failing
 * comparison still prints a readable diff.
 */
export function comparable(message: string): string {
  if (message.length <= 4000) return message;
  const digest = createHash("sha256").update(message).digest("hex").slice(0, 16);
  return `${message.slice(0, 1500)}\n… [${message.length} chars, sha256 ${digest}] …\n${message.slice(-1500)}`;
}
