/** Where YAML documents start and end, as yaml.v2 and k8s.io/apimachinery's YAMLReader see it. */
import { HelmYamlError } from "./errors.js";

/**
 * The text of the first YAML document: yaml.v2's Unmarshal parses only that one, so whatever
 * follows the next `---` (even invalid YAML) is never read.
 */
export function firstDocument(text: string): string {
  let content = false;
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf("\n", pos);
    const end = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, end).replace(/\r?\n$/, "");
    if (/^---(?:[ \t\r\n]|$)/.test(line)) {
      if (content) return text.slice(0, pos);
      content = true; // an explicit start: anything after it is this document
    } else if (/^\.\.\.(?:[ \t\r\n]|$)/.test(line)) {
      return text.slice(0, pos);
    } else if (!content && !/^\s*(?:#.*)?$/.test(line) && !line.startsWith("%")) {
      content = true;
    }
    pos = end;
  }
  return text;
}

/**
 * k8s.io/apimachinery's YAMLReader: splits at lines starting with `---` (only spaces or a comment
 * may follow), strips CR before LF. Returns the documents' texts and their first line numbers.
 */
export function splitYamlDocuments(text: string): { text: string; line: number }[] {
  const docs: { text: string; line: number }[] = [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  let buf: string[] = [];
  let start = 1;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line.startsWith("---")) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && rest[0] !== "#") {
        throw new HelmYamlError(
          `error reading yaml document: invalid Yaml document separator: ${rest}`,
          `invalid Yaml document separator: ${rest}`,
          i + 1,
        );
      }
      if (buf.length > 0) docs.push({ text: buf.join(""), line: start });
      buf = [];
      start = i + 2;
      continue;
    }
    buf.push(line + "\n");
  }
  if (buf.length > 0) docs.push({ text: buf.join(""), line: start });
  return docs;
}
