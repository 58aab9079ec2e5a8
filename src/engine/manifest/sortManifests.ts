import { isValuesMap } from "../values/types.js";
import { HOOK_EVENTS, type Hook, type HookEvent } from "../release/types.js";
import { compareKinds } from "./installOrder.js";
import { ManifestError, RenderedYamlError } from "./errors.js";
import { splitManifest } from "./splitManifest.js";
import {
  HelmYamlError,
  JsonTypeError,
  ManifestYamlError,
  decodeJsonInto,
  readHelmYaml,
  readManifestYaml,
  type GoType,
} from "../yaml/index.js";

/** One document of a rendered manifest, with the template it came from. */
export interface ManifestDocument {
  /** e.g. "webapp/templates/deployment.yaml" */
  path: string;
  apiVersion: string;
  kind: string;
  name: string;
  content: string;
  /** Where the document starts in its template's output, for error messages. */
  line: number;
}

export interface SortedManifests {
  manifests: ManifestDocument[];
  hooks: Hook[];
}

const HOOK_ANNOTATION = "helm.sh/hook";

/**
 * How strictly rendered documents are read. `wheelhouse` (Handlebars charts) insists every
 * document is a Kubernetes object; `helm` (Go-template charts) does what helm's SortManifests
 * does: any document that parses is kept, comment-only ones too, and a hook annotation naming
 * no known event drops the document.
 */
export type SortRules = "wheelhouse" | "helm";

/**
 * Splits every rendered file into documents, checks each is a Kubernetes
 * object, separates hooks (docs/chart-engine.md#hook-documents) and sorts both by install order
 * (docs/chart-engine.md#install-order). Input order is the file path, then document order within
 * the file.
 */
export function sortManifests(
  files: Map<string, string>,
  rules: SortRules = "wheelhouse",
): SortedManifests {
  const manifests: ManifestDocument[] = [];
  const hooks: Array<Hook & { order: number }> = [];
  const paths = [...files.keys()].sort();
  const helm = rules === "helm";
  for (const path of paths) {
    const text = files.get(path)!;
    if (helm && (posixBase(path).startsWith("_") || text.trim() === "")) continue;
    for (const { content, line } of documentsWithLines(text, helm)) {
      const doc = helm ? parseHead(content, path) : parseDocument(content, path, line);
      const annotations = isValuesMap(doc.metadata.annotations) ? doc.metadata.annotations : {};
      const hookValue = annotations[HOOK_ANNOTATION];
      if (typeof hookValue === "string" && (helm || hookValue.trim() !== "")) {
        const events = parseHookEvents(hookValue);
        // Helm drops a document whose hook list names an unknown event (e.g. crd-install).
        if (events === undefined) continue;
        hooks.push({
          name: doc.name,
          kind: doc.kind,
          path,
          manifest: content,
          events,
          last_run: { phase: "" },
          weight: hookWeight(annotations["helm.sh/hook-weight"], helm),
          // Stored as written; runHooks applies Helm's before-hook-creation default.
          ...(listAnnotation(annotations["helm.sh/hook-delete-policy"]).length > 0
            ? { delete_policies: listAnnotation(annotations["helm.sh/hook-delete-policy"]) }
            : {}),
          ...(annotations["helm.sh/hook-output-log-policy"] !== undefined
            ? { output_log_policies: listAnnotation(annotations["helm.sh/hook-output-log-policy"]) }
            : {}),
          order: hooks.length,
        });
        continue;
      }
      manifests.push({
        path,
        apiVersion: doc.apiVersion,
        kind: doc.kind,
        name: doc.name,
        content,
        line,
      });
    }
  }
  manifests.sort((a, b) => compareKinds(a.kind, b.kind));
  hooks.sort((a, b) => compareKinds(a.kind, b.kind) || a.order - b.order);
  return { manifests, hooks: hooks.map(({ order: _order, ...hook }) => hook) };
}

/**
 * The stored manifest string: `---\n# Source: <path>\n<doc>\n` per document
 * (docs/chart-engine.md#the-rendered-manifest).
 */
export function assembleManifest(documents: ManifestDocument[]): string {
  return documents.map((d) => `---\n# Source: ${d.path}\n${d.content}\n`).join("");
}

function documentsWithLines(
  text: string,
  keepComments: boolean,
): Array<{ content: string; line: number }> {
  const out: Array<{ content: string; line: number }> = [];
  let searchFrom = 0;
  for (const content of splitManifest(text, { keepComments })) {
    const at = text.indexOf(content, searchFrom);
    const offset = at === -1 ? searchFrom : at;
    out.push({ content, line: text.slice(0, offset).split("\n").length });
    searchFrom = offset + content.length;
  }
  return out;
}

interface ParsedDocument {
  apiVersion: string;
  kind: string;
  name: string;
  metadata: Record<string, unknown>;
}

function parseDocument(content: string, path: string, line: number): ParsedDocument {
  let value: unknown;
  try {
    value = readManifestYaml(content);
  } catch (err) {
    if (!(err instanceof ManifestYamlError)) throw err;
    // js-yaml counts lines from 0.
    const at = line + (err.mark?.line ?? 0);
    throw new ManifestError(`rendered YAML does not parse: ${err.reason}`, path, at);
  }
  if (!isValuesMap(value)) {
    throw new ManifestError(
      "rendered document is not a YAML map (a Kubernetes object)",
      path,
      line,
    );
  }
  const missing: string[] = [];
  if (typeof value.apiVersion !== "string" || value.apiVersion === "") missing.push("apiVersion");
  if (typeof value.kind !== "string" || value.kind === "") missing.push("kind");
  const metadata = isValuesMap(value.metadata) ? value.metadata : {};
  if (typeof metadata.name !== "string" || metadata.name === "") missing.push("metadata.name");
  if (missing.length > 0) {
    throw new ManifestError(`rendered document has no ${missing.join(", ")}`, path, line);
  }
  return {
    apiVersion: value.apiVersion as string,
    kind: value.kind as string,
    name: metadata.name as string,
    metadata,
  };
}

/** helm reads a hook weight with strconv.Atoi: anything else is 0. */
function hookWeight(value: unknown, helm: boolean): number {
  const text = String(value ?? "0");
  if (helm) return /^[+-]?\d+$/.test(text) ? Number(text) : 0;
  return Number.parseInt(text, 10) || 0;
}

function posixBase(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** helm's util.SimpleHead, the only part of a rendered document helm reads before installing. */
const SIMPLE_HEAD: GoType = {
  kind: "struct",
  name: "SimpleHead",
  type: "util.SimpleHead",
  fields: [
    { json: "apiVersion", type: { kind: "string" } },
    { json: "kind", type: { kind: "string" } },
    {
      json: "metadata",
      type: {
        kind: "pointer",
        elem: {
          kind: "struct",
          name: "",
          type: 'struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }',
          fields: [
            { json: "name", type: { kind: "string" } },
            {
              json: "annotations",
              type: { kind: "map", type: "map[string]string", elem: { kind: "string" } },
            },
          ],
        },
      },
    },
  ],
};

interface SimpleHead {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations: Record<string, string> | null } | null;
}

/**
 * helm's `yaml.Unmarshal(doc, &SimpleHead{})` (sigs.k8s.io/yaml): the helm YAML reader with the
 * struct as target (a number headed for a string field reads as its text), then encoding/json's
 * decoding into it — and helm's errors for documents that are not YAML, not maps, or carry
 * annotations that are not strings.
 */
function parseHead(content: string, path: string): ParsedDocument {
  let head: SimpleHead;
  try {
    const value = readHelmYaml(content, { target: SIMPLE_HEAD });
    try {
      head = decodeJsonInto(value, SIMPLE_HEAD) as SimpleHead;
    } catch (err) {
      if (!(err instanceof JsonTypeError)) throw err;
      throw new RenderedYamlError(
        `YAML parse error on ${path}: error unmarshaling JSON: while decoding JSON: ${err.message}`,
      );
    }
  } catch (err) {
    if (!(err instanceof HelmYamlError)) throw err;
    throw new RenderedYamlError(`YAML parse error on ${path}: ${err.message}`);
  }
  const metadata = head.metadata ?? { name: "", annotations: null };
  return {
    apiVersion: head.apiVersion,
    kind: head.kind,
    name: metadata.name,
    metadata: { name: metadata.name, annotations: metadata.annotations ?? {} },
  };
}

function parseHookEvents(value: string): HookEvent[] | undefined {
  const events: HookEvent[] = [];
  for (const raw of value.split(",")) {
    let event = raw.trim().toLowerCase();
    if (event === "test-success") event = "test";
    if (!(HOOK_EVENTS as readonly string[]).includes(event)) return undefined;
    events.push(event as HookEvent);
  }
  return events;
}

function listAnnotation(value: unknown): string[] {
  if (typeof value !== "string") return [];
  return value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
}
