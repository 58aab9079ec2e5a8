import type { CoreResources } from "../../kube/coreResources.js";
import type { Secret } from "../../kube/types.js";
import type { RecordFormat } from "./kubeRecords.js";
import { KubeRecordDriver, releaseField } from "./kubeRecords.js";

/** The Secret type helm gives release records. */
export const RELEASE_SECRET_TYPE = "helm.sh/release.v1";

/**
 * A release record as a Secret: type `helm.sh/release.v1`, `data.release`
 * = the bytes of the encoded release string, so the API shows it base64'd
 * once more (docs/release-storage.md#encoding).
 */
export const secretRecords: RecordFormat<Secret> = {
  payloadOf: (o) => Buffer.from(releaseField(o), "base64").toString("utf8"),
  build: (namespace, name, labels, payload) => ({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace, labels },
    type: RELEASE_SECRET_TYPE,
    data: { release: Buffer.from(payload, "utf8").toString("base64") },
  }),
};

/** Helm's default storage: one Secret per revision. */
export class SecretDriver extends KubeRecordDriver<Secret> {
  readonly name = "secret" as const;

  /** Over coreResources(client, "secrets"), read with the caller's choice of consistency. */
  constructor(secrets: CoreResources<Secret>, clock?: () => Date) {
    super(secrets, secretRecords, clock);
  }
}
