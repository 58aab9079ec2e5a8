import { describe, expect, it } from "vitest";
import { decodeConfigMapList, decodeMetadataList, decodeSecretList } from "./protobuf.js";

/**
 * A metadata-only list of two release Secrets as kube-apiserver v1.19 sent it
 * (Accept: application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList),
 * uid, timestamps, annotations and managed fields included.
 */
const V1_19_LIST = Buffer.from(
  [
    "azhzAAorCg5tZXRhLms4cy5pby92MRIZUGFydGlhbE9iamVjdE1ldGFkYXRhTGlzdBLMCAoyCicvYXBpL3YxL25h",
    "bWVzcGFjZXMvaTEzdy1maXh0dXJlL3NlY3JldHMSBTQ4NjU2GgASiQQKhgQKGXNoLmhlbG0ucmVsZWFzZS52MS53",
    "ZWIudjESABoMaTEzdy1maXh0dXJlIkEvYXBpL3YxL25hbWVzcGFjZXMvaTEzdy1maXh0dXJlL3NlY3JldHMvc2gu",
    "aGVsbS5yZWxlYXNlLnYxLndlYi52MSokZDA0YmM0MTUtNTU5Yy00NWZiLThjNGUtMjVhZjZlM2E2NjU5MgU0ODY1",
    "NTgAQggIwrbD2AYQAFoXCgljcmVhdGVkQXQSCjE3OTYyNjEzNjFaCwoEbmFtZRIDd2ViWg0KBW93bmVyEgRoZWxt",
    "WhQKBnN0YXR1cxIKc3VwZXJzZWRlZFoMCgd2ZXJzaW9uEgExYg8KBG5vdGUSB3NraXBwZWR6AIoB7wEKCndoZWVs",
    "aG91c2USBlVwZGF0ZRoCdjEiCAjCtsPYBhAAMghGaWVsZHNWMTrAAQq9AXsiZjpkYXRhIjp7Ii4iOnt9LCJmOnJl",
    "bGVhc2UiOnt9fSwiZjptZXRhZGF0YSI6eyJmOmFubm90YXRpb25zIjp7Ii4iOnt9LCJmOm5vdGUiOnt9fSwiZjps",
    "YWJlbHMiOnsiLiI6e30sImY6Y3JlYXRlZEF0Ijp7fSwiZjpuYW1lIjp7fSwiZjpvd25lciI6e30sImY6c3RhdHVz",
    "Ijp7fSwiZjp2ZXJzaW9uIjp7fX19LCJmOnR5cGUiOnt9fRKJBAqGBAoZc2guaGVsbS5yZWxlYXNlLnYxLndlYi52",
    "MhIAGgxpMTN3LWZpeHR1cmUiQS9hcGkvdjEvbmFtZXNwYWNlcy9pMTN3LWZpeHR1cmUvc2VjcmV0cy9zaC5oZWxt",
    "LnJlbGVhc2UudjEud2ViLnYyKiQ4ZmRkZDg5MS1hMTE0LTRmNGItOTEwMi02MzQ1ODA5NmYxZmMyBTQ4NjU2OABC",
    "CAjCtsPYBhAAWhgKCm1vZGlmaWVkQXQSCjE3OTYyNjEzOTlaCwoEbmFtZRIDd2ViWg0KBW93bmVyEgRoZWxtWhIK",
    "BnN0YXR1cxIIZGVwbG95ZWRaDAoHdmVyc2lvbhIBMmIPCgRub3RlEgdza2lwcGVkegCKAfABCgp3aGVlbGhvdXNl",
    "EgZVcGRhdGUaAnYxIggIwrbD2AYQADIIRmllbGRzVjE6wQEKvgF7ImY6ZGF0YSI6eyIuIjp7fSwiZjpyZWxlYXNl",
    "Ijp7fX0sImY6bWV0YWRhdGEiOnsiZjphbm5vdGF0aW9ucyI6eyIuIjp7fSwiZjpub3RlIjp7fX0sImY6bGFiZWxz",
    "Ijp7Ii4iOnt9LCJmOm1vZGlmaWVkQXQiOnt9LCJmOm5hbWUiOnt9LCJmOm93bmVyIjp7fSwiZjpzdGF0dXMiOnt9",
    "LCJmOnZlcnNpb24iOnt9fX0sImY6dHlwZSI6e319GgAiAA==",
  ].join(""),
  "base64",
);

describe("decodeMetadataList", () => {
  it("reads names, namespaces, resourceVersions and labels of a real server's list, and its resourceVersion", () => {
    const list = decodeMetadataList(V1_19_LIST);
    expect(list.resourceVersion).toBe("48656");
    expect(list.items).toEqual([
      {
        apiVersion: "meta.k8s.io/v1",
        kind: "PartialObjectMetadata",
        metadata: {
          name: "sh.helm.release.v1.web.v1",
          namespace: "i13w-fixture",
          resourceVersion: "48655",
          labels: {
            createdAt: "1796261361",
            name: "web",
            owner: "helm",
            status: "superseded",
            version: "1",
          },
        },
      },
      {
        apiVersion: "meta.k8s.io/v1",
        kind: "PartialObjectMetadata",
        metadata: {
          name: "sh.helm.release.v1.web.v2",
          namespace: "i13w-fixture",
          resourceVersion: "48656",
          labels: {
            modifiedAt: "1796261399",
            name: "web",
            owner: "helm",
            status: "deployed",
            version: "2",
          },
        },
      },
    ]);
  });

  it("refuses what is not a Kubernetes protobuf message, or is cut short", () => {
    expect(() => decodeMetadataList(Buffer.from('{"items":[]}'))).toThrow(
      /not a Kubernetes protobuf/,
    );
    expect(() => decodeMetadataList(V1_19_LIST.subarray(0, 400))).toThrow(/truncated/);
  });
});

/**
 * kube-apiserver v1.19's protobuf SecretList of one release record (created
 * with kubectl, labelled and annotated, so managed fields are in it too).
 */
const V1_19_SECRETS = Buffer.from(
  [
    "azhzAAoQCgJ2MRIKU2VjcmV0TGlzdBLEBQoyCicvYXBpL3YxL25hbWVzcGFjZXMvaTEzcC1maXh0dXJlL3NlY3Jl",
    "dHMSBTYwMjQ4GgASjQUK2QQKGXNoLmhlbG0ucmVsZWFzZS52MS53ZWIudjESABoMaTEzcC1maXh0dXJlIkEvYXBp",
    "L3YxL25hbWVzcGFjZXMvaTEzcC1maXh0dXJlL3NlY3JldHMvc2guaGVsbS5yZWxlYXNlLnYxLndlYi52MSokYTBh",
    "MzE1N2MtODlmMC00ZGM3LWIzY2UtMjc1MDgwNjEwNDNhMgU2MDI0NzgAQggI6Z3E2AYQAFoLCgRuYW1lEgN3ZWJa",
    "DQoFb3duZXISBGhlbG1aEgoGc3RhdHVzEghkZXBsb3llZFoMCgd2ZXJzaW9uEgExYgwKBG5vdGUSBGtlcHR6AIoB",
    "awoQa3ViZWN0bC1hbm5vdGF0ZRIGVXBkYXRlGgJ2MSIICOmdxNgGEAAyCEZpZWxkc1YxOjcKNXsiZjptZXRhZGF0",
    "YSI6eyJmOmFubm90YXRpb25zIjp7Ii4iOnt9LCJmOm5vdGUiOnt9fX19igFiCg5rdWJlY3RsLWNyZWF0ZRIGVXBk",
    "YXRlGgJ2MSIICOmdxNgGEAAyCEZpZWxkc1YxOjAKLnsiZjpkYXRhIjp7Ii4iOnt9LCJmOnJlbGVhc2UiOnt9fSwi",
    "Zjp0eXBlIjp7fX2KAY0BCg1rdWJlY3RsLWxhYmVsEgZVcGRhdGUaAnYxIggI6Z3E2AYQADIIRmllbGRzVjE6XApa",
    "eyJmOm1ldGFkYXRhIjp7ImY6bGFiZWxzIjp7Ii4iOnt9LCJmOm5hbWUiOnt9LCJmOm93bmVyIjp7fSwiZjpzdGF0",
    "dXMiOnt9LCJmOnZlcnNpb24iOnt9fX19EhsKB3JlbGVhc2USEEg0c0lBQUFBQUFBQS93PT0aEmhlbG0uc2gvcmVs",
    "ZWFzZS52MRoAIgA=",
  ].join(""),
  "base64",
);

/** kube-apiserver v1.19's protobuf ConfigMapList of one ConfigMap with a non-ASCII value. */
const V1_19_CONFIGMAPS = Buffer.from(
  [
    "azhzAAoTCgJ2MRINQ29uZmlnTWFwTGlzdBKXAgo1CiovYXBpL3YxL25hbWVzcGFjZXMvaTEzcC1maXh0dXJlL2Nv",
    "bmZpZ21hcHMSBTYwMjQ4GgAS3QEK0QEKAmNtEgAaDGkxM3AtZml4dHVyZSItL2FwaS92MS9uYW1lc3BhY2VzL2kx",
    "M3AtZml4dHVyZS9jb25maWdtYXBzL2NtKiQ2MmExZjYyOC1hM2Q3LTQ4Y2ItYTRjYi0xZDcwY2VhYTAyZTgyBTYw",
    "MjQ4OABCCAjpncTYBhAAegCKAVAKDmt1YmVjdGwtY3JlYXRlEgZVcGRhdGUaAnYxIggI6Z3E2AYQADIIRmllbGRz",
    "VjE6HgoceyJmOmRhdGEiOnsiLiI6e30sImY6YSI6e319fRIHCgFhEgLDqRoAIgA=",
  ].join(""),
  "base64",
);

describe("decodeSecretList", () => {
  it("reads a real server's Secrets as the JSON form has them: data base64, metadata without managed fields", () => {
    const list = decodeSecretList(V1_19_SECRETS);
    expect(list.items).toEqual([
      {
        apiVersion: "v1",
        kind: "Secret",
        metadata: {
          name: "sh.helm.release.v1.web.v1",
          namespace: "i13p-fixture",
          uid: "a0a3157c-89f0-4dc7-b3ce-27508061043a",
          resourceVersion: "60247",
          creationTimestamp: "2026-12-03T06:40:41Z",
          labels: { name: "web", owner: "helm", status: "deployed", version: "1" },
          annotations: { note: "kept" },
        },
        type: "helm.sh/release.v1",
        // The JSON form's data.release: base64 of the bytes "H4sIAAAAAAAA/w==".
        data: { release: Buffer.from("H4sIAAAAAAAA/w==").toString("base64") },
      },
    ]);
    expect(Number(list.resourceVersion)).toBeGreaterThanOrEqual(60247);
  });
});

describe("decodeConfigMapList", () => {
  it("reads a real server's ConfigMap, its UTF-8 data as text", () => {
    const [map] = decodeConfigMapList(V1_19_CONFIGMAPS).items;
    expect(map?.data).toEqual({ a: "é" });
    expect(map?.metadata).toMatchObject({
      name: "cm",
      namespace: "i13p-fixture",
      resourceVersion: "60248",
      creationTimestamp: "2026-12-03T06:40:41Z",
    });
  });
});
