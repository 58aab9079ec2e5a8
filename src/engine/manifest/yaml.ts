import { readManifestYaml } from "../yaml/index.js";
import { splitManifest } from "./splitManifest.js";

/** One document of a stored or rendered manifest: its text as written (without the Source comment) and its value. */
export interface ManifestText {
  /** The template it came from, from the `# Source:` comment, when present. */
  source?: string;
  text: string;
  value: unknown;
}

/** Splits a manifest as helm does and parses each document. */
export function manifestDocuments(manifest: string): ManifestText[] {
  return splitManifest(manifest).map((doc) => {
    const source = /^# Source: ([^\n]*)\n/.exec(doc);
    const text = (source ? doc.slice(source[0].length) : doc).trim();
    return { ...(source ? { source: source[1]! } : {}), text, value: readManifestYaml(text) };
  });
}
