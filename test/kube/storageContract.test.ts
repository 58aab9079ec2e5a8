import { afterAll, beforeAll, describe } from "vitest";
import { configMapRecords, ConfigMapDriver } from "../../src/engine/storage/configmaps.js";
import type { StorageDriver } from "../../src/engine/storage/driver.js";
import type { RecordFormat } from "../../src/engine/storage/kubeRecords.js";
import { MemoryDriver } from "../../src/engine/storage/memory.js";
import { secretRecords, SecretDriver } from "../../src/engine/storage/secrets.js";
import type { KubeClient } from "../../src/kube/client.js";
import type { CoreKinds, CoreResource, CoreResources } from "../../src/kube/coreResources.js";
import { coreResources } from "../../src/kube/coreResources.js";
import { againstRealCluster, startTestCluster } from "./cluster.js";
import type { TestCluster } from "./cluster.js";
import { describeRecordProblemsContract } from "./recordProblemsContract.js";
import { CONTRACT_CLOCK, describeStorageContract } from "./storageContract.js";
import type { MutatingOperation, StorageHarness } from "./storageContract.js";

describe("memory", () => {
  const memory = new MemoryDriver(CONTRACT_CLOCK);
  describeStorageContract(
    "memory",
    () => ({
      driver: () => memory,
      namespaces: ["team-a", "team-b"],
      stored: async (namespace, objectName) => {
        const raw = memory.getRaw(namespace, objectName);
        if (!raw) throw new Error(`no record ${namespace}/${objectName}`);
        return raw;
      },
      putRaw: async (namespace, objectName, labels, payload) =>
        memory.putRaw(namespace, objectName, labels, payload),
    }),
    { serverFaults: false },
  );
  describeRecordProblemsContract("memory", () => ({
    driver: () => memory,
    namespaces: ["team-a", "team-b"],
    stored: async (namespace, objectName) => memory.getRaw(namespace, objectName)!,
    putRaw: async (namespace, objectName, labels, payload) =>
      memory.putRaw(namespace, objectName, labels, payload),
  }));
});

/**
 * The cluster drivers on an API server: the sandbox in `npm test`, the
 * current kubeconfig context in `npm run test:cluster`. Server faults are
 * the sandbox's to inject.
 */
function describeOnCluster<R extends CoreResource>(
  resource: R,
  format: RecordFormat<CoreKinds[R]>,
  makeDriver: (objects: CoreResources<CoreKinds[R]>) => StorageDriver,
): void {
  let cluster: TestCluster;
  let admin: KubeClient;
  let second: string;
  const objects = (client: KubeClient) => coreResources(client, resource);

  beforeAll(async () => {
    cluster = await startTestCluster();
    admin = cluster.client();
    second = `${cluster.namespace}-b`;
    await admin.objects.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: second } });
  }, 60_000);
  afterAll(async () => {
    await admin?.objects.delete({ apiVersion: "v1", kind: "Namespace", name: second });
    await cluster?.close();
  });

  const faultRules: Record<
    MutatingOperation,
    { method: string; path: (ns: string, name: string) => string }
  > = {
    // a create is a POST to the collection: the object's name is only in the body
    create: { method: "POST", path: (ns) => `/namespaces/${ns}/${resource}` },
    update: { method: "PUT", path: (ns, name) => `/namespaces/${ns}/${resource}/${name}` },
    delete: { method: "DELETE", path: (ns, name) => `/namespaces/${ns}/${resource}/${name}` },
  };

  const harness = (): StorageHarness => ({
    driver: () => makeDriver(objects(cluster.client())),
    namespaces: [cluster.namespace, second],
    stored: async (namespace, objectName) => {
      const object = await objects(admin).get(namespace, objectName);
      return { labels: object.metadata.labels ?? {}, payload: format.payloadOf(object) };
    },
    putRaw: async (namespace, objectName, labels, payload) => {
      await objects(admin).create(format.build(namespace, objectName, labels, payload));
    },
    ...(cluster?.sandbox
      ? {
          refuse: (operation: MutatingOperation, namespace: string, objectName: string) => {
            const rule = faultRules[operation];
            cluster.sandbox!.setFaults({
              failRequests: [
                {
                  method: rule.method,
                  pathIncludes: rule.path(namespace, objectName),
                  status: 500,
                  times: 1,
                },
              ],
            });
            return () => cluster.sandbox!.setFaults({});
          },
        }
      : {}),
  });

  describeStorageContract(resource, harness, { serverFaults: !againstRealCluster });
  describeRecordProblemsContract(resource, harness);
}

describe("secrets", () => {
  describeOnCluster("secrets", secretRecords, (o) => new SecretDriver(o, CONTRACT_CLOCK));
});

describe("configmaps", () => {
  describeOnCluster("configmaps", configMapRecords, (o) => new ConfigMapDriver(o, CONTRACT_CLOCK));
});
