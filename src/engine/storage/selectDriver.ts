import { WheelhouseError } from "../../errors.js";
import type { KubeClient } from "../../kube/client.js";
import { coreResources } from "../../kube/coreResources.js";
import { ConfigMapDriver } from "./configmaps.js";
import type { StorageDriver } from "./driver.js";
import { MemoryDriver } from "./memory.js";
import { SecretDriver } from "./secrets.js";

/**
 * The storage driver helm would pick (docs/release-storage.md#storage-drivers):
 * `name`, else `$HELM_DRIVER`; ""/secret/secrets → Secrets (the default),
 * configmap/configmaps → ConfigMaps, memory → in-process. The client is
 * asked for only when a cluster driver is chosen.
 */
export function selectDriver(
  name: string | undefined,
  client: KubeClient | (() => KubeClient),
  env: Record<string, string | undefined> = process.env,
): StorageDriver {
  const chosen = (name ?? env.HELM_DRIVER ?? "").trim().toLowerCase();
  const kube = (): KubeClient => (typeof client === "function" ? client() : client);
  switch (chosen) {
    case "":
    case "secret":
    case "secrets":
      return new SecretDriver(coreResources(kube(), "secrets"));
    case "configmap":
    case "configmaps":
      return new ConfigMapDriver(coreResources(kube(), "configmaps"));
    case "memory":
      return new MemoryDriver();
    case "sql":
      throw new WheelhouseError("release", 'the "sql" storage driver is not supported', {
        hint: "use HELM_DRIVER=secret (the default) or configmap",
      });
    default:
      throw new WheelhouseError("release", `unknown storage driver "${chosen}"`, {
        hint: "HELM_DRIVER may be secret (the default), configmap or memory",
      });
  }
}
