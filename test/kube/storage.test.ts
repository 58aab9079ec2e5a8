import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigMapDriver } from "../../src/engine/storage/configmaps.js";
import { isUnreadable } from "../../src/engine/storage/driver.js";
import type { StorageDriver } from "../../src/engine/storage/driver.js";
import { ReleaseNotFoundError, RevisionExistsError } from "../../src/engine/storage/errors.js";
import { SecretDriver } from "../../src/engine/storage/secrets.js";
import type { KubeClient } from "../../src/kube/client.js";
import { makeRelease } from "../support/releases.js";
import { startTestCluster } from "./cluster.js";
import type { TestCluster } from "./cluster.js";
import { coreResources } from "../../src/kube/coreResources.js";

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

const drivers: [string, (c: KubeClient) => StorageDriver][] = [
  ["SecretDriver", (c) => new SecretDriver(coreResources(c, "secrets"))],
  ["ConfigMapDriver", (c) => new ConfigMapDriver(coreResources(c, "configmaps"))],
];

describe.each(drivers)("%s against an API server", (label, make) => {
  const prefix = label === "SecretDriver" ? "sec" : "cfg";
  // unique per run: on a real cluster other releases may be listed across namespaces
  const uniq = () => `${prefix}-${cluster.namespace.slice("wh-test-".length)}`;

  it("round-trips revisions: create, get, listRefs, query, update, delete", async () => {
    const driver = make(client);
    const ns = cluster.namespace;
    const name = uniq();
    await driver.create(
      makeRelease({ name, namespace: ns, version: 1, status: "superseded", labels: { team: "a" } }),
    );
    await driver.create(
      makeRelease({ name, namespace: ns, version: 2, status: "pending-upgrade" }),
    );

    const got = await driver.get(ns, name, 1);
    expect(got).toMatchObject({ name, version: 1, info: { status: "superseded" } });
    expect(got.labels).toEqual({ team: "a" });

    const refs = await driver.listRefs({ namespace: ns, name });
    expect(refs.map((r) => [r.version, r.status]).sort()).toEqual([
      [1, "superseded"],
      [2, "pending-upgrade"],
    ]);
    const everywhere = await driver.listRefs({ name });
    expect(everywhere.every((r) => r.namespace === ns)).toBe(true);
    expect(everywhere).toHaveLength(2);

    await driver.update(makeRelease({ name, namespace: ns, version: 2, status: "deployed" }));
    expect(
      (await driver.listRefs({ namespace: ns, status: "deployed" })).map((r) => r.key),
    ).toEqual([`sh.helm.release.v1.${name}.v2`]);
    const all = await driver.query({ namespace: ns, name });
    expect(all.filter((r) => !isUnreadable(r))).toHaveLength(2);

    await driver.delete(ns, name, 1);
    await driver.delete(ns, name, 1);
    await expect(driver.get(ns, name, 1)).rejects.toBeInstanceOf(ReleaseNotFoundError);
  });

  it("lets exactly one of two racing creates of the same revision win", async () => {
    const driver = make(client);
    const other = make(cluster.client());
    const release = makeRelease({
      name: `${uniq()}-race`,
      namespace: cluster.namespace,
      version: 1,
    });
    const results = await Promise.allSettled([driver.create(release), other.create(release)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toBeInstanceOf(RevisionExistsError);
  });
});

describe("Secret storage on the wire", () => {
  it("stores what helm stores and lists it metadata-only", async () => {
    const driver = new SecretDriver(secrets());
    await driver.create(makeRelease({ name: "wire", namespace: cluster.namespace, version: 1 }));
    const secret = await secrets().get(cluster.namespace, "sh.helm.release.v1.wire.v1");
    expect(secret.type).toBe("helm.sh/release.v1");
    expect(secret.data?.release?.startsWith("SDRzSUFBQUFBQUFD")).toBe(true);
    const meta = await secrets().listMetadata(cluster.namespace, "owner=helm,name=wire");
    expect(meta).toHaveLength(1);
    expect(meta[0]).not.toHaveProperty("data");
    expect(meta[0]?.metadata.labels).toMatchObject({ name: "wire", owner: "helm", version: "1" });
  });

  it("reports an undecodable record as unreadable and still returns the rest", async () => {
    const driver = new SecretDriver(secrets());
    await driver.create(makeRelease({ name: "junk", namespace: cluster.namespace, version: 1 }));
    await secrets().create({
      apiVersion: "v1",
      kind: "Secret",
      metadata: {
        name: "sh.helm.release.v1.junk.v2",
        namespace: cluster.namespace,
        labels: { name: "junk", owner: "helm", status: "failed", version: "2" },
      },
      type: "helm.sh/release.v1",
      data: { release: Buffer.from("not a release").toString("base64") },
    });
    const revisions = await driver.query({ namespace: cluster.namespace, name: "junk" });
    expect(revisions).toHaveLength(2);
    expect(revisions.filter(isUnreadable).map((r) => r.version)).toEqual([2]);
  });
});
