import type { ActionContext } from "../../src/engine/actions/context.js";
import { KubeClusterAccess } from "../../src/engine/cluster/kubeClusterAccess.js";
import { ReleaseStorage } from "../../src/engine/storage/releaseStorage.js";
import { SecretDriver } from "../../src/engine/storage/secrets.js";
import { KubeClient } from "../../src/kube/client.js";
import { loadKubeConfig } from "../../src/kube/config.js";
import { coreResources } from "../../src/kube/coreResources.js";

/** The engine wired to a cluster over HTTP, as the CLI wires it: Secret storage, field manager helm. */
export function engineOver(kubeconfigPath: string): { client: KubeClient; ctx: ActionContext } {
  const client = new KubeClient(loadKubeConfig({ kubeconfig: kubeconfigPath, env: {} }));
  return {
    client,
    ctx: {
      storage: new ReleaseStorage(new SecretDriver(coreResources(client, "secrets"))),
      cluster: new KubeClusterAccess(client),
      now: () => new Date(),
      fieldManager: "helm",
    },
  };
}
