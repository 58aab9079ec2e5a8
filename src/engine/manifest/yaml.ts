import { ManifestYamlError, readManifestYaml } from "../yaml/index.js";
import { RenderedYamlError } from "./errors.js";
import { splitManifest } from "./splitManifest.js";

/** One document of a stored or rendered manifest: its text as written (without the Source comment) and its value. */
export interface ManifestText {
  /** The template it came from, from the `# Source:` comment, when present. */
  source?: string;
  text: string;
  value: unknown;
}

/**
 * Reads one manifest document; `where` names it in errors ("web/templates/a.yaml", a hook's
 * path), so a document that does not parse — or whose aliases expand too far — is a one-line
 * error saying which, worded as helm's `YAML parse error on …`.
 */
export function readManifestDocument(text: string, where: string): unknown {
  try {
    return readManifestYaml(text);
  } catch (err) {
    if (!(err instanceof ManifestYamlError)) throw err;
    const at = err.mark ? ` (line ${err.mark.line + 1} of the document)` : "";
    throw new RenderedYamlError(`YAML parse error on ${where}: ${err.reason}${at}`);
  }
}

/** Splits a manifest as helm does and parses each document. */
export function manifestDocuments(manifest: string): ManifestText[] {
  return splitManifest(manifest).map((doc, i) => {
    const source = /^# Source: ([^\n]*)\n/.exec(doc);
    const text = (source ? doc.slice(source[0].length) : doc).trim();
    const where = source ? source[1]! : `document ${i + 1} of the manifest`;
    return {
      ...(source ? { source: source[1]! } : {}),
      text,
      value: readManifestDocument(text, where),
    };
  });
}
