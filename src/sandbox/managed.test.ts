import { describe, expect, it } from "vitest";
import { StatusError } from "./errors.js";
import { clone } from "./patch.js";
import { fromFieldsV1, recordUpdate, serverSideApply, toFieldsV1 } from "./managed.js";
import type { KObject } from "./types.js";

const cm = (data: Record<string, string>, labels?: Record<string, string>): KObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "c", ...(labels === undefined ? {} : { labels }) },
  data,
});

function containersOf(obj: KObject): unknown[] {
  const spec = obj.spec as { template: { spec: { containers: unknown[] } } };
  return spec.template.spec.containers;
}

describe("managed fields", () => {
  it("round-trips leaf paths through the FieldsV1 format", () => {
    const paths = [
      ["f:data", "f:a"],
      ["f:metadata", "f:labels", "f:app"],
    ];
    const f = toFieldsV1(paths);
    expect(f).toEqual({ "f:data": { "f:a": {} }, "f:metadata": { "f:labels": { "f:app": {} } } });
    expect(fromFieldsV1(f)).toEqual(paths);
  });

  it("reports a conflict naming the other manager when a field it owns would change", () => {
    const live = serverSideApply(undefined, cm({ k: "one" }), "alpha", false, "v1");
    let err: unknown;
    try {
      serverSideApply(live, cm({ k: "two" }), "beta", false, "v1");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).code).toBe(409);
    expect((err as StatusError).message).toBe(
      'Apply failed with 1 conflict: conflict with "alpha" using v1: .data.k',
    );
  });

  it("shares a field applied with the same value and takes it over when forced", () => {
    const live = serverSideApply(undefined, cm({ k: "one" }), "alpha", false, "v1");
    const shared = serverSideApply(live, cm({ k: "one" }), "beta", false, "v1");
    expect(shared.metadata.managedFields?.map((m) => m.manager)).toEqual(["alpha", "beta"]);
    const forced = serverSideApply(live, cm({ k: "two" }), "beta", true, "v1");
    expect(forced.data).toEqual({ k: "two" });
    expect(forced.metadata.managedFields?.map((m) => m.manager)).toEqual(["beta"]);
  });

  it("removes a field its applier stops applying when nobody else owns it", () => {
    const live = serverSideApply(
      undefined,
      cm({ a: "1", b: "2" }, { x: "y" }),
      "alpha",
      false,
      "v1",
    );
    const next = serverSideApply(live, cm({ a: "1" }), "alpha", false, "v1");
    expect(next.data).toEqual({ a: "1" });
    expect(next.metadata.labels).toBeUndefined();
  });

  it("gives a non-apply writer the fields it changed", () => {
    const live = serverSideApply(undefined, cm({ a: "1" }), "alpha", false, "v1");
    const edited: KObject = { ...live, data: { a: "2" } };
    recordUpdate(live, edited, "kubectl-edit", "v1");
    expect(edited.metadata.managedFields?.map((m) => [m.manager, m.operation])).toEqual([
      ["kubectl-edit", "Update"],
    ]);
    expect(() => serverSideApply(edited, cm({ a: "3" }), "alpha", false, "v1")).toThrow(
      /conflict with "kubectl-edit"/,
    );
  });

  it("owns containers one by one, so server defaults and other containers do not conflict", () => {
    const dep = (containers: Array<Record<string, unknown>>): KObject => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: { template: { spec: { containers } } },
    });
    const live = serverSideApply(
      undefined,
      dep([{ name: "web", image: "nginx:1" }]),
      "helm",
      false,
      "apps/v1",
    );
    const defaulted = clone(live);
    (containersOf(defaulted)[0] as Record<string, unknown>).imagePullPolicy = "IfNotPresent";
    recordUpdate(live, defaulted, "kube-apiserver", "apps/v1");
    const again = serverSideApply(
      defaulted,
      dep([{ name: "web", image: "nginx:2" }]),
      "helm",
      false,
      "apps/v1",
    );
    expect(containersOf(again)).toEqual([
      { name: "web", image: "nginx:2", imagePullPolicy: "IfNotPresent" },
    ]);
    let err: unknown;
    try {
      serverSideApply(again, dep([{ name: "web", image: "nginx:3" }]), "other", false, "apps/v1");
    } catch (e) {
      err = e;
    }
    expect((err as StatusError).message).toBe(
      'Apply failed with 1 conflict: conflict with "helm" using apps/v1: .spec.template.spec.containers[name="web"].image',
    );
  });

  it("removes a list element its applier stops applying", () => {
    const cmList = (names: string[]): KObject => ({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { containers: names.map((name) => ({ name, image: "i" })) },
    });
    const live = serverSideApply(undefined, cmList(["a", "b"]), "m", false, "v1");
    const next = serverSideApply(live, cmList(["a"]), "m", false, "v1");
    expect(next.spec).toEqual({ containers: [{ name: "a", image: "i" }] });
  });

  // Recorded from kube-apiserver v1.19 after `kubectl apply --server-side`, `kubectl set env`
  // and `kubectl annotate`.
  describe("as the real server writes them", () => {
    const web = (env: Array<Record<string, string>>): KObject => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
      spec: { template: { spec: { containers: [{ name: "web", image: "nginx", env }] } } },
    });
    const entry = (obj: KObject, manager: string) =>
      obj.metadata.managedFields?.find((m) => m.manager === manager)?.fieldsV1;

    it("marks each list item an applier applies as a member of its set", () => {
      const live = serverSideApply(
        undefined,
        web([{ name: "A", value: "1" }]),
        "helm",
        false,
        "apps/v1",
      );
      expect(entry(live, "helm")).toEqual({
        "f:spec": {
          "f:template": {
            "f:spec": {
              "f:containers": {
                'k:{"name":"web"}': {
                  ".": {},
                  "f:env": { 'k:{"name":"A"}': { ".": {}, "f:name": {}, "f:value": {} } },
                  "f:image": {},
                  "f:name": {},
                },
              },
            },
          },
        },
      });
    });

    it("marks the list items and maps an update brings into being, not those it changes", () => {
      const live = serverSideApply(
        undefined,
        web([{ name: "A", value: "1" }]),
        "helm",
        false,
        "apps/v1",
      );
      const setEnv = web([
        { name: "A", value: "1" },
        { name: "FOO", value: "bar" },
      ]);
      recordUpdate(live, setEnv, "kubectl-set", "apps/v1");
      expect(entry(setEnv, "kubectl-set")).toEqual({
        "f:spec": {
          "f:template": {
            "f:spec": {
              "f:containers": {
                'k:{"name":"web"}': {
                  "f:env": { 'k:{"name":"FOO"}': { ".": {}, "f:name": {}, "f:value": {} } },
                },
              },
            },
          },
        },
      });
      const annotated = clone(setEnv);
      annotated.metadata.annotations = { note: "y" };
      recordUpdate(setEnv, annotated, "kubectl-annotate", "apps/v1");
      expect(entry(annotated, "kubectl-annotate")).toEqual({
        "f:metadata": { "f:annotations": { ".": {}, "f:note": {} } },
      });
      const again = clone(annotated);
      again.metadata.annotations = { note: "y", more: "z" };
      recordUpdate(annotated, again, "kubectl-annotate2", "apps/v1");
      expect(entry(again, "kubectl-annotate2")).toEqual({
        "f:metadata": { "f:annotations": { "f:more": {} } },
      });
    });

    it("lists Apply entries first, then Update entries by time and name", () => {
      const live = serverSideApply(undefined, cm({ a: "1" }), "zeta", false, "v1");
      const next = clone(live);
      next.data = { a: "1", b: "2", c: "3" };
      recordUpdate(live, next, "kubectl-patch", "v1");
      const last = clone(next);
      last.data = { a: "1", b: "2", c: "4" };
      recordUpdate(next, last, "kubectl-edit", "v1");
      const time = last.metadata.managedFields?.[1]?.time;
      for (const m of last.metadata.managedFields ?? []) m.time = time ?? "";
      const resorted = clone(last);
      recordUpdate(last, resorted, "nobody", "v1");
      expect(resorted.metadata.managedFields?.map((m) => m.manager)).toEqual([
        "zeta",
        "kubectl-edit",
        "kubectl-patch",
      ]);
    });
  });
});
