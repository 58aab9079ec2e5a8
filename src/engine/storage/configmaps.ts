import type { KubeClient } from "../../kube/client.js";
import type { ConfigMap } from "../../kube/types.js";
import { KubeRecordDriver, releaseField } from "./kubeRecords.js";

/**
 * Helm's ConfigMap storage (`HELM_DRIVER=configmap`): same names and
 * labels as the Secret driver, no type, and `data.release` holds the
 * encoded release string itself (§1.3).
 */
export class ConfigMapDriver extends KubeRecordDriver<ConfigMap> {
  readonly name = "configmap" as const;

  constructor(client: KubeClient, clock?: () => Date) {
    super(
      {
        listMetadata: (ns, selector) => client.listConfigMapMetadata(ns, selector),
        list: (ns, selector) => client.listConfigMaps(ns, selector),
        get: (ns, name) => client.getConfigMap(ns, name),
        create: (o) => client.createConfigMap(o),
        update: (o) => client.updateConfigMap(o),
        delete: (ns, name) => client.deleteConfigMap(ns, name),
        payloadOf: (o) => releaseField(o),
        build: (namespace, name, labels, payload) => ({
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name, namespace, labels },
          data: { release: payload },
        }),
      },
      clock,
    );
  }
}
