import { describe, expect, it } from "vitest";
import { makeRelease } from "../../../test/support/releases.js";
import { labelSelector, recordLabels, refFromLabels, storageKey } from "./records.js";

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
});
