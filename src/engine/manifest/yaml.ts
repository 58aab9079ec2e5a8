import { CORE_SCHEMA, Type, load } from "js-yaml";
import { splitManifest } from "./splitManifest.js";

/**
 * The YAML rules manifests are read with: the core schema (timestamps stay
 * strings, as they reach the API server) plus `<<` merge keys. js-yaml is used
 * on these paths because it parses an order of magnitude faster than `yaml`.
 */
export const MANIFEST_SCHEMA = CORE_SCHEMA.extend({
  // js-yaml's own merge type, declared here because its typings do not export `types`.
  implicit: [
    new Type("tag:yaml.org,2002:merge", {
      kind: "scalar",
      resolve: (data: unknown) => data === "<<" || data === null,
    }),
  ],
});

export function loadManifestYaml(text: string): unknown {
  return load(text, { schema: MANIFEST_SCHEMA });
}

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
    return { ...(source ? { source: source[1]! } : {}), text, value: loadManifestYaml(text) };
  });
}
