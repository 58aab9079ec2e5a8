import { describe, expect, it, vi } from "vitest";
import { makeRelease } from "../../../test/support/releases.js";
import type { Release, ReleaseStatus } from "../release/types.js";
import { isUnreadable } from "./driver.js";
import type { ReadPurpose, RevisionQuery, StorageDriver } from "./driver.js";
import { RevisionExistsError, ReleaseNotFoundError } from "./errors.js";
import { MemoryDriver } from "./memory.js";
import { ReleaseStorage } from "./releaseStorage.js";

function storageWith(statuses: ReleaseStatus[], name = "demo", namespace = "default") {
  const driver = new MemoryDriver();
  const storage = new ReleaseStorage(driver);
  return {
    driver,
    storage,
    ready: Promise.all(
      statuses.map((status, i) =>
        driver.create(makeRelease({ name, namespace, version: i + 1, status })),
      ),
    ),
  };
}

describe("ReleaseStorage", () => {
  it("returns history oldest first and refuses an unknown release", async () => {
    const { storage, ready } = storageWith(["superseded", "superseded", "deployed"]);
    await ready;
    const history = await storage.history("default", "demo");
    expect(history.map((r) => r.version)).toEqual([1, 2, 3]);
    await expect(storage.history("default", "nope")).rejects.toThrow(ReleaseNotFoundError);
  });

  it("finds the latest revision of any status and the deployed one separately", async () => {
    const { storage, ready } = storageWith(["superseded", "deployed", "failed"]);
    await ready;
    expect((await storage.latest("default", "demo"))?.version).toBe(3);
    expect((await storage.deployed("default", "demo"))?.version).toBe(2);
  });

  it("looks for the latest revision again when it is deleted between the list and the read", async () => {
    const { storage, ready } = storageWith(["superseded", "deployed"]);
    await ready;
    const get = storage.driver.get.bind(storage.driver);
    let reads = 0;
    storage.driver.get = async (namespace, name, version, purpose) => {
      // Another client withdraws revision 2 just after this client listed it.
      if (++reads === 1) await storage.driver.delete(namespace, name, 2);
      return get(namespace, name, version, purpose);
    };
    expect((await storage.latest("default", "demo"))?.version).toBe(1);
  });

  it("refuses to create a revision that already exists", async () => {
    const { storage, ready } = storageWith(["deployed"]);
    await ready;
    await expect(storage.create(makeRelease({ version: 1 }))).rejects.toThrow(RevisionExistsError);
  });

  it("prunes the oldest revisions of any status but never the deployed one", async () => {
    // As observed with helm (docs/release-storage.md#history-limit): v1..v4 with v3 pending and v4
    // deployed, max 3 → {3,4,5}.
    const { storage, ready } = storageWith([
      "superseded",
      "superseded",
      "pending-upgrade",
      "deployed",
    ]);
    await ready;
    await storage.create(makeRelease({ version: 5, status: "pending-upgrade" }));
    expect(await storage.prune("default", "demo", 3, 5)).toEqual([1, 2]);
    expect((await storage.refs("default", "demo")).map((r) => r.version)).toEqual([3, 4, 5]);
  });

  it("keeps an old deployed revision when pruning past it", async () => {
    const { storage, ready } = storageWith(["deployed", "failed", "failed", "failed"]);
    await ready;
    await storage.create(makeRelease({ version: 5, status: "pending-upgrade" }));
    await storage.prune("default", "demo", 2, 5);
    expect((await storage.refs("default", "demo")).map((r) => r.version)).toEqual([1, 5]);
  });

  it("never prunes the revision just created, nor any revision labelled deployed", async () => {
    // An interrupted supersede leaves two deployed; with a maximum of 1 both stay, and the new one.
    const { storage, ready } = storageWith(["superseded", "deployed", "deployed", "failed"]);
    await ready;
    await storage.create(makeRelease({ version: 5, status: "pending-upgrade" }));
    expect(await storage.prune("default", "demo", 1, 5)).toEqual([1, 4]);
    expect((await storage.refs("default", "demo")).map((r) => r.version)).toEqual([2, 3, 5]);
  });

  it("modifies a record under its resourceVersion, reading again after another client's write", async () => {
    const { storage, ready } = storageWith(["deployed"]);
    await ready;
    let reads = 0;
    const written = await storage.modify("default", "demo", 1, (current) => {
      // Another client writes the record between this client's read and its write, once.
      if (++reads === 1) {
        const other = makeRelease({ version: 1, status: "superseded" });
        void storage.driver.update(other);
      }
      if (current.info.status !== "deployed") return false;
      current.info.description = "touched";
      return true;
    });
    expect(reads).toBe(2);
    expect(written?.info.status).toBe("superseded");
    expect((await storage.get("default", "demo", 1)).info.description).toBe("Install complete");
    expect(await storage.modify("default", "demo", 9, () => true)).toBeUndefined();
  });

  it("writes a held revision over another client's write only while it still says what was held", async () => {
    const { storage, ready } = storageWith(["deployed", "pending-upgrade"]);
    await ready;
    const mine = await storage.get("default", "demo", 2);
    // A write that leaves the status alone (hook progress, say) is written over ...
    await storage.driver.update(await storage.get("default", "demo", 2));
    mine.info.status = "deployed";
    await storage.writeHeld(mine, "pending-upgrade");
    expect((await storage.get("default", "demo", 2)).info.status).toBe("deployed");
    // ... one that changed it (recover marking it failed) is not.
    const again = await storage.get("default", "demo", 2);
    await storage.driver.update(makeRelease({ version: 2, status: "failed" }));
    again.info.description = "mine";
    await expect(storage.writeHeld(again, "deployed")).rejects.toThrow(
      /was changed by another client while this operation held it as deployed: it is now failed/,
    );
    expect((await storage.get("default", "demo", 2)).info.status).toBe("failed");
  });

  it("supersedes deployed revisions, accepting ones another client superseded or deleted", async () => {
    const { storage, ready } = storageWith(["deployed", "deployed", "deployed"]);
    await ready;
    const refs = storage.driver.listRefs.bind(storage.driver);
    storage.driver.listRefs = async (query, purpose) => {
      const found = await refs(query, purpose);
      // Between the list and the writes, another client deletes 1 and supersedes 2.
      await storage.driver.delete("default", "demo", 1);
      await storage.driver.update(makeRelease({ version: 2, status: "superseded" }));
      return found;
    };
    await storage.supersedeDeployed("default", "demo", 3);
    storage.driver.listRefs = refs;
    expect((await storage.refs("default", "demo")).map((r) => `${r.version}:${r.status}`)).toEqual([
      "2:superseded",
      "3:deployed",
    ]);
  });

  it("lists the latest revision of each release, decoding one payload per release", async () => {
    const driver = new MemoryDriver();
    const storage = new ReleaseStorage(driver);
    for (let v = 1; v <= 5; v++)
      await driver.create(
        makeRelease({ name: "a", version: v, status: v === 5 ? "deployed" : "superseded" }),
      );
    for (let v = 1; v <= 3; v++)
      await driver.create(makeRelease({ name: "b", namespace: "prod", version: v }));
    const list = await storage.listLatest({});
    expect(list.map((r) => `${r.namespace}/${r.name}@${r.version}`).sort()).toEqual([
      "default/a@5",
      "prod/b@3",
    ]);
    expect(storage.decodedPayloads).toBe(2);
  });

  it("asks for the deployed records alongside the labels, and fails as one when both lists fail", async () => {
    const driver = new MemoryDriver();
    const storage = new ReleaseStorage(driver);
    await driver.create(makeRelease({ name: "a", version: 1 }));
    const order: string[] = [];
    let releaseLabels!: () => void;
    vi.spyOn(driver, "listRefs").mockImplementation(async () => {
      order.push("labels asked");
      await new Promise<void>((r) => (releaseLabels = r));
      throw new Error("labels: connection refused");
    });
    vi.spyOn(driver, "query").mockImplementation(async () => {
      order.push("deployed asked");
      releaseLabels();
      throw new Error("deployed: connection refused");
    });
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      await expect(storage.listLatest({})).rejects.toThrow(/connection refused/);
      await new Promise((r) => setTimeout(r, 10));
      expect(order).toEqual(["labels asked", "deployed asked"]);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  it("reads deployed releases from one list of the deployed records, not a request each", async () => {
    const driver = new MemoryDriver();
    const storage = new ReleaseStorage(driver);
    for (const name of ["a", "b", "c"]) {
      await driver.create(makeRelease({ name, version: 1, status: "superseded" }));
      await driver.create(makeRelease({ name, version: 2, status: "deployed" }));
    }
    await driver.create(makeRelease({ name: "d", version: 1, status: "failed" }));
    const gets = vi.spyOn(driver, "get");
    const list = await storage.listLatest({});
    expect(list.map((r) => `${r.name}@${r.version}`).sort()).toEqual(["a@2", "b@2", "c@2", "d@1"]);
    expect(gets).toHaveBeenCalledTimes(1);
    expect(storage.decodedPayloads).toBe(4);
  });

  it("keeps the one list when another release has two deployed revisions, decoding neither twice", async () => {
    const driver = new MemoryDriver();
    const storage = new ReleaseStorage(driver);
    for (const name of ["a", "b", "c"]) {
      await driver.create(makeRelease({ name, version: 1, status: "superseded" }));
      await driver.create(makeRelease({ name, version: 2, status: "deployed" }));
    }
    // An interrupted supersede: revision 1 of "d" still says deployed.
    await driver.create(makeRelease({ name: "d", version: 1, status: "deployed" }));
    await driver.create(makeRelease({ name: "d", version: 2, status: "deployed" }));
    const gets = vi.spyOn(driver, "get");
    const list = await storage.listLatest({});
    expect(list.map((r) => `${r.name}@${r.version}`).sort()).toEqual(["a@2", "b@2", "c@2", "d@2"]);
    expect(gets).not.toHaveBeenCalled();
    expect(storage.decodedPayloads).toBe(4);
  });

  it("reports a corrupt record as unreadable without hiding the other releases", async () => {
    const driver = new MemoryDriver();
    const storage = new ReleaseStorage(driver);
    await driver.create(makeRelease({ name: "good" }));
    driver.putRaw(
      "default",
      "sh.helm.release.v1.bad.v1",
      { name: "bad", owner: "helm", status: "deployed", version: "1" },
      "not-a-payload!!",
    );
    const list = await storage.listLatest({ namespace: "default" });
    const bad = list.find((r) => r.name === "bad");
    expect(bad && isUnreadable(bad) ? bad.unreadable : "").toMatch(/not base64/);
    expect(list.find((r) => r.name === "good")).toMatchObject({ version: 1 });
  });

  it("reads status and revision from labels and returns only custom labels on get", async () => {
    const driver = new MemoryDriver(() => new Date("2026-11-25T05:00:00Z"));
    const release = makeRelease({ labels: { team: "a", status: "hijack" } });
    await driver.create(release);
    const [ref] = await driver.listRefs({ name: "demo" });
    expect(ref).toMatchObject({ status: "deployed", version: 1, modifiedAt: 1795582800 });
    const stored = await driver.get("default", "demo", 1);
    expect(stored.labels).toEqual({ team: "a" });
  });
});

/**
 * etcd and a watch cache that has not caught up: browsing reads are answered by `cache`, deciding
 * ones by `etcd`; writes go to etcd only.
 */
class LaggingDriver implements StorageDriver {
  readonly name = "secret" as const;
  readonly etcd = new MemoryDriver();
  readonly cache = new MemoryDriver();
  readonly purposes: string[] = [];
  private from(purpose: ReadPurpose = "decide") {
    this.purposes.push(purpose);
    return purpose === "browse" ? this.cache : this.etcd;
  }
  listRefs = (q: RevisionQuery, p?: ReadPurpose) => this.from(p).listRefs(q);
  query = (q: RevisionQuery, p?: ReadPurpose) => this.from(p).query(q);
  get = (ns: string, n: string, v: number, p?: ReadPurpose) => this.from(p).get(ns, n, v);
  create = (r: Release) => this.etcd.create(r);
  update = (r: Release) => this.etcd.update(r);
  delete = (ns: string, n: string, v: number) => this.etcd.delete(ns, n, v);
  inspect = (ns: string, n: string, v: number) => this.etcd.inspect(ns, n, v);
  relabel: StorageDriver["relabel"] = (seen, status, note) => this.etcd.relabel(seen, status, note);
}

describe("ReleaseStorage reads by purpose", () => {
  it("reads for display from the cache and reads that decide from etcd", async () => {
    const driver = new LaggingDriver();
    const storage = new ReleaseStorage(driver);
    await driver.cache.create(makeRelease({ version: 1 }));
    await driver.etcd.create(makeRelease({ version: 1, status: "superseded" }));
    await driver.etcd.create(makeRelease({ version: 2 }));
    expect((await storage.latest("default", "demo", "browse"))?.version).toBe(1);
    expect((await storage.latest("default", "demo"))?.version).toBe(2);
    expect((await storage.history("default", "demo", "browse")).length).toBe(1);
    expect((await storage.listLatest({}, "browse")).map((r) => r.version)).toEqual([1]);
    expect((await storage.deployed("default", "demo"))?.version).toBe(2);
  });

  it("asks etcd before saying a release it browsed for does not exist", async () => {
    const driver = new LaggingDriver();
    const storage = new ReleaseStorage(driver);
    await driver.etcd.create(makeRelease({ name: "fresh", version: 1 }));
    expect((await storage.history("default", "fresh", "browse")).map((r) => r.version)).toEqual([
      1,
    ]);
    expect((await storage.latest("default", "fresh", "browse"))?.version).toBe(1);
    expect((await storage.get("default", "fresh", 1, "browse")).name).toBe("fresh");
    expect(driver.purposes).toEqual([
      ...["browse", "decide"], // history: empty cache, then etcd
      ...["browse", "decide", "browse", "decide"], // latest: refs, then the payload
      ...["browse", "decide"], // get
    ]);
    await expect(storage.history("default", "never", "browse")).rejects.toThrow(
      ReleaseNotFoundError,
    );
    await expect(storage.get("default", "never", 1, "browse")).rejects.toThrow(
      ReleaseNotFoundError,
    );
  });
});
