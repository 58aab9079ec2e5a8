import { readManifestYaml, toDisplayYaml } from "../yaml/index.js";
import { maskSecretPair } from "./maskSecrets.js";

type Obj = Record<string, unknown>;

/** A manifest with the values of its Secrets masked, and how many Secrets that touched. */
export interface MaskedManifest {
  text: string;
  secrets: number;
}

/** Where the YAMLReader helm uses splits documents: a line starting `---`, then a space or nothing. */
const SEPARATOR = /^---(?:[ \t#]|$)/;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A Secret with every data/stringData value replaced by `REDACTED # (N bytes)`, as helm-diff shows. */
function maskSecret(secret: Obj): Obj {
  return maskSecretPair(secret, secret).after!;
}

/**
 * The document's object with its Secrets masked — the document itself, or the items of a `List`
 * (helm applies a List's items one by one) — or undefined when it holds no Secret.
 */
function masked(value: unknown): { object: Obj; secrets: number } | undefined {
  if (!isObj(value)) return undefined;
  if (value.kind === "Secret") return { object: maskSecret(value), secrets: 1 };
  if (!Array.isArray(value.items)) return undefined;
  let secrets = 0;
  const items = value.items.map((item: unknown) => {
    if (!isObj(item) || item.kind !== "Secret") return item;
    secrets++;
    return maskSecret(item);
  });
  return secrets > 0 ? { object: { ...value, items }, secrets } : undefined;
}

/**
 * A stored manifest for display with Secret values masked (docs/release-storage.md#diffs): each
 * Secret document is written again from its parsed object, with its leading comments (the
 * `# Source:` line) kept; every other document keeps its text byte for byte. A document that does
 * not parse could hold anything, so it is hidden when it mentions a Secret.
 */
export function maskManifestSecrets(manifest: string): MaskedManifest {
  const lines = manifest.split("\n");
  const out: string[] = [];
  let secrets = 0;
  let doc: string[] = [];
  const flush = () => {
    const head = doc.findIndex((l) => !/^\s*(?:#.*)?$/.test(l));
    if (head < 0) {
      out.push(...doc);
    } else {
      const body = doc.slice(head).join("\n");
      let value: unknown;
      let parsed = true;
      try {
        value = readManifestYaml(body);
      } catch {
        parsed = false;
      }
      const result = parsed ? masked(value) : undefined;
      // Blank lines before the next separator stay, so the masked text lines up as the original.
      let end = doc.length;
      while (end > head && doc[end - 1]!.trim() === "") end--;
      const tail = doc.slice(end);
      if (result) {
        secrets += result.secrets;
        out.push(
          ...doc.slice(0, head),
          ...toDisplayYaml(result.object, "manifest").trimEnd().split("\n"),
          ...tail,
        );
      } else if (!parsed && /\bSecret\b/.test(body)) {
        secrets++;
        out.push(
          ...doc.slice(0, head),
          "# (not valid YAML, and it mentions a Secret: hidden while Secrets are masked)",
          ...tail,
        );
      } else {
        out.push(...doc);
      }
    }
    doc = [];
  };
  for (const line of lines) {
    if (SEPARATOR.test(line)) {
      flush();
      out.push(line);
    } else {
      doc.push(line);
    }
  }
  flush();
  return { text: out.join("\n"), secrets };
}
