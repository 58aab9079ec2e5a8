/**
 * SelfSubjectAccessReview and SelfSubjectRulesReview: the sandbox authorizes everything.
 * SelfSubjectReview: the token's user (one token, one user).
 */
import { sendJson } from "./http.js";
import { apiVersionOf } from "./identity.js";
import { readObject, type ResourceCall } from "./resourceCall.js";

export async function review(call: ResourceCall): Promise<void> {
  const t = call.target.type;
  const body = ((await readObject(call)) ?? {}) as Record<string, unknown>;
  const status =
    t.kind === "SelfSubjectReview"
      ? {
          userInfo: {
            username: call.cluster.userName,
            groups: ["system:masters", "system:authenticated"],
          },
        }
      : t.kind === "SelfSubjectAccessReview"
        ? { allowed: true, reason: "the sandbox allows every request" }
        : {
            resourceRules: [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }],
            nonResourceRules: [{ verbs: ["*"], nonResourceURLs: ["*"] }],
            incomplete: false,
          };
  sendJson(call.res, 201, {
    ...body,
    apiVersion: apiVersionOf(t.group, call.target.version),
    kind: t.kind,
    metadata: {},
    status,
  });
}
