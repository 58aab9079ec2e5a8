/** What a benchmark needs of a cluster: a client, the release driver, and curl's credentials. */
import { SecretDriver } from "../../src/engine/storage/secrets.js";
import { connectKube } from "../../src/kube/client.js";
import type { KubeClient } from "../../src/kube/client.js";
import { loadKubeConfig } from "../../src/kube/config.js";
import { coreResources } from "../../src/kube/coreResources.js";

export interface Target {
  client: KubeClient;
  driver: SecretDriver;
  /** Base URL, e.g. https://127.0.0.1:6443. */
  server: string;
  /** curl arguments that authenticate to it (token or client certificate). */
  curlAuth: string[];
}

export function connectTarget(kubeconfig: string): Target {
  const client = connectKube({ kubeconfig, timeoutMs: 300_000 });
  const loaded = loadKubeConfig({ kubeconfig });
  const user = loaded.kubeConfig.getCurrentUser();
  const curlAuth: string[] = ["-k"];
  if (user?.token) curlAuth.push("-H", `Authorization: Bearer ${user.token}`);
  if (user?.certFile) curlAuth.push("--cert", user.certFile);
  if (user?.keyFile) curlAuth.push("--key", user.keyFile);
  return {
    client,
    driver: new SecretDriver(coreResources(client, "secrets")),
    server: loaded.server.replace(/\/+$/, ""),
    curlAuth,
  };
}

/** `--name value` from argv, or the default. */
export function flag(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq === undefined ? fallback : eq.slice(name.length + 3);
}
