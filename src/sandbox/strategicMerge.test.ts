import { describe, expect, it } from "vitest";
import { SMP_CASES, at } from "./__fixtures__/smpCases.js";
import { StatusError } from "./errors.js";
import { goSliceStable } from "./goSort.js";
import { PatchSchema } from "./patchSchema.js";
import { strategicMergePatch } from "./strategicMerge.js";

type Obj = Record<string, unknown>;

function schemaOf(obj: Obj): PatchSchema {
  const [group, version] = String(obj.apiVersion).includes("/")
    ? String(obj.apiVersion).split("/")
    : ["", String(obj.apiVersion)];
  return PatchSchema.forKind(group ?? "", version ?? "", String(obj.kind));
}

function thrown(f: () => unknown): StatusError {
  try {
    f();
  } catch (e) {
    if (e instanceof StatusError) return e;
    throw e;
  }
  throw new Error("expected the patch to be refused");
}

describe("strategic merge patch, as a real API server answered", () => {
  for (const c of SMP_CASES) {
    it(c.name, () => {
      const before = JSON.stringify(c.object);
      const apply = (): Obj => strategicMergePatch(c.object, c.patch, schemaOf(c.object));
      if (c.error !== undefined) {
        const e = thrown(apply);
        expect({ code: e.code, message: e.message }).toEqual(c.error);
      } else {
        expect(c.view(apply())).toEqual(c.expect);
      }
      expect(JSON.stringify(c.object)).toBe(before);
    });
  }
});

describe("strategic merge patch metadata", () => {
  const deployment = SMP_CASES[0]?.object ?? {};
  const patch = SMP_CASES[0]?.patch ?? {};

  it("comes from the kind's definition: without it a merge-keyed list is replaced", () => {
    const out = strategicMergePatch(deployment, patch, PatchSchema.NONE);
    expect(at(out, "spec.template.spec.containers")).toEqual(
      at(patch, "spec.template.spec.containers"),
    );
  });

  it("is found by group, version and kind, including kinds renamed from an older version", () => {
    const cronJob = PatchSchema.forKind("batch", "v1", "CronJob");
    const template = cronJob.field("spec", false).schema.field("jobTemplate", false).schema;
    const podSpec = template.field("spec", false).schema.field("template", false).schema;
    const containers = podSpec.field("spec", false).schema.field("containers", true);
    expect(containers).toMatchObject({ mergeKey: "name", strategy: "merge" });
    expect(PatchSchema.forKind("batch", "v1beta1", "CronJob")).toBe(PatchSchema.NONE);
    expect(PatchSchema.forKind("example.com", "v1", "Widget")).toBe(PatchSchema.NONE);
  });

  it("reads merge,retainKeys as the merge strategy", () => {
    const pod = PatchSchema.forKind("", "v1", "Pod").field("spec", false).schema;
    expect(pod.field("volumes", true)).toMatchObject({ mergeKey: "name", strategy: "merge" });
    expect(pod.field("tolerations", true)).toMatchObject({ mergeKey: "", strategy: "" });
  });

  it("refuses a patch that is not a JSON object and ignores a null one", () => {
    expect(thrown(() => strategicMergePatch({}, [], PatchSchema.NONE)).message).toBe(
      "json: cannot unmarshal array into Go value of type map[string]interface {}",
    );
    expect(strategicMergePatch({ a: 1 }, null, PatchSchema.NONE)).toEqual({ a: 1 });
  });
});

describe("Go's stable sort", () => {
  it("sorts stably under a strict order, past the 20-item blocks", () => {
    const items = Array.from({ length: 57 }, (_, i) => ({ key: (i * 7) % 5, i }));
    const expected = [...items].sort((a, b) => a.key - b.key);
    expect(goSliceStable([...items], (a, b) => a.key < b.key)).toEqual(expected);
  });

  it("reverses a short list when less is always true, as Go's insertion sort does", () => {
    expect(goSliceStable([1, 2, 3, 4], () => true)).toEqual([4, 3, 2, 1]);
  });
});
