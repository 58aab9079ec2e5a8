/** The kubeconfig that points kubectl, helm and wheelhouse at a sandbox. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** A kubeconfig whose current context `sandbox` points at `server`, in `namespace`. */
export function kubeconfigYaml(server: string, namespace = "default"): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: sandbox",
    "    cluster:",
    `      server: ${server}`,
    // client-node refuses plain http unless TLS verification is off; nothing is verified on http.
    "      insecure-skip-tls-verify: true",
    "contexts:",
    "  - name: sandbox",
    "    context:",
    "      cluster: sandbox",
    "      user: sandbox",
    `      namespace: ${namespace}`,
    "current-context: sandbox",
    "users:",
    "  - name: sandbox",
    "    user:",
    "      token: sandbox",
    "preferences: {}",
    "",
  ].join("\n");
}

/** Writes the kubeconfig, readable by its owner only (it holds a token). */
export function writeKubeconfig(path: string, server: string, namespace?: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, kubeconfigYaml(server, namespace), { mode: 0o600 });
}
