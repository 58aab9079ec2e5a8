import { isKubeError } from "./errors.js";
import type { KubeTransport } from "./transport.js";

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string } };
}

// GA in Kubernetes 1.28, beta from 1.27; older servers answer 404 to both.
const VERSIONS = ["v1", "v1beta1"] as const;

/**
 * Who the API server takes this client for: a SelfSubjectReview, where the server has one
 * (authentication.k8s.io, 1.27+), else the kubeconfig's user name for the context — the best a
 * client can say on an older server. Never throws: a name is for the record, not a gate.
 */
export async function whoAmI(transport: KubeTransport): Promise<string> {
  for (const version of VERSIONS) {
    try {
      const review = await transport.request<SelfSubjectReview>({
        method: "POST",
        path: `/apis/authentication.k8s.io/${version}/selfsubjectreviews`,
        body: { apiVersion: `authentication.k8s.io/${version}`, kind: "SelfSubjectReview" },
        verb: "create",
        resource: "selfsubjectreviews",
        timeoutMs: 5_000,
      });
      const name = review.status?.userInfo?.username;
      if (name) return name;
      break;
    } catch (err) {
      // Not served (404): try the older version. Forbidden, or the server is away: the
      // kubeconfig has to do.
      if (!isKubeError(err, "NotFound")) break;
    }
  }
  return kubeconfigUser(transport);
}

/** The user the current context names in the kubeconfig ("admin", "alice@prod"). */
export function kubeconfigUser(transport: KubeTransport): string {
  const kc = transport.config.kubeConfig;
  return kc.getContextObject(transport.context)?.user ?? kc.getCurrentUser()?.name ?? "unknown";
}
