/** The kubeconfig that points kubectl, helm and wheelhouse at a sandbox. */
import { closeSync, fchmodSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** How a client knows the sandbox (its certificate) and the sandbox knows the client (the token). */
export interface SandboxCredentials {
  token: string;
  /** The server's self-signed certificate, PEM. */
  ca: string;
}

/** A kubeconfig whose current context `sandbox` points at `server`, in `namespace`. */
export function kubeconfigYaml(
  server: string,
  { token, ca }: SandboxCredentials,
  namespace = "default",
): string {
  return [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "  - name: sandbox",
    "    cluster:",
    `      server: ${server}`,
    `      certificate-authority-data: ${Buffer.from(ca).toString("base64")}`,
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
    `      token: ${token}`,
    "preferences: {}",
    "",
  ].join("\n");
}

/** Writes the kubeconfig, readable by its owner only (it holds a token). */
export function writeKubeconfig(
  path: string,
  server: string,
  credentials: SandboxCredentials,
  namespace?: string,
): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, "w", 0o600);
  try {
    // The mode given to open applies to a new file only: an older kubeconfig loses its own
    // before the token is written into it.
    fchmodSync(fd, 0o600);
    writeFileSync(fd, kubeconfigYaml(server, credentials, namespace));
  } finally {
    closeSync(fd);
  }
}
