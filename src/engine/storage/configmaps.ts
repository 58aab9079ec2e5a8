import type { CoreResources } from "../../kube/coreResources.js";
import type { ConfigMap } from "../../kube/types.js";
import { KubeRecordDriver, releaseField } from "./kubeRecords.js";

/**
 * Helm's ConfigMap storage (`HELM_DRIVER=configmap`): same names and
 * labels as the Secret driver, no type, and `data.release` holds the
 * encoded release string itself (§1.3).
 */
export class ConfigMapDriver extends KubeRecordDriver<ConfigMap> {
  readonly name = "configmap" as const;

  /** `configMaps`: coreResources(client, "configmaps"), with the caller's read consistency. */
  constructor(configMaps: CoreResources<ConfigMap>, clock?: () => Date) {
    super(
      configMaps,
      {
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
