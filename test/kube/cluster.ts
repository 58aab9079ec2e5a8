import { randomBytes } from "node:crypto";
import { startSandbox } from "../../src/sandbox/index.js";
import type { Sandbox } from "../../src/sandbox/index.js";
import { KubeClient } from "../../src/kube/client.js";
import type { KubeClientOptions } from "../../src/kube/transport.js";
import { kubeConfigFromString, loadKubeConfig } from "../../src/kube/config.js";
import type { LoadedKubeConfig } from "../../src/kube/config.js";

/**
 * Where the src/kube integration tests run: a sandbox started for the
 * test file, or — with WHEELHOUSE_TEST_CLUSTER=1 (`npm run test:cluster`)
 * — the current context of $KUBECONFIG, in a throw-away namespace that is
 * deleted afterwards. Tests must pass against both.
 */
export interface TestCluster {
  config: LoadedKubeConfig;
  /** A namespace of the test's own. */
  namespace: string;
  /** The sandbox, when the tests run against one (fault injection needs it). */
  sandbox?: Sandbox;
  client(options?: KubeClientOptions): KubeClient;
  close(): Promise<void>;
}

export const againstRealCluster = process.env.WHEELHOUSE_TEST_CLUSTER === "1";

export async function startTestCluster(): Promise<TestCluster> {
  const namespace = `wh-test-${randomBytes(4).toString("hex")}`;
  let sandbox: Sandbox | undefined;
  let config: LoadedKubeConfig;
  if (againstRealCluster) {
    config = loadKubeConfig();
  } else {
    sandbox = await startSandbox({ readyDelayMs: 50 });
    config = kubeConfigFromString(sandbox.kubeconfigYaml(namespace));
  }
  const clients: KubeClient[] = [];
  const client = (options?: KubeClientOptions): KubeClient => {
    const c = new KubeClient({ ...config, namespace }, { timeoutMs: 15_000, ...options });
    clients.push(c);
    return c;
  };
  const admin = client();
  await admin.objects.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
  return {
    config,
    namespace,
    ...(sandbox ? { sandbox } : {}),
    client,
    close: async () => {
      try {
        await admin.objects.delete({ apiVersion: "v1", kind: "Namespace", name: namespace });
      } finally {
        for (const c of clients) c.close();
        await sandbox?.close();
      }
    },
  };
}
