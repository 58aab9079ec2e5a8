/*
 * Cases worked out by hand from apimachinery's CreateThreeWayMergePatch(overwrite=true): changes
 * and additions are measured from current (live) to modified, deletions from original to
 * modified. threeWayMergePatch.oracle.test.ts checks the same code against patches kubectl sent.
 */
import { describe, expect, it } from "vitest";
import { PatchError } from "./errors.js";
import type { JsonObject } from "./jsonValues.js";
import { patchSchemasFromOpenApiV2 } from "./patchSchema.js";
import { schemaFor } from "./testkit.js";
import { threeWayMergePatch } from "./threeWayMergePatch.js";

const deploymentSchema = schemaFor("apps/v1", "Deployment");

function deployment(pod: JsonObject, spec: JsonObject = {}, metadata: JsonObject = {}): JsonObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default", ...metadata },
    spec: { selector: { matchLabels: { app: "web" } }, template: { spec: pod }, ...spec },
  };
}

/** What the API server adds to a container on create. */
const LIVE_CONTAINER = {
  imagePullPolicy: "IfNotPresent",
  terminationMessagePath: "/dev/termination-log",
};

const container = (name: string, extra: JsonObject = {}) => ({
  name,
  image: `${name}:1`,
  ...extra,
});
const live = (c: JsonObject) => ({ ...c, ...LIVE_CONTAINER });
const podPatch = (pod: JsonObject) => ({ spec: { template: { spec: pod } } });
const patch3 = (original: JsonObject | undefined, modified: JsonObject, current: JsonObject) =>
  threeWayMergePatch(original, modified, current, deploymentSchema);

describe("threeWayMergePatch: lists merged by key", () => {
  it("deletes a container the previous revision had and the new one drops", () => {
    const original = deployment({ containers: [container("app"), container("sidecar")] });
    const current = deployment({
      containers: [live(container("app")), live(container("sidecar"))],
    });
    const modified = deployment({ containers: [container("app")] });
    expect(patch3(original, modified, current)).toEqual(
      podPatch({
        "$setElementOrder/containers": [{ name: "app" }],
        containers: [{ name: "sidecar", $patch: "delete" }],
      }),
    );
  });

  it("keeps a container only the live object has (added by another manager)", () => {
    const original = deployment({ containers: [container("app")] });
    const current = deployment({ containers: [live(container("app")), live(container("proxy"))] });
    const modified = deployment({ containers: [container("app", { image: "app:2" })] });
    expect(patch3(original, modified, current)).toEqual(
      podPatch({
        "$setElementOrder/containers": [{ name: "app" }],
        containers: [{ name: "app", image: "app:2" }],
      }),
    );
  });

  it("merges container ports by containerPort: changed, added, and deleted", () => {
    const ports = (list: JsonObject[]) =>
      deployment({ containers: [container("app", { ports: list })] });
    const original = ports([{ containerPort: 80, name: "http" }, { containerPort: 9090 }]);
    const current = ports([
      { containerPort: 80, name: "http", protocol: "TCP" },
      { containerPort: 9090, protocol: "TCP" },
    ]);
    const modified = ports([{ containerPort: 80, name: "web" }, { containerPort: 443 }]);
    expect(patch3(original, modified, current)).toEqual(
      podPatch({
        "$setElementOrder/containers": [{ name: "app" }],
        containers: [
          {
            name: "app",
            "$setElementOrder/ports": [{ containerPort: 80 }, { containerPort: 443 }],
            ports: [
              { containerPort: 80, name: "web" },
              { containerPort: 443 },
              { containerPort: 9090, $patch: "delete" },
            ],
          },
        ],
      }),
    );
  });

  it("pairs two ports sharing a containerPort by sort position, as Kubernetes does", () => {
    // Go's insertion sort with a `<=` Less reverses equal keys: modified sorts as [UDP, TCP]
    // and its UDP port is compared with the live TCP one.
    const ports = (list: JsonObject[]) =>
      deployment({ containers: [container("app", { ports: list })] });
    const original = ports([{ containerPort: 53, protocol: "TCP" }]);
    const modified = ports([
      { containerPort: 53, protocol: "TCP" },
      { containerPort: 53, protocol: "UDP" },
    ]);
    expect(patch3(original, modified, original)).toEqual(
      podPatch({
        "$setElementOrder/containers": [{ name: "app" }],
        containers: [
          {
            name: "app",
            "$setElementOrder/ports": [{ containerPort: 53 }, { containerPort: 53 }],
            ports: [
              { containerPort: 53, protocol: "UDP" },
              { containerPort: 53, protocol: "TCP" },
            ],
          },
        ],
      }),
    );
  });

  it("merges service ports by port, keeping the clusterIP the server assigned", () => {
    const service = (ports: JsonObject[], extra: JsonObject = {}) => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "svc" },
      spec: { ports, ...extra },
    });
    const original = service([
      { name: "http", port: 80, targetPort: 8080 },
      { name: "admin", port: 9000 },
    ]);
    const current = service(
      [
        { name: "http", port: 80, protocol: "TCP", targetPort: 8080 },
        { name: "admin", port: 9000, protocol: "TCP", targetPort: 9000 },
      ],
      { clusterIP: "10.0.0.7", type: "ClusterIP" },
    );
    const modified = service([
      { name: "http", port: 80, targetPort: 8081 },
      { name: "https", port: 443, targetPort: 8443 },
    ]);
    expect(threeWayMergePatch(original, modified, current, schemaFor("v1", "Service"))).toEqual({
      spec: {
        "$setElementOrder/ports": [{ port: 80 }, { port: 443 }],
        ports: [
          { port: 80, targetPort: 8081 },
          { name: "https", port: 443, targetPort: 8443 },
          { port: 9000, $patch: "delete" },
        ],
      },
    });
  });

  it("sends only $setElementOrder when the same containers come in a new order", () => {
    const original = deployment({ containers: [container("a"), container("b")] });
    const modified = deployment({ containers: [container("b"), container("a")] });
    expect(patch3(original, modified, original)).toEqual(
      podPatch({ "$setElementOrder/containers": [{ name: "b" }, { name: "a" }] }),
    );
  });
});

describe("threeWayMergePatch: maps and scalars", () => {
  it("nulls a label the manifest dropped and leaves labels others set", () => {
    const original = deployment({}, {}, { labels: { app: "web", tier: "web", gone: "soon" } });
    const current = deployment(
      {},
      {},
      { labels: { app: "web", tier: "web", gone: "soon", team: "ops" } },
    );
    const modified = deployment({}, {}, { labels: { app: "web", tier: "api" } });
    expect(patch3(original, modified, current)).toEqual({
      metadata: { labels: { tier: "api", gone: null } },
    });
  });

  it("keeps a live edit to a field the manifest never set, and removes one it stopped setting", () => {
    const original = deployment({ containers: [container("app")] }, { paused: false });
    const current = deployment(
      { containers: [live(container("app"))] },
      { paused: false, replicas: 5 },
    );
    const modified = deployment({ containers: [container("app")] });
    expect(patch3(original, modified, current)).toEqual({ spec: { paused: null } });
  });

  it("puts back a value changed live when the manifest sets it", () => {
    const original = deployment({}, { replicas: 2 });
    const current = deployment({}, { replicas: 5 });
    expect(patch3(original, original, current)).toEqual({ spec: { replicas: 2 } });
  });

  it("adds and deletes finalizers as a set, keeping one added live", () => {
    const original = deployment({}, {}, { finalizers: ["a.example/x", "b.example/x"] });
    const current = deployment(
      {},
      {},
      { finalizers: ["a.example/x", "b.example/x", "live.example/x"] },
    );
    const modified = deployment({}, {}, { finalizers: ["b.example/x", "c.example/x"] });
    expect(patch3(original, modified, current)).toEqual({
      metadata: {
        finalizers: ["c.example/x"],
        "$setElementOrder/finalizers": ["b.example/x", "c.example/x"],
        "$deleteFromPrimitiveList/finalizers": ["a.example/x"],
      },
    });
  });

  it("replaces container args whole: they have no patch strategy", () => {
    const original = deployment({ containers: [container("app", { args: ["--a", "--b"] })] });
    const modified = deployment({ containers: [container("app", { args: ["--b", "--c"] })] });
    expect(patch3(original, modified, original)).toEqual(
      podPatch({
        "$setElementOrder/containers": [{ name: "app" }],
        containers: [{ name: "app", args: ["--b", "--c"] }],
      }),
    );
  });

  it("is {} when nothing the manifest sets differs, whatever the server added", () => {
    const manifest = deployment({ containers: [container("app")] }, { replicas: 1 });
    const current = deployment(
      { containers: [live(container("app"))], restartPolicy: "Always", dnsPolicy: "ClusterFirst" },
      { replicas: 1, revisionHistoryLimit: 10, strategy: { type: "RollingUpdate" } },
      { uid: "1234", resourceVersion: "99", generation: 1 },
    );
    expect(patch3(manifest, manifest, { ...current, status: { replicas: 1 } })).toEqual({});
  });
});

describe("threeWayMergePatch: retainKeys", () => {
  it("switching the strategy to Recreate lists the keys to keep and nulls rollingUpdate", () => {
    const rolling = { type: "RollingUpdate", rollingUpdate: { maxSurge: 2, maxUnavailable: 0 } };
    const original = deployment({}, { strategy: rolling });
    const modified = deployment({}, { strategy: { type: "Recreate" } });
    expect(patch3(original, modified, original)).toEqual({
      spec: { strategy: { $retainKeys: ["type"], type: "Recreate", rollingUpdate: null } },
    });
  });

  it("still sends $retainKeys when only the server filled in a key the manifest leaves out", () => {
    const manifest = deployment({}, { strategy: { type: "RollingUpdate" } });
    const current = deployment(
      {},
      { strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%" } } },
    );
    expect(patch3(manifest, manifest, current)).toEqual({
      spec: { strategy: { $retainKeys: ["type"] } },
    });
  });

  it("a volume changing its source keeps only the new one", () => {
    const original = deployment({
      volumes: [
        { name: "data", emptyDir: {} },
        { name: "tmp", emptyDir: {} },
      ],
    });
    const modified = deployment({
      volumes: [
        { name: "data", configMap: { name: "settings" } },
        { name: "tmp", emptyDir: {} },
      ],
    });
    expect(patch3(original, modified, original)).toEqual(
      podPatch({
        "$setElementOrder/volumes": [{ name: "data" }, { name: "tmp" }],
        volumes: [
          {
            name: "data",
            $retainKeys: ["configMap", "name"],
            configMap: { name: "settings" },
            emptyDir: null,
          },
        ],
      }),
    );
  });
});

describe("threeWayMergePatch: v1 CustomResourceDefinition (strategic, as helm sends it)", () => {
  const crd = (spec: JsonObject) => ({
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    spec: { group: "example.com", scope: "Namespaced", ...spec },
  });
  const version = (name: string, served: boolean) => ({
    name,
    served,
    storage: name === "v1",
    schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object" } } } },
  });

  it("replaces spec.versions whole (no patch strategy) and nulls a dropped conversion", () => {
    const original = crd({ versions: [version("v1", true)], conversion: { strategy: "None" } });
    const modified = crd({ versions: [version("v1", true), version("v2", false)] });
    const schema = schemaFor("apiextensions.k8s.io/v1", "CustomResourceDefinition");
    expect(threeWayMergePatch(original, modified, original, schema)).toEqual({
      spec: { versions: [version("v1", true), version("v2", false)], conversion: null },
    });
  });
});

describe("threeWayMergePatch: baseline and inputs", () => {
  it("uses the live object as original when the previous revision did not have the object", () => {
    const current = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", labels: { mine: "1", theirs: "2" } },
      data: { k: "v" },
    };
    const modified = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c", labels: { mine: "1" } },
      data: { k: "v2" },
    };
    const schema = schemaFor("v1", "ConfigMap");
    const patch = { metadata: { labels: { theirs: null } }, data: { k: "v2" } };
    expect(threeWayMergePatch(undefined, modified, current, schema)).toEqual(patch);
    expect(threeWayMergePatch(current, modified, current, schema)).toEqual(patch);
  });

  it("changes none of its inputs and shares no objects with them", () => {
    const deepFreeze = <T>(value: T): T => {
      if (value && typeof value === "object") Object.values(value).forEach(deepFreeze);
      return Object.freeze(value);
    };
    const original = deepFreeze(deployment({ containers: [container("app"), container("old")] }));
    const modified = deepFreeze(
      deployment({ containers: [container("app", { args: ["x"] }), container("new")] }),
    );
    const patch = patch3(original, modified, original);
    const containers = (patch["spec"] as { template: { spec: { containers: JsonObject[] } } })
      .template.spec.containers;
    expect(containers.map((c) => c["name"])).toEqual(["app", "new", "old"]);
    expect(Object.isFrozen(containers[1])).toBe(false);
  });
});

describe("threeWayMergePatch: what Kubernetes refuses", () => {
  it("fails on a changed field the schema does not declare, naming its path", () => {
    const original = deployment({}, { bogus: { a: 1 } });
    const modified = deployment({}, { bogus: { a: 2 } });
    expect(() => patch3(original, modified, original)).toThrow(PatchError);
    expect(() => patch3(original, modified, original)).toThrow(/\.spec\.bogus.*"bogus"/);
  });

  it("lets an undeclared field through when its value did not change", () => {
    const manifest = deployment({}, { bogus: { a: 1 } });
    expect(patch3(manifest, manifest, manifest)).toEqual({});
  });

  it("fails on an item of a merging list without its merge key", () => {
    const original = deployment({ containers: [{ image: "a:1" }] });
    const modified = deployment({ containers: [{ image: "a:2" }] });
    expect(() => patch3(original, modified, original)).toThrow(/merge key: name/);
  });

  it("fails on a changed value inside a map of objects, which has no fields to look up", () => {
    const schemas = patchSchemasFromOpenApiV2({
      definitions: {
        "io.k8s.api.test.v1.Thing": {
          type: "object",
          properties: {
            items: {
              type: "object",
              additionalProperties: { type: "object", properties: { n: { type: "integer" } } },
            },
          },
          "x-kubernetes-group-version-kind": [{ group: "test", version: "v1", kind: "Thing" }],
        },
      },
    });
    const thing = (n: number) => ({ items: { one: { n } } });
    const schema = schemas.forKind("test/v1", "Thing")!;
    expect(() => threeWayMergePatch(thing(1), thing(2), thing(1), schema)).toThrow(/\.items\.one/);
    expect(threeWayMergePatch(thing(1), { items: {} }, thing(1), schema)).toEqual({
      items: { one: null },
    });
  });
});
