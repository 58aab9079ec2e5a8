/**
 * Splits a YAML stream into documents exactly as Helm's SplitManifests does
 * (§5): trim the whole text, split where `---` starts a line, drop empty
 * documents, trim each one. Other text on a `---` line stays with the next doc.
 */
export function splitManifest(text: string): string[] {
  return text
    .trim()
    .split(/(?:^|\s*\n)---\s*/)
    .map((doc) => doc.trim())
    .filter((doc) => doc.length > 0 && !isOnlyComments(doc));
}

function isOnlyComments(doc: string): boolean {
  return doc.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("#"));
}
