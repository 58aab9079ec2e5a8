import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { KubeConfig } from "./clientNode.js";
import type { Cluster, Context, User } from "./clientNode.js";
import { KubeError } from "./errors.js";

export interface LoadKubeConfigOptions {
  /** `--kubeconfig`: only this file is read, as kubectl does. */
  kubeconfig?: string;
  /** `--kube-context`: overrides the kubeconfig's current-context. */
  context?: string;
  /** Environment to read KUBECONFIG, HOME and the in-cluster variables from (default process.env). */
  env?: Record<string, string | undefined>;
  /** Home directory for ~/.kube/config (default os.homedir()). */
  home?: string;
  /** Prefix for the in-cluster service-account files (tests). */
  inClusterPathPrefix?: string;
}

/** A kubeconfig resolved to one context. */
export interface LoadedKubeConfig {
  /** client-node's KubeConfig with the chosen context current. */
  kubeConfig: KubeConfig;
  /** The context in use. */
  context: string;
  /** The context's default namespace ("default" when it names none). */
  namespace: string;
  /** The API server's base URL. */
  server: string;
  /** Where the configuration came from: file paths, or "in-cluster". */
  sources: string[];
}

function configError(message: string, hint?: string, cause?: unknown): KubeError {
  return new KubeError("Config", message, {
    ...(hint ? { hint } : {}),
    ...(cause !== undefined ? { cause } : {}),
  });
}

function loadFile(file: string): KubeConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw configError(
      code === "ENOENT"
        ? `kubeconfig file "${file}" does not exist`
        : `cannot read kubeconfig file "${file}": ${(err as Error).message}`,
      undefined,
      err,
    );
  }
  const kc = new KubeConfig();
  try {
    kc.loadFromString(text);
    kc.makePathsAbsolute(dirnameOf(file));
  } catch (err) {
    throw configError(
      `kubeconfig file "${file}" is not valid: ${(err as Error).message}`,
      "fix the file or point --kubeconfig/KUBECONFIG at another",
      err,
    );
  }
  return kc;
}

function dirnameOf(file: string): string {
  const i = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
  return i <= 0 ? (i === 0 ? "/" : ".") : file.slice(0, i);
}

/** Merges kubeconfigs as kubectl does: the first file to set a value wins. */
function mergeFirstWins(configs: KubeConfig[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let currentContext = "";
  for (const kc of configs) {
    if (!currentContext && kc.currentContext) currentContext = kc.currentContext;
    for (const c of kc.clusters ?? []) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of kc.users ?? []) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of kc.contexts ?? []) if (!contexts.has(c.name)) contexts.set(c.name, c);
  }
  const merged = new KubeConfig();
  merged.clusters = [...clusters.values()];
  merged.users = [...users.values()];
  merged.contexts = [...contexts.values()];
  merged.currentContext = currentContext;
  return merged;
}

/**
 * Finds and loads the kubeconfig the way kubectl does: `--kubeconfig`
 * alone if given; else every file of `$KUBECONFIG` (colon-separated,
 * missing files skipped, the first to define a value wins); else
 * `~/.kube/config`; else the in-cluster service account. Then applies
 * `--kube-context` and reads the context's default namespace.
 */
export function loadKubeConfig(options: LoadKubeConfigOptions = {}): LoadedKubeConfig {
  const env = options.env ?? process.env;
  let kc: KubeConfig;
  let sources: string[];
  if (options.kubeconfig) {
    kc = loadFile(options.kubeconfig);
    sources = [options.kubeconfig];
  } else if (env.KUBECONFIG) {
    const listed = env.KUBECONFIG.split(delimiter).filter((f) => f.length > 0);
    const present = listed.filter((f) => existsSync(f));
    if (present.length === 0) {
      throw configError(
        `none of the kubeconfig files in $KUBECONFIG exist: ${listed.join(", ")}`,
        "set KUBECONFIG to an existing file or pass --kubeconfig",
      );
    }
    kc = mergeFirstWins(present.map(loadFile));
    sources = present;
  } else {
    const home = options.home ?? env.HOME ?? homedir();
    const file = join(home, ".kube", "config");
    if (existsSync(file)) {
      kc = loadFile(file);
      sources = [file];
    } else if (env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT) {
      kc = new KubeConfig();
      const saved = {
        h: process.env.KUBERNETES_SERVICE_HOST,
        p: process.env.KUBERNETES_SERVICE_PORT,
      };
      process.env.KUBERNETES_SERVICE_HOST = env.KUBERNETES_SERVICE_HOST;
      process.env.KUBERNETES_SERVICE_PORT = env.KUBERNETES_SERVICE_PORT;
      try {
        kc.loadFromCluster(options.inClusterPathPrefix);
      } finally {
        restoreEnv("KUBERNETES_SERVICE_HOST", saved.h);
        restoreEnv("KUBERNETES_SERVICE_PORT", saved.p);
      }
      sources = ["in-cluster"];
    } else {
      throw configError(
        `no kubeconfig found: "${file}" does not exist and $KUBECONFIG is not set`,
        "pass --kubeconfig FILE, set KUBECONFIG, or start a local cluster with `wheelhouse sandbox`",
      );
    }
  }
  const where = sources.length === 1 ? `"${sources[0]}"` : `(${sources.join(", ")})`;
  const contextName = options.context || kc.currentContext;
  if (!contextName) {
    throw configError(
      `kubeconfig ${where} has no current-context`,
      "pass --kube-context NAME or run `kubectl config use-context NAME`",
    );
  }
  const context = kc.getContextObject(contextName);
  if (!context) {
    const known = kc.contexts.map((c) => c.name);
    throw configError(
      `context "${contextName}" is not in kubeconfig ${where}`,
      known.length > 0 ? `known contexts: ${known.join(", ")}` : "the kubeconfig has no contexts",
    );
  }
  kc.setCurrentContext(contextName);
  allowPlainHttp(kc);
  const cluster = kc.getCluster(context.cluster);
  if (!cluster || !cluster.server) {
    throw configError(
      `context "${contextName}" in kubeconfig ${where} refers to cluster "${context.cluster}", which is ${
        cluster ? "missing its server URL" : "not defined"
      }`,
    );
  }
  return {
    kubeConfig: kc,
    context: contextName,
    namespace: context.namespace?.trim() || "default",
    server: cluster.server.replace(/\/+$/, ""),
    sources,
  };
}

/**
 * kubectl talks to an `http://` server (kubectl proxy, a local sandbox)
 * as is; client-node 1.x refuses to unless the cluster says
 * `insecure-skip-tls-verify`, which means nothing without TLS. Say it for
 * plain-HTTP clusters so both accept the same kubeconfigs.
 */
function allowPlainHttp(kc: KubeConfig): void {
  kc.clusters = kc.clusters.map((c) =>
    c.server?.startsWith("http:") && !c.skipTLSVerify ? { ...c, skipTLSVerify: true } : c,
  );
}

function restoreEnv(key: string, value: string | undefined): void {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}

/** A loaded config from an in-memory kubeconfig document (tests, the sandbox's kubeconfig). */
export function kubeConfigFromString(yaml: string, context?: string): LoadedKubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromString(yaml);
  } catch (err) {
    throw configError(`kubeconfig is not valid: ${(err as Error).message}`, undefined, err);
  }
  const name = context || kc.currentContext;
  const ctx = name ? kc.getContextObject(name) : null;
  if (!ctx) throw configError(`context "${name}" is not in the kubeconfig`);
  kc.setCurrentContext(name);
  allowPlainHttp(kc);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster?.server) throw configError(`context "${name}" has no cluster server URL`);
  return {
    kubeConfig: kc,
    context: name,
    namespace: ctx.namespace?.trim() || "default",
    server: cluster.server.replace(/\/+$/, ""),
    sources: ["<memory>"],
  };
}
