import { describe, expect, it } from "vitest";
import { upgradeClientSideManager, type ManagedFieldsEntry } from "./managedFields.js";

const update = (fields: object, extra: Partial<ManagedFieldsEntry> = {}): ManagedFieldsEntry => ({
  manager: "helm",
  operation: "Update",
  apiVersion: "v1",
  time: "2026-11-01T10:00:00Z",
  fieldsType: "FieldsV1",
  fieldsV1: fields as ManagedFieldsEntry["fieldsV1"],
  ...extra,
});

describe("upgradeClientSideManager", () => {
  it("leaves objects without a client-side helm entry alone", () => {
    const entries = [
      update({ "f:data": {} }, { operation: "Apply" }),
      update({}, { manager: "kubectl" }),
    ];
    expect(upgradeClientSideManager(entries, "helm")).toBeUndefined();
  });

  it("turns helm's Update entry into its Apply entry, dropping the last-applied annotation", () => {
    const kubectl = update({ "f:data": { "f:other": {} } }, { manager: "kubectl-edit" });
    const entries = [
      update({
        "f:data": { ".": {}, "f:keep": {}, "f:drop": {} },
        "f:metadata": {
          "f:annotations": {
            ".": {},
            "f:kubectl.kubernetes.io/last-applied-configuration": {},
            "f:old": {},
          },
        },
      }),
      kubectl,
    ];
    expect(upgradeClientSideManager(entries, "helm")).toEqual([
      update(
        {
          "f:data": { ".": {}, "f:keep": {}, "f:drop": {} },
          "f:metadata": { "f:annotations": { ".": {}, "f:old": {} } },
        },
        { operation: "Apply" },
      ),
      kubectl,
    ]);
  });

  it("merges the Update entry into an existing Apply entry and removes it", () => {
    const entries = [
      update({ "f:data": { "f:a": {} } }, { operation: "Apply", time: "2026-11-02T00:00:00Z" }),
      update({ "f:data": { "f:b": {} }, "f:metadata": { "f:labels": { "f:x": {} } } }),
    ];
    expect(upgradeClientSideManager(entries, "helm")).toEqual([
      update(
        { "f:data": { "f:a": {}, "f:b": {} }, "f:metadata": { "f:labels": { "f:x": {} } } },
        { operation: "Apply", time: "2026-11-02T00:00:00Z" },
      ),
    ]);
  });

  it("keeps status-subresource entries and other managers as they are", () => {
    const status = update({ "f:status": {} }, { subresource: "status" });
    const entries = [update({ "f:spec": { "f:replicas": {} } }), status];
    const upgraded = upgradeClientSideManager(entries, "helm");
    expect(upgraded).toHaveLength(2);
    expect(upgraded?.[1]).toEqual(status);
    expect(upgraded?.[0]?.operation).toBe("Apply");
  });

  it("does not merge an Update entry of another apiVersion, as client-go does not", () => {
    const entries = [
      update({ "f:spec": { "f:a": {} } }, { operation: "Apply", apiVersion: "apps/v1" }),
      update({ "f:spec": { "f:b": {} } }, { apiVersion: "apps/v1beta2" }),
    ];
    expect(upgradeClientSideManager(entries, "helm")).toEqual([entries[0]]);
  });
});
