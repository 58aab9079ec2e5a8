import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeClient } from "../../src/kube/client.js";
import type { Secret, WatchEvent } from "../../src/kube/types.js";
import { againstRealCluster, startTestCluster } from "./cluster.js";
import type { TestCluster } from "./cluster.js";
import { coreResources } from "../../src/kube/coreResources.js";
import { listWatchMetadata } from "../../src/kube/listWatch.js";
import type { PartialObjectMetadata } from "../../src/kube/types.js";
import { METADATA_WATCH_ACCEPT, reconnectingWatch } from "../../src/kube/watch.js";

let cluster: TestCluster;
let client: KubeClient;
const secrets = () => coreResources(client, "secrets");

beforeAll(async () => {
  cluster = await startTestCluster();
  client = cluster.client();
}, 60_000);
afterAll(async () => {
  await cluster?.close();
});

function releaseSecret(name: string, status = "deployed"): Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name,
      namespace: cluster.namespace,
      labels: { owner: "helm", name: "w", status, version: "1" },
    },
    type: "helm.sh/release.v1",
    data: { release: "eA==" },
  };
}

describe("watchSecrets", () => {
  it("delivers events across server-side ends of the stream without losing or repeating any", async () => {
    const events: WatchEvent<Secret>[] = [];
    let connects = 0;
    const stop = secrets().watch(cluster.namespace, "owner=helm", (e) => events.push(e), {
      timeoutSeconds: 1,
      minDelayMs: 50,
      onConnect: () => connects++,
    });
    try {
      await waitFor(() => connects >= 1);
      await secrets().create(releaseSecret("a"));
      await waitFor(() => events.length >= 1);
      await waitFor(() => connects >= 2, 10_000); // the server ended the first connection
      const a = await secrets().get(cluster.namespace, "a");
      await secrets().update({
        ...a,
        metadata: { ...a.metadata, labels: { ...a.metadata.labels, status: "superseded" } },
      });
      await secrets().create({
        ...releaseSecret("ignored"),
        metadata: { name: "ignored", namespace: cluster.namespace },
      });
      await secrets().delete(cluster.namespace, "a");
      await waitFor(() => events.length >= 3);
      await new Promise((r) => setTimeout(r, 200));
      expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
        "ADDED a",
        "MODIFIED a",
        "DELETED a",
      ]);
    } finally {
      stop();
    }
  }, 20_000);

  it.skipIf(againstRealCluster)(
    "reconnects with backoff while the server refuses, and stops when told",
    async () => {
      cluster.sandbox!.setFaults({
        failRequests: [{ method: "GET", pathIncludes: "watch=true", status: 503, times: 2 }],
      });
      const errors: string[] = [];
      const events: WatchEvent<Secret>[] = [];
      let connects = 0;
      const stop = secrets().watch(undefined, "owner=helm,name=w2", (e) => events.push(e), {
        minDelayMs: 20,
        onError: (e) => errors.push(e.reason),
        onConnect: () => connects++,
      });
      try {
        await waitFor(() => connects >= 1 && errors.length >= 2, 5_000);
        expect(errors).toEqual(["ServerError", "ServerError"]);
        await secrets().create({
          ...releaseSecret("b"),
          metadata: { ...releaseSecret("b").metadata, labels: { owner: "helm", name: "w2" } },
        });
        await waitFor(() => events.length >= 1);
        expect(events[0]).toMatchObject({ type: "ADDED", object: { metadata: { name: "b" } } });
      } finally {
        stop();
        cluster.sandbox!.setFaults({});
      }
      const before = cluster.sandbox!.requestCount();
      await new Promise((r) => setTimeout(r, 150));
      expect(cluster.sandbox!.requestCount()).toBe(before);
    },
  );
});

describe("listWatchMetadata", () => {
  it("lists metadata from the watch cache, then watches metadata only from that list's resourceVersion", async () => {
    await secrets().create({
      ...releaseSecret("m1"),
      metadata: { ...releaseSecret("m1").metadata, labels: { owner: "helm", name: "m" } },
    });
    const listed: PartialObjectMetadata[][] = [];
    const events: WatchEvent<PartialObjectMetadata>[] = [];
    const lw = listWatchMetadata(client, "secrets", cluster.namespace, "owner=helm,name=m", {
      onList: (items) => listed.push(items),
      onEvent: (e) => events.push(e),
    });
    // A list from the watch cache may be a moment behind the create just before it (no
    // read-your-writes); the watch from its resourceVersion brings what it missed.
    const seen = () => [
      ...(listed[0] ?? []).map((i) => `listed ${i.metadata.name}`),
      ...events.map((e) => `${e.type} ${e.object.metadata.name}`),
    ];
    try {
      await waitFor(() => listed.length === 1 && seen().some((s) => s.endsWith(" m1")));
      for (const item of listed[0]!) {
        expect(item.metadata.labels).toMatchObject({ owner: "helm", name: "m" });
        expect(item).not.toHaveProperty("data");
      }
      await secrets().create({
        ...releaseSecret("m2"),
        metadata: { ...releaseSecret("m2").metadata, labels: { owner: "helm", name: "m" } },
      });
      await waitFor(() => events.some((e) => e.object.metadata.name === "m2"));
      await new Promise((r) => setTimeout(r, 200));
      // Each once: listed or added, never both.
      expect(seen().filter((s) => s.endsWith(" m1"))).toHaveLength(1);
      expect(seen().filter((s) => s.endsWith(" m2"))).toEqual(["ADDED m2"]);
      for (const e of events) {
        expect(e.object.kind).toBe("PartialObjectMetadata");
        expect(e.object).not.toHaveProperty("data");
      }
      expect(listed).toHaveLength(1);
    } finally {
      lw.stop();
    }
  }, 20_000);

  it("hands a watch from a compacted resourceVersion (410 Gone) to onGone instead of replaying", async () => {
    // A real server has compacted resourceVersion 1 long ago; the sandbox is told to.
    cluster.sandbox?.compact();
    let gone = 0;
    const events: string[] = [];
    const stop = reconnectingWatch(
      client.config.kubeConfig,
      `/api/v1/namespaces/${cluster.namespace}/secrets`,
      {},
      client.describe({ verb: "watch", resource: "secrets" }),
      (e) => events.push(e.type),
      { resourceVersion: "1", accept: METADATA_WATCH_ACCEPT, onGone: () => gone++ },
    );
    try {
      await waitFor(() => gone === 1);
      await new Promise((r) => setTimeout(r, 200));
      expect(gone).toBe(1);
      expect(events).toEqual([]);
    } finally {
      stop();
    }
  });
});

async function waitFor(cond: () => boolean, ms = 5_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}
