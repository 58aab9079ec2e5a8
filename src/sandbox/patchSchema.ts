/**
 * Strategic-merge-patch metadata of the built-in kinds, from the OpenAPI v2 definitions a real
 * API server publishes (openapiDefinitions.json, made by scripts/sandbox-openapi.ts). The same
 * definitions are served at /openapi/v2, so the sandbox merges by the metadata it tells clients.
 */
import definitions from "./openapiDefinitions.json" with { type: "json" };

export interface SchemaNode {
  type?: string;
  $ref?: string;
  items?: SchemaNode;
  additionalProperties?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  "x-kubernetes-patch-merge-key"?: string;
  "x-kubernetes-patch-strategy"?: string;
  "x-kubernetes-group-version-kind"?: Array<{ group: string; version: string; kind: string }>;
}

export const OPENAPI_DEFINITIONS: Readonly<Record<string, SchemaNode>> = definitions;

/** How a patch merges into one field, and the schema below it. */
export interface FieldPatchMeta {
  /** The schema of the field's value; of each element when the field is a list. */
  schema: PatchSchema;
  mergeKey: string;
  /** `merge`, `replace` or empty; `retainKeys` is left out, it only guides patch authors. */
  strategy: string;
}

function resolve(node: SchemaNode | undefined): SchemaNode | undefined {
  const ref = node?.$ref;
  if (ref === undefined) return node;
  return OPENAPI_DEFINITIONS[ref.replace(/^#\/definitions\//, "")];
}

/** A place in a kind's schema; fields it does not describe have no patch metadata. */
export class PatchSchema {
  /** For kinds without metadata: lists are replaced, maps merged. */
  static readonly NONE = new PatchSchema(undefined, "");

  private constructor(
    private readonly node: SchemaNode | undefined,
    /** The definition's short name, for the server's "cannot merge lists" message. */
    readonly name: string,
  ) {}

  /** The root schema of a built-in kind, found by its x-kubernetes-group-version-kind. */
  static forKind(group: string, version: string, kind: string): PatchSchema {
    for (const [name, def] of Object.entries(OPENAPI_DEFINITIONS)) {
      const gvks = def["x-kubernetes-group-version-kind"] ?? [];
      if (gvks.some((g) => g.group === group && g.version === version && g.kind === kind)) {
        return PatchSchema.of(def, name);
      }
    }
    return PatchSchema.NONE;
  }

  private static of(node: SchemaNode | undefined, name: string): PatchSchema {
    return node === undefined ? PatchSchema.NONE : new PatchSchema(node, name);
  }

  /** The metadata of field `key`: a map's value (`list` false) or a list's element. */
  field(key: string, list: boolean): FieldPatchMeta {
    const props = this.node?.properties ?? {};
    const prop = Object.hasOwn(props, key) ? props[key] : this.node?.additionalProperties;
    const value = list ? prop?.items : prop;
    const ref = value?.$ref ?? "";
    const strategies = (prop?.["x-kubernetes-patch-strategy"] ?? "").split(",");
    return {
      schema: PatchSchema.of(resolve(value), ref.slice(ref.lastIndexOf(".") + 1)),
      mergeKey: prop?.["x-kubernetes-patch-merge-key"] ?? "",
      strategy: strategies.find((s) => s !== "retainKeys") ?? "",
    };
  }
}
