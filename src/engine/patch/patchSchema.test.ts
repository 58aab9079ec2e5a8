import { describe, expect, it } from "vitest";
import { OpenApiDocumentError } from "./errors.js";
import { patchSchemasFromOpenApiV2, type PatchSchema } from "./patchSchema.js";
import { k8s119Schemas, schemaFor } from "./testkit.js";

/** Follows object fields (and list items for a trailing "[]") from a root schema. */
function at(schema: PatchSchema, path: string): PatchSchema {
  return path.split(".").reduce((s, step) => {
    const list = step.endsWith("[]");
    const field = s.field(list ? step.slice(0, -2) : step);
    if (!field) throw new Error(`no field ${step} in ${s.name}`);
    return list ? field.schema.elements! : field.schema;
  }, schema);
}

function fieldAt(schema: PatchSchema, path: string) {
  const dot = path.lastIndexOf(".");
  const parent = dot < 0 ? schema : at(schema, path.slice(0, dot));
  return parent.field(path.slice(dot + 1))!;
}

describe("patchSchemasFromOpenApiV2: which kinds get a strategic merge patch", () => {
  const schemas = k8s119Schemas();

  it("finds built-in kinds by group, version and kind (core group is empty)", () => {
    expect(schemas.forKind("apps/v1", "Deployment")?.name).toBe("io.k8s.api.apps.v1.Deployment");
    expect(schemas.forKind("v1", "ConfigMap")?.name).toBe("io.k8s.api.core.v1.ConfigMap");
    expect(schemas.forKind("rbac.authorization.k8s.io/v1", "ClusterRole")?.name).toBe(
      "io.k8s.api.rbac.v1.ClusterRole",
    );
  });

  it("gives v1 CRDs a schema, as helm patches them strategically, but not v1beta1 ones", () => {
    expect(schemas.forKind("apiextensions.k8s.io/v1", "CustomResourceDefinition")?.name).toBe(
      "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
    );
    expect(schemas.forKind("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition")).toBe(
      undefined,
    );
  });

  it("has none for APIService, custom resources and kinds the server does not describe", () => {
    expect(schemas.forKind("apiregistration.k8s.io/v1", "APIService")).toBe(undefined);
    expect(schemas.forKind("example.com/v1", "Widget")).toBe(undefined);
    expect(schemas.forKind("apps/v1", "Nonexistent")).toBe(undefined);
    expect(schemas.forKind("v2", "ConfigMap")).toBe(undefined);
  });

  it("has none for a custom resource the document describes (named by its reversed group)", () => {
    const widget = {
      type: "object",
      properties: { spec: { type: "object", properties: {} } },
      "x-kubernetes-group-version-kind": [{ group: "example.com", version: "v1", kind: "Widget" }],
    };
    const withCr = patchSchemasFromOpenApiV2({ definitions: { "com.example.v1.Widget": widget } });
    expect(withCr.forKind("example.com/v1", "Widget")).toBe(undefined);
  });
});

describe("patchSchemasFromOpenApiV2: field metadata", () => {
  const deployment = schemaFor("apps/v1", "Deployment");
  const pod = at(deployment, "spec.template.spec");

  it("containers: a list of maps merged by name", () => {
    const containers = pod.field("containers")!;
    expect(containers).toMatchObject({ mergeKey: "name", merge: true, retainKeys: false });
    expect(containers.strategies).toEqual(["merge"]);
    expect(containers.schema.shape).toBe("list");
    expect(containers.schema.elements?.name).toBe("io.k8s.api.core.v1.Container");
    expect(containers.schema.elements?.shape).toBe("object");
  });

  it("volumes: merged by name with retainKeys on each item", () => {
    expect(pod.field("volumes")).toMatchObject({
      mergeKey: "name",
      strategies: ["merge", "retainKeys"],
      merge: true,
      retainKeys: true,
    });
  });

  it("spec.strategy: an object with retainKeys", () => {
    const strategy = fieldAt(deployment, "spec.strategy");
    expect(strategy).toMatchObject({ strategies: ["retainKeys"], retainKeys: true, merge: false });
    expect(strategy.mergeKey).toBe(undefined);
    expect(strategy.schema.shape).toBe("object");
  });

  it("container args: a primitive list with no strategy (replaced)", () => {
    const args = fieldAt(pod, "containers[].args");
    expect(args.strategies).toEqual([]);
    expect(args.merge).toBe(false);
    expect(args.schema.elements?.shape).toBe("primitive");
  });

  it("container ports merge by containerPort, service ports by port", () => {
    expect(fieldAt(pod, "containers[].ports").mergeKey).toBe("containerPort");
    expect(fieldAt(schemaFor("v1", "Service"), "spec.ports").mergeKey).toBe("port");
  });

  it("metadata.finalizers: a primitive list merged as a set; labels: a map of strings", () => {
    const finalizers = fieldAt(deployment, "metadata.finalizers");
    expect(finalizers).toMatchObject({ merge: true, mergeKey: undefined });
    expect(finalizers.schema.elements?.shape).toBe("primitive");
    const labels = fieldAt(deployment, "metadata.labels").schema;
    expect(labels.shape).toBe("map");
    expect(labels.elements?.shape).toBe("primitive");
    expect(labels.field("app")).toBe(undefined);
  });

  it("an untyped definition is 'any', and a self-referring one resolves to the same schema", () => {
    const crd = schemaFor("apiextensions.k8s.io/v1", "CustomResourceDefinition");
    const props = at(crd, "spec.versions[].schema.openAPIV3Schema");
    expect(props.name).toBe(
      "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps",
    );
    expect(props.field("default")?.schema.shape).toBe("any");
    expect(props.field("properties")?.schema.shape).toBe("map");
    expect(props.field("properties")?.schema.elements).toBe(props);
    // JSONSchemaProps has a property named "$ref": a field, not a reference.
    expect(props.field("$ref")?.schema.shape).toBe("primitive");
  });

  it("answers undefined for fields a definition does not declare", () => {
    expect(deployment.field("nonsense")).toBe(undefined);
    expect(at(deployment, "metadata").field("toString")).toBe(undefined);
  });
});

describe("patchSchemasFromOpenApiV2: bad documents", () => {
  it.each([
    ["not an object", null, /not a JSON object/],
    ["an array", [], /not a JSON object/],
    ["no definitions", { swagger: "2.0" }, /no "definitions"/],
    ["definitions not an object", { definitions: [] }, /no "definitions"/],
  ])("refuses %s", (_, doc, message) => {
    expect(() => patchSchemasFromOpenApiV2(doc)).toThrow(OpenApiDocumentError);
    expect(() => patchSchemasFromOpenApiV2(doc)).toThrow(message);
  });

  const gvk = [{ group: "", version: "v1", kind: "Thing" }];
  const thing = (properties: unknown) =>
    patchSchemasFromOpenApiV2({
      definitions: {
        "io.k8s.api.core.v1.Thing": {
          type: "object",
          properties,
          "x-kubernetes-group-version-kind": gvk,
        },
      },
    }).forKind("v1", "Thing")!;

  it("reports a dangling or foreign $ref when a patch reaches it", () => {
    const schema = thing({ spec: { $ref: "#/definitions/io.k8s.api.core.v1.Missing" } });
    expect(() => schema.field("spec")).toThrow(/"io.k8s.api.core.v1.Missing" is missing/);
    const foreign = thing({ spec: { $ref: "https://example.com/schema.json" } });
    expect(() => foreign.field("spec")).toThrow(OpenApiDocumentError);
  });

  it("reports patch metadata that is not a string", () => {
    const schema = thing({ list: { type: "array", "x-kubernetes-patch-merge-key": 7 } });
    expect(() => schema.field("list")).toThrow(/merge key that is not a string/);
  });

  it("skips malformed group-version-kind entries instead of failing", () => {
    const schemas = patchSchemasFromOpenApiV2({
      definitions: {
        "io.k8s.api.core.v1.A": { "x-kubernetes-group-version-kind": "v1/A" },
        "io.k8s.api.core.v1.B": { "x-kubernetes-group-version-kind": [null, { kind: "B" }] },
        "io.k8s.api.core.v1.C": {
          "x-kubernetes-group-version-kind": [{ group: "", version: "v1", kind: "C" }],
        },
        "io.k8s.api.core.v1.D": "not a schema",
      },
    });
    expect(schemas.forKind("v1", "A")).toBe(undefined);
    expect(schemas.forKind("v1", "B")).toBe(undefined);
    expect(schemas.forKind("v1", "C")?.shape).toBe("any");
  });
});
