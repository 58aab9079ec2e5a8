/**
 * Strategic-merge-patch metadata from the API server's /openapi/v2, in place of the Go struct tags
 * helm reads (`patchStrategy`, `patchMergeKey`). The generator writes those tags into the document
 * as x-kubernetes-patch-strategy and x-kubernetes-patch-merge-key on the property that carries
 * them, so a field's metadata is on the property, never on the definition it refers to.
 * Definitions are resolved only when a patch reaches them, and once each: the document is large
 * and some definitions refer to themselves (JSONSchemaProps).
 */
import { OpenApiDocumentError } from "./errors.js";
import { isJsonObject, type JsonObject } from "./jsonValues.js";

/**
 * What a schema says values are, in the terms kube-openapi's proto package parses them into:
 * "object" has declared properties (a Kind), "map" is `type: object` without properties (its
 * values are `elements`), "list" is an array of `elements`, "any" carries no type at all
 * (RawExtension-like JSON), and Kubernetes puts no constraint on what is inside.
 */
export type PatchShape = "object" | "map" | "list" | "primitive" | "any";

export interface PatchSchema {
  /** The definition name, or a path below one: for messages. */
  readonly name: string;
  readonly shape: PatchShape;
  /** A declared property of an "object"; undefined for other shapes and unknown names. */
  field(name: string): PatchField | undefined;
  /** The items of a "list" or the values of a "map", when the document says what they are. */
  readonly elements: PatchSchema | undefined;
}

export interface PatchField {
  readonly name: string;
  /** The value's schema: a list field's schema has shape "list" and its items as `elements`. */
  readonly schema: PatchSchema;
  /** x-kubernetes-patch-merge-key: the key that identifies the maps of a merging list. */
  readonly mergeKey: string | undefined;
  /** x-kubernetes-patch-strategy split at commas, e.g. ["merge", "retainKeys"]; [] when absent. */
  readonly strategies: readonly string[];
  /** Lists: merge items by `mergeKey` (maps) or as a set (primitives) instead of replacing. */
  readonly merge: boolean;
  /** Maps: a patch lists the keys to keep (`$retainKeys`), clearing the others. */
  readonly retainKeys: boolean;
}

export interface PatchSchemas {
  /**
   * The schema to build a strategic merge patch with, or undefined when helm would use a JSON
   * merge patch instead: custom resources, kinds this server does not describe, and kinds helm's
   * Go scheme does not hold as typed objects.
   */
  forKind(apiVersion: string, kind: string): PatchSchema | undefined;
}

/** The generated names of every type from k8s.io/api, the types helm decodes into Go structs. */
const BUILT_IN_PREFIX = "io.k8s.api.";
/**
 * helm adds apiextensions v1 and v1beta1 to its scheme, so CRDs decode to typed objects, but it
 * sends v1beta1 CRDs a JSON merge patch (an explicit exception in createPatch) and v1 CRDs a
 * strategic one. APIService (kube-aggregator) is not in the scheme: unstructured, JSON merge.
 */
const STRATEGIC_OUTSIDE_K8S_API = new Set([
  "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
]);

const REF_PREFIX = "#/definitions/";
const GVK_EXTENSION = "x-kubernetes-group-version-kind";

export function patchSchemasFromOpenApiV2(doc: unknown): PatchSchemas {
  if (!isJsonObject(doc)) throw new OpenApiDocumentError("it is not a JSON object");
  const definitions = doc["definitions"];
  if (!isJsonObject(definitions)) {
    throw new OpenApiDocumentError('it has no "definitions" object');
  }
  return new OpenApiDefinitions(definitions);
}

class OpenApiDefinitions implements PatchSchemas {
  private readonly resolved = new Map<string, PatchSchema>();
  private kinds: Map<string, string> | undefined;

  constructor(private readonly definitions: JsonObject) {}

  forKind(apiVersion: string, kind: string): PatchSchema | undefined {
    const slash = apiVersion.indexOf("/");
    const group = slash < 0 ? "" : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    const name = this.kindIndex().get(gvkKey(group, version, kind));
    if (name === undefined) return undefined;
    if (!name.startsWith(BUILT_IN_PREFIX) && !STRATEGIC_OUTSIDE_K8S_API.has(name)) {
      return undefined;
    }
    return this.definition(name);
  }

  definition(name: string): PatchSchema {
    const known = this.resolved.get(name);
    if (known) return known;
    const raw = this.definitions[name];
    if (!isJsonObject(raw)) {
      throw new OpenApiDocumentError(`definition "${name}" is missing or not an object`);
    }
    const schema = new OpenApiSchema(this, raw, name);
    this.resolved.set(name, schema);
    return schema;
  }

  /** A property's or item's schema: a `$ref` is the definition it names, else the inline schema. */
  schemaOf(raw: JsonObject, name: string): PatchSchema {
    const ref = raw["$ref"];
    if (ref === undefined) return new OpenApiSchema(this, raw, name);
    if (typeof ref !== "string" || !ref.startsWith(REF_PREFIX)) {
      throw new OpenApiDocumentError(`${name} refers to ${JSON.stringify(ref)}, not a definition`);
    }
    return this.definition(ref.slice(REF_PREFIX.length));
  }

  private kindIndex(): Map<string, string> {
    if (this.kinds) return this.kinds;
    const kinds = new Map<string, string>();
    for (const [name, raw] of Object.entries(this.definitions)) {
      const gvks = isJsonObject(raw) ? raw[GVK_EXTENSION] : undefined;
      if (!Array.isArray(gvks)) continue;
      for (const gvk of gvks) {
        if (!isJsonObject(gvk)) continue;
        const { group, version, kind } = gvk;
        if (typeof group !== "string" || typeof version !== "string" || typeof kind !== "string") {
          continue;
        }
        const key = gvkKey(group, version, kind);
        if (!kinds.has(key)) kinds.set(key, name);
      }
    }
    this.kinds = kinds;
    return kinds;
  }
}

function gvkKey(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

class OpenApiSchema implements PatchSchema {
  readonly shape: PatchShape;
  private readonly fields = new Map<string, PatchField | undefined>();
  private elementSchema: { value: PatchSchema | undefined } | undefined;

  constructor(
    private readonly definitions: OpenApiDefinitions,
    private readonly raw: JsonObject,
    readonly name: string,
  ) {
    this.shape = shapeOf(raw);
  }

  field(name: string): PatchField | undefined {
    if (this.shape !== "object") return undefined;
    if (this.fields.has(name)) return this.fields.get(name);
    const properties = this.raw["properties"] as JsonObject;
    const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
    let field: PatchField | undefined;
    if (property !== undefined) {
      if (!isJsonObject(property)) {
        throw new OpenApiDocumentError(`property ${this.name}.${name} is not an object`);
      }
      field = this.fieldOf(name, property);
    }
    this.fields.set(name, field);
    return field;
  }

  get elements(): PatchSchema | undefined {
    if (!this.elementSchema) {
      const key = this.shape === "list" ? "items" : "additionalProperties";
      const raw = this.shape === "list" || this.shape === "map" ? this.raw[key] : undefined;
      // `additionalProperties: true` and tuple-style `items` say nothing usable: any value.
      this.elementSchema = {
        value: isJsonObject(raw) ? this.definitions.schemaOf(raw, `${this.name}[]`) : undefined,
      };
    }
    return this.elementSchema.value;
  }

  private fieldOf(name: string, property: JsonObject): PatchField {
    const path = `${this.name}.${name}`;
    const mergeKey = property["x-kubernetes-patch-merge-key"];
    const strategy = property["x-kubernetes-patch-strategy"];
    if (mergeKey !== undefined && typeof mergeKey !== "string") {
      throw new OpenApiDocumentError(`${path} has a merge key that is not a string`);
    }
    if (strategy !== undefined && typeof strategy !== "string") {
      throw new OpenApiDocumentError(`${path} has a patch strategy that is not a string`);
    }
    const strategies = strategy === undefined ? [] : strategy.split(",");
    return {
      name,
      schema: this.definitions.schemaOf(property, path),
      mergeKey,
      strategies,
      merge: strategies.includes("merge"),
      retainKeys: strategies.includes("retainKeys"),
    };
  }
}

/** kube-openapi's ParseSchema decision, minus its errors: what it rejects we treat as "any". */
function shapeOf(raw: JsonObject): PatchShape {
  const type = raw["type"];
  const hasProperties = isJsonObject(raw["properties"]);
  switch (type) {
    case undefined:
      return hasProperties ? "object" : "any";
    case "object":
      return hasProperties ? "object" : "map";
    case "array":
      return "list";
    case "string":
    case "number":
    case "integer":
    case "boolean":
      return "primitive";
    default:
      return "any";
  }
}
