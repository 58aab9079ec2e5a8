import type { CoreResources } from "../../kube/coreResources.js";
import type { ConfigMap } from "../../kube/types.js";
import type { RecordFormat } from "./kubeRecords.js";
import { KubeRecordDriver, releaseField } from "./kubeRecords.js";

/**
 * A release record as a ConfigMap: no type, and `data.release` holds the
 * encoded release string itself (docs/release-storage.md#encoding).
 */
export const configMapRecords: RecordFormat<ConfigMap> = {
  payloadOf: (o) => releaseField(o),
  build: (namespace, name, labels, payload) => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace, labels },
    data: { release: payload },
  }),
};

/**
 * Helm's ConfigMap storage (`HELM_DRIVER=configmap`): same names and
 * labels as the Secret driver.
 */
export class ConfigMapDriver extends KubeRecordDriver<ConfigMap> {
  readonly name = "configmap" as const;

  /** Over coreResources(client, "configmaps"), read with the caller's choice of consistency. */
  constructor(configMaps: CoreResources<ConfigMap>, clock?: () => Date) {
    super(configMaps, configMapRecords, clock);
  }
}
