import { describe, expect, it } from "vitest";
import { FakeCluster } from "../../../test/support/fakeCluster.js";
import { versionSet } from "../cluster/capabilities.js";
import { FuncError } from "../gotemplate/funcs/types.js";
import { GoInt, typeName, type GoMap } from "../gotemplate/value.js";
import { changedLookups, unstructured, withLookups } from "./lookupPrefetch.js";

const secret = (name: string, password: string) => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name, namespace: "apps", resourceVersion: "7" },
  data: { password },
});

describe("lookup prefetching", () => {
  it("renders once when the chart looks nothing up", async () => {
    let renders = 0;
    const { result, reads } = await withLookups(new FakeCluster(), () => ++renders);
    expect({ result, reads, renders }).toEqual({ result: 1, reads: [], renders: 1 });
  });

  it("reads what a render asked, then renders again with the answers", async () => {
    const cluster = new FakeCluster();
    cluster.seed(secret("db", "c2VjcmV0"));
    const seen: unknown[] = [];
    const { result, reads } = await withLookups(cluster, (lookup) => {
      const found = lookup("v1", "Secret", "apps", "db");
      const missing = lookup("v1", "Secret", "apps", "nope");
      seen.push(found.data);
      return { password: (found.data as GoMap | undefined)?.password, missing };
    });
    expect(result).toEqual({ password: "c2VjcmV0", missing: {} });
    expect(seen).toEqual([undefined, { password: "c2VjcmV0" }]);
    expect(reads.map((r) => r.query.name)).toEqual(["db", "nope"]);
    expect(cluster.calls.filter((c) => c.verb === "lookup")).toHaveLength(2);
  });

  it("follows lookups that depend on earlier answers, forgiving the errors of partial renders", async () => {
    const cluster = new FakeCluster();
    cluster.seed({ ...secret("pointer", ""), data: { target: "db" } });
    cluster.seed(secret("db", "cGFzcw=="));
    let renders = 0;
    const { result } = await withLookups(cluster, (lookup) => {
      renders++;
      const pointer = lookup("v1", "Secret", "apps", "pointer");
      const target = (pointer.data as GoMap | undefined)?.target;
      if (typeof target !== "string") throw new Error("no target yet");
      return (lookup("v1", "Secret", "apps", target).data as GoMap).password;
    });
    expect(result).toBe("cGFzcw==");
    expect(renders).toBe(3);
  });

  it("lists a kind when the name is empty, and answers an empty map for what is not there", async () => {
    const cluster = new FakeCluster();
    cluster.seed(secret("a", "eA=="));
    const { result } = await withLookups(cluster, (lookup) => ({
      list: lookup("v1", "Secret", "apps", ""),
      missing: lookup("v1", "ConfigMap", "apps", "x"),
      unknownKind: lookup("v1", "Gadget", "apps", "x"),
    }));
    expect(result.list).toMatchObject({ kind: "SecretList", items: [{ metadata: { name: "a" } }] });
    expect(result.missing).toEqual({});
    expect(result.unknownKind).toEqual({});
  });

  it("fails the final render with helm's words when a group-version is not served", async () => {
    await expect(
      withLookups(new FakeCluster(), (lookup) => lookup("nope.io/v1", "Nope", "apps", "x")),
    ).rejects.toThrow(
      new FuncError(
        "unable to get apiresource from unstructured: nope.io/v1, Kind=Nope: the server could not find the requested resource",
      ),
    );
  });

  it("gives up with a clear message when the lookups never settle", async () => {
    let n = 0;
    await expect(
      withLookups(new FakeCluster(), (lookup) => lookup("v1", "Secret", "apps", `s${n++}`), 4),
    ).rejects.toThrow(/lookups did not settle after 4 renders.*Secret apps\/s3 \(v1\)/);
  });

  it("hands each call a fresh copy, so a template changing one does not change the next", async () => {
    const cluster = new FakeCluster();
    cluster.seed(secret("db", "x"));
    const { result } = await withLookups(cluster, (lookup) => {
      const first = lookup("v1", "Secret", "apps", "db");
      (first.data as GoMap).password = "changed";
      return (lookup("v1", "Secret", "apps", "db").data as GoMap).password;
    });
    expect(result).toBe("x");
  });

  it("notices when what a plan looked up has changed since", async () => {
    const cluster = new FakeCluster();
    cluster.seed(secret("db", "x"));
    const { reads } = await withLookups(cluster, (lookup) => [
      lookup("v1", "Secret", "apps", "db"),
      lookup("v1", "Secret", "apps", "later"),
    ]);
    expect(await changedLookups(cluster, reads)).toEqual([]);
    cluster.seed({
      ...secret("db", "y"),
      metadata: { ...secret("db", "y").metadata, resourceVersion: "8" },
    });
    cluster.seed(secret("later", "z"));
    expect(await changedLookups(cluster, reads)).toEqual([
      "Secret apps/db (v1)",
      "Secret apps/later (v1)",
    ]);
  });
});

describe("lookup values", () => {
  it("decodes numbers as helm's unstructured objects hold them: int64, else float64", () => {
    const value = unstructured({ spec: { replicas: 2, ratio: 0.5 }, items: [1] }) as GoMap;
    const spec = value.spec as GoMap;
    expect(spec.replicas).toEqual(new GoInt(2, "int64"));
    expect(typeName(spec.ratio!)).toBe("float64");
    expect(typeName(value)).toBe("map[string]interface {}");
    expect(typeName(value.items!)).toBe("[]interface {}");
  });

  it("keeps a __proto__ key as data", () => {
    const value = unstructured(JSON.parse('{"__proto__": {"a": "b"}}')) as GoMap;
    expect(Object.keys(value)).toEqual(["__proto__"]);
  });
});

describe("API versions from discovery", () => {
  it("lists each group-version, then each group-version/Kind, once", () => {
    expect(
      versionSet([
        { groupVersion: "v1", kinds: ["Pod", "Pod"] },
        { groupVersion: "apps/v1", kinds: ["Deployment", "Scale"] },
      ]),
    ).toEqual(["v1", "apps/v1", "v1/Pod", "apps/v1/Deployment", "apps/v1/Scale"]);
    expect(versionSet([])).toBeUndefined();
  });
});
