import { describe, expect, it } from "vitest";
import { diffManifests } from "./diffManifests.js";
import { toHunks } from "./hunks.js";
import { projectLive } from "./liveProjection.js";
import { maskSecretPair } from "./maskSecrets.js";
import type { DiffSubject } from "./types.js";

const cm = (name: string, text: string, namespace = "default"): DiffSubject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  namespace,
  name,
  text,
});

describe("diffManifests", () => {
  it("classifies resources as added, removed, changed and unchanged", () => {
    const diff = diffManifests(
      [cm("same", "a: 1\n"), cm("edit", "a: 1\nb: 2\n"), cm("gone", "x: 1\n")],
      [cm("same", "a: 1\n"), cm("edit", "a: 1\nb: 3\n"), cm("new", "y: 1\n")],
    );
    expect(diff.resources.map((r) => [r.name, r.change])).toEqual([
      ["same", "unchanged"],
      ["edit", "changed"],
      ["new", "added"],
      ["gone", "removed"],
    ]);
    expect(diff.summary).toEqual({ added: 1, changed: 1, removed: 1, unchanged: 1 });
  });

  it("keys resources by namespace too, so the same name elsewhere is a different resource", () => {
    const diff = diffManifests([cm("x", "a: 1\n", "dev")], [cm("x", "a: 1\n", "prod")]);
    expect(diff.summary).toMatchObject({ added: 1, removed: 1, unchanged: 0 });
  });

  it("numbers changed lines on each side", () => {
    const [edit] = diffManifests(
      [cm("e", "a: 1\nb: 2\nc: 3\n")],
      [cm("e", "a: 1\nb: 9\nc: 3\n")],
    ).resources;
    expect(edit?.lines).toEqual([
      { op: "context", text: "a: 1", oldLine: 1, newLine: 1 },
      { op: "remove", text: "b: 2", oldLine: 2 },
      { op: "add", text: "b: 9", newLine: 2 },
      { op: "context", text: "c: 3", oldLine: 3, newLine: 3 },
    ]);
    expect(edit).toMatchObject({ added: 1, removed: 1 });
  });

  it("does not count a trailing newline difference as a change", () => {
    expect(diffManifests([cm("t", "a: 1")], [cm("t", "a: 1\n\n")]).summary.unchanged).toBe(1);
  });
});

describe("toHunks", () => {
  const text = (n: number, changeAt: number[]) =>
    Array.from({ length: n }, (_, i) =>
      changeAt.includes(i + 1) ? `k${i + 1}: new` : `k${i + 1}: v`,
    ).join("\n");

  it("keeps the requested number of context lines around each change", () => {
    const [r] = diffManifests([cm("h", text(20, []))], [cm("h", text(20, [10]))]).resources;
    const hunks = toHunks(r!.lines, 2);
    expect(hunks).toHaveLength(1);
    expect(hunks[0]).toMatchObject({ oldStart: 8, oldLines: 5, newStart: 8, newLines: 5 });
  });

  it("merges nearby changes into one hunk and splits distant ones", () => {
    const [r] = diffManifests([cm("h", text(40, []))], [cm("h", text(40, [5, 8, 30]))]).resources;
    expect(toHunks(r!.lines, 3).map((h) => h.oldStart)).toEqual([2, 27]);
    expect(toHunks(r!.lines, 0)).toHaveLength(3);
  });
});

describe("maskSecretPair", () => {
  const secret = (data: Record<string, string>, stringData?: Record<string, string>) => ({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "s" },
    data: Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString("base64")]),
    ),
    ...(stringData ? { stringData } : {}),
  });

  it("hides values but shows which keys changed and their sizes", () => {
    const { before, after } = maskSecretPair(
      secret({ user: "admin", pass: "old" }),
      secret({ user: "admin", pass: "longer" }),
    );
    expect(before?.data).toEqual({ pass: "-------- # (3 bytes)", user: "REDACTED # (5 bytes)" });
    expect(after?.data).toEqual({ pass: "++++++++ # (6 bytes)", user: "REDACTED # (5 bytes)" });
    expect(JSON.stringify([before, after])).not.toMatch(/admin|old|longer/);
  });

  it("folds stringData into data before comparing, as the API server does", () => {
    const { before, after } = maskSecretPair(
      secret({ token: "abc" }),
      secret({}, { token: "abc" }),
    );
    expect(before?.data).toEqual(after?.data);
    expect(after).not.toHaveProperty("stringData");
  });

  it("leaves other kinds alone", () => {
    const cmObj = { kind: "ConfigMap", data: { a: "1" } };
    expect(maskSecretPair(cmObj, cmObj).after).toBe(cmObj);
  });
});

describe("projectLive", () => {
  it("ignores fields the server set and keeps drift in fields the manifest sets", () => {
    const desired = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { replicas: 2, template: { spec: { containers: [{ name: "app", image: "web:1" }] } } },
    };
    const live = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name: "web",
        uid: "u",
        resourceVersion: "9",
        managedFields: [],
        creationTimestamp: "t",
        labels: { "app.kubernetes.io/managed-by": "Helm" },
      },
      spec: {
        replicas: 5,
        progressDeadlineSeconds: 600,
        template: {
          spec: { containers: [{ name: "app", image: "web:1", imagePullPolicy: "IfNotPresent" }] },
        },
      },
      status: { readyReplicas: 5 },
    };
    expect(projectLive(live, desired)).toEqual({
      ...desired,
      spec: { ...desired.spec, replicas: 5 },
    });
  });

  it("shows a field removed from the live object as missing", () => {
    const desired = { kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1", b: "2" } };
    const live = { kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } };
    expect(projectLive(live, desired)).toEqual({
      kind: "ConfigMap",
      metadata: { name: "c" },
      data: { a: "1" },
    });
  });
});
