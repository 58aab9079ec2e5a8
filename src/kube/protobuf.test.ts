import { describe, expect, it } from "vitest";
import { decodeMetadataList } from "./protobuf.js";

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
