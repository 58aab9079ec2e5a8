/**
 * What the race suite reads from the cluster: the engine and clients it prepares releases with,
 * a release's stored history and live objects after a trial, and kubeconfigs that send a CLI
 * process through a delaying proxy.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dump, load, loadAll } from "js-yaml";
import type { ActionContext } from "../../../src/engine/actions/context.js";
import { KubeClusterAccess } from "../../../src/engine/cluster/kubeClusterAccess.js";
import { ReleaseStorage } from "../../../src/engine/storage/releaseStorage.js";
import { SecretDriver } from "../../../src/engine/storage/secrets.js";
import { isUnreadable } from "../../../src/engine/storage/driver.js";
import { ReleaseNotFoundError } from "../../../src/engine/storage/errors.js";
import { KubeClient } from "../../../src/kube/client.js";
import { loadKubeConfig } from "../../../src/kube/config.js";
import { coreResources } from "../../../src/kube/coreResources.js";
import type { CoreResources } from "../../../src/kube/coreResources.js";
import type { ConfigMap, Secret } from "../../../src/kube/types.js";

export interface RaceCluster {
  namespace: string;
  client: KubeClient;
  ctx: ActionContext;
  secrets: CoreResources<Secret>;
  configmaps: CoreResources<ConfigMap>;
}

export async function connectRaceCluster(
  kubeconfig: string,
  namespace: string,
): Promise<RaceCluster> {
  const client = new KubeClient(loadKubeConfig({ kubeconfig, env: {} }), { timeoutMs: 60_000 });
  const secrets = coreResources(client, "secrets");
  await client.objects.apply({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: namespace },
  });
  return {
    namespace,
    client,
    secrets,
    configmaps: coreResources(client, "configmaps"),
    ctx: {
      storage: new ReleaseStorage(new SecretDriver(secrets)),
      cluster: new KubeClusterAccess(client),
      now: () => new Date(),
      fieldManager: "helm",
    },
  };
}

/**
 * A copy of a kubeconfig whose current cluster is reached through the HTTP proxy at
 * 127.0.0.1:port (`proxy-url`): the server's address, certificate and name stay as they were.
 */
export function proxiedKubeconfig(source: string, port: number, out: string): void {
  type Named<T> = { name: string } & T;
  const doc = load(readFileSync(source, "utf8")) as {
    "current-context": string;
    contexts: Array<Named<{ context: { cluster: string } }>>;
    clusters: Array<Named<{ cluster: Record<string, unknown> }>>;
  };
  const context = doc.contexts.find((c) => c.name === doc["current-context"]);
  const cluster = doc.clusters.find((c) => c.name === context?.context.cluster)?.cluster;
  if (cluster === undefined) throw new Error(`${source}: no cluster for the current context`);
  cluster["proxy-url"] = `http://127.0.0.1:${port}`;
  writeFileSync(out, dump(doc), { mode: 0o600 });
}

/** One stored revision as the suite compares it. */
export interface StoredView {
  version: number;
  status: string;
  /** The `marker` value it was made with ("?" if the record cannot be read). */
  marker: string;
  /** Its manifest's ConfigMaps: name → data. */
  objects: Map<string, Record<string, string>>;
}

export interface Snapshot {
  revisions: StoredView[];
  /** ConfigMaps that carry the release's ownership annotation: name → data. */
  live: Map<string, Record<string, string>>;
}

/** The release's history (consistent reads) and the live objects that say they belong to it. */
export async function snapshot(rc: RaceCluster, release: string): Promise<Snapshot> {
  let history: Awaited<ReturnType<ReleaseStorage["history"]>> = [];
  try {
    history = await rc.ctx.storage.history(rc.namespace, release);
  } catch (err) {
    if (!(err instanceof ReleaseNotFoundError)) throw err;
  }
  const revisions = history.map((r): StoredView => {
    if (isUnreadable(r))
      return { version: r.version, status: r.status, marker: "?", objects: new Map() };
    const objects = new Map<string, Record<string, string>>();
    for (const doc of loadAll(r.manifest) as Array<ConfigMap | null>) {
      if (doc?.kind === "ConfigMap") objects.set(doc.metadata.name, doc.data ?? {});
    }
    const marker = (r.config as { marker?: unknown } | undefined)?.marker;
    return {
      version: r.version,
      status: r.info.status,
      marker: typeof marker === "string" ? marker : "-",
      objects,
    };
  });
  const live = new Map<string, Record<string, string>>();
  for (const cm of await rc.configmaps.list(rc.namespace)) {
    if (cm.metadata.annotations?.["meta.helm.sh/release-name"] === release)
      live.set(cm.metadata.name, cm.data ?? {});
  }
  return { revisions, live };
}

/** Deletes a release's records and objects after its trial, so lists stay small. */
export async function removeRelease(
  rc: RaceCluster,
  release: string,
  snap: Snapshot,
): Promise<void> {
  for (const r of await rc.secrets.listMetadata(rc.namespace, `name=${release},owner=helm`))
    await rc.secrets.delete(rc.namespace, r.metadata.name);
  for (const name of snap.live.keys()) await rc.configmaps.delete(rc.namespace, name);
}
