import { describe, expect, it } from "vitest";
import { makeRelease } from "../../../test/support/releases.js";
import {
  classifyRecord,
  labelSelector,
  parseStorageKey,
  recordLabels,
  refFromLabels,
  storageKey,
} from "./records.js";

const now = new Date("2026-11-25T05:00:00Z");

describe("storage records", () => {
  it("names records sh.helm.release.v1.<name>.v<revision>", () => {
    expect(storageKey("demo", 3)).toBe("sh.helm.release.v1.demo.v3");
  });

  it("stamps createdAt on create and only modifiedAt on update, as helm does", () => {
    const release = makeRelease({ version: 2, status: "pending-upgrade" });
    expect(recordLabels(release, "create", now)).toEqual({
      createdAt: "1795582800",
      name: "demo",
      owner: "helm",
      status: "pending-upgrade",
      version: "2",
    });
    expect(recordLabels(release, "update", now)).not.toHaveProperty("createdAt");
    expect(recordLabels(release, "update", now)).toHaveProperty("modifiedAt", "1795582800");
  });

  it("keeps custom labels but never lets them override system labels", () => {
    const labels = recordLabels(makeRelease({ labels: { team: "a", owner: "me" } }), "update", now);
    expect(labels.team).toBe("a");
    expect(labels.owner).toBe("helm");
  });

  it("ignores objects that are not helm release records", () => {
    expect(
      refFromLabels("x", "default", { owner: "someone", name: "a", version: "1" }),
    ).toBeUndefined();
    expect(
      refFromLabels("x", "default", { owner: "helm", name: "a", version: "zero" }),
    ).toBeUndefined();
  });

  it("builds helm's label selectors", () => {
    expect(labelSelector({ name: "demo" })).toBe("name=demo,owner=helm");
    expect(labelSelector({ status: "deployed" })).toBe("owner=helm,status=deployed");
  });

  it("reads the release and revision back from a record's name, dots in the release name included", () => {
    expect(parseStorageKey("sh.helm.release.v1.my.app.v12")).toEqual({
      name: "my.app",
      version: 12,
    });
    for (const bad of [
      "sh.helm.release.v1.demo.v0",
      "sh.helm.release.v1.demo.v01",
      "demo.v1",
      "sh.helm.release.v1..v1x",
    ]) {
      expect(parseStorageKey(bad)).toBeUndefined();
    }
  });

  it("numbers a record by its name when its version label is missing, not a number or another number", () => {
    const labels = { owner: "helm", name: "demo", status: "deployed" };
    for (const [version, problem] of [
      [undefined, "has no version label"],
      ["abc", 'has a version label that is not a number ("abc")'],
      ["9", "has the version label 9"],
    ] as const) {
      const record = classifyRecord("sh.helm.release.v1.demo.v3", "ns", {
        ...labels,
        ...(version ? { version } : {}),
      });
      expect(record).toEqual({
        ref: expect.objectContaining({ name: "demo", version: 3, problem }),
      });
    }
  });

  it("calls a record a stray when its name label is missing or names another release", () => {
    const key = "sh.helm.release.v1.foo.v1";
    expect(classifyRecord(key, "ns", { owner: "helm", version: "1" })).toEqual({
      stray: { namespace: "ns", key, release: "foo", problem: "has no name label" },
    });
    expect(classifyRecord(key, "ns", { owner: "helm", name: "bar", version: "1" })).toEqual({
      stray: {
        namespace: "ns",
        key,
        release: "bar",
        problem: 'is labelled for release "bar" but named for release "foo"',
      },
    });
    expect(classifyRecord("settings", "ns", { owner: "helm", name: "bar" })).toMatchObject({
      stray: { problem: 'is labelled for release "bar" but named for no release' },
    });
  });
});
