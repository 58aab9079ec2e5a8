import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeconfigUser, whoAmI } from "../../src/kube/whoAmI.js";
import { againstRealCluster, startTestCluster, type TestCluster } from "./cluster.js";

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(() => cluster.close());

describe("who the API server takes the client for", () => {
  it("asks a SelfSubjectReview where the server has one, else names the kubeconfig's user", async () => {
    const client = cluster.client();
    // kube-apiserver 1.19 serves no SelfSubjectReview (1.27+); the sandbox answers for its token.
    expect(await whoAmI(client)).toBe(
      againstRealCluster ? kubeconfigUser(client) : "sandbox-admin",
    );
  });

  it.skipIf(againstRealCluster)(
    "falls back to the kubeconfig's user on a server without it",
    async () => {
      cluster.sandbox!.setFaults({
        failRequests: [{ method: "POST", pathIncludes: "/selfsubjectreviews", status: 404 }],
      });
      const before = cluster.sandbox!.requestLog().length;
      try {
        const client = cluster.client();
        expect(await whoAmI(client)).toBe("sandbox");
        expect(
          cluster
            .sandbox!.requestLog()
            .slice(before)
            .filter((r) => r.path.includes("selfsubjectreviews"))
            .map((r) => r.path),
        ).toEqual([
          "/apis/authentication.k8s.io/v1/selfsubjectreviews",
          "/apis/authentication.k8s.io/v1beta1/selfsubjectreviews",
        ]);
      } finally {
        cluster.sandbox!.setFaults({});
      }
    },
  );
});
