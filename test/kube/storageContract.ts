import { randomBytes } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Release, ReleaseStatus } from "../../src/engine/release/types.js";
import { isUnreadable } from "../../src/engine/storage/driver.js";
import type { StorageDriver } from "../../src/engine/storage/driver.js";
import {
  RecordConflictError,
  ReleaseNotFoundError,
  RevisionExistsError,
} from "../../src/engine/storage/errors.js";
import { storageKey } from "../../src/engine/storage/records.js";
import { ReleaseStorage } from "../../src/engine/storage/releaseStorage.js";
import { makeRelease } from "../support/releases.js";

/** The time every contract driver is built with, so labels are predictable. */
export const CONTRACT_CLOCK = () => new Date("2026-11-28T05:00:00Z");
const CLOCK_SECONDS = String(Date.parse("2026-11-28T05:00:00Z") / 1000);

/** A write the server can be told to refuse. */
export type MutatingOperation = "create" | "update" | "delete";

/** What the contract needs to know about where a driver keeps its records. */
export interface StorageHarness {
  /**
   * A driver over the shared store, built with CONTRACT_CLOCK. Each call may
   * be a separate client (racing writers); all see the same records.
   */
  driver(): StorageDriver;
  /** Two namespaces of the test's own (listing across namespaces must find both). */
  namespaces: readonly [string, string];
  /** A record as stored: its labels and the encoded release string helm would read. */
  stored(
    namespace: string,
    objectName: string,
  ): Promise<{ labels: Record<string, string>; payload: string }>;
  /** Plants a record as given (corrupt payloads, foreign labels). */
  putRaw(
    namespace: string,
    objectName: string,
    labels: Record<string, string>,
    payload: string,
  ): Promise<void>;
  /**
   * Makes the server refuse the next `operation` on that record with a
   * server error; the returned function lifts the fault. Undefined for
   * drivers without a server (memory).
   */
  refuse?: (operation: MutatingOperation, namespace: string, objectName: string) => () => void;
}

/**
 * The behaviour every release storage driver promises (src/engine/storage/
 * driver.ts), as helm's drivers behave: records named and labelled as helm
 * names and labels them, payloads helm can read, create-if-absent as the
 * race guard, overwrite that is unconditional unless a resourceVersion is named, quiet delete,
 * label queries across namespaces, and unreadable records reported rather than fatal.
 */
export function describeStorageContract(
  label: string,
  harness: () => StorageHarness,
  /** Whether `harness().refuse` exists; known before the harness is set up. */
  { serverFaults }: { serverFaults: boolean },
): void {
  const suffix = randomBytes(3).toString("hex");
  let counter = 0;
  /** A release name no other test (or other run on a shared cluster) uses. */
  const unique = (): string => `c${++counter}-${suffix}`;
  const release = (fields: Parameters<typeof makeRelease>[0]): Release => {
    const [namespace] = harness().namespaces;
    return makeRelease({ namespace, ...fields });
  };

  describe(`storage driver contract: ${label}`, () => {
    it("names the record sh.helm.release.v1.<name>.v<revision> and labels it as helm does", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      await h.driver().create(release({ name, version: 3, labels: { team: "x" } }));
      const { labels } = await h.stored(ns, storageKey(name, 3));
      expect(labels).toEqual({
        team: "x",
        createdAt: CLOCK_SECONDS,
        name,
        owner: "helm",
        status: "deployed",
        version: "3",
      });
    });

    it("stores helm's payload: base64(gzip(JSON)) of the release", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      await h.driver().create(release({ name, version: 3 }));
      const { payload } = await h.stored(ns, storageKey(name, 3));
      expect(payload.startsWith("H4sI")).toBe(true);
      const json = JSON.parse(gunzipSync(Buffer.from(payload, "base64")).toString("utf8"));
      expect(json).toMatchObject({
        name,
        version: 3,
        namespace: ns,
        info: { status: "deployed" },
      });
    });

    it("round-trips a revision and strips the system labels on get", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      const written = release({ name, version: 1, status: "superseded", labels: { team: "a" } });
      await h.driver().create(written);
      const back = await h.driver().get(ns, name, 1);
      expect(back).toMatchObject({ name, version: 1, info: { status: "superseded" } });
      expect(back.manifest).toBe(written.manifest);
      expect(back.labels).toEqual({ team: "a" });
      await expect(h.driver().get(ns, name, 9)).rejects.toBeInstanceOf(ReleaseNotFoundError);
    });

    it("refuses to create a revision that exists (the race guard)", async () => {
      const h = harness();
      const name = unique();
      const driver = h.driver();
      await driver.create(release({ name, version: 2 }));
      await expect(driver.create(release({ name, version: 2 }))).rejects.toBeInstanceOf(
        RevisionExistsError,
      );
    });

    it("lets exactly one of two racing creates of the same revision win", async () => {
      const h = harness();
      const rel = release({ name: unique(), version: 1 });
      const results = await Promise.allSettled([h.driver().create(rel), h.driver().create(rel)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(RevisionExistsError);
    });

    it("updates by overwriting: stamps modifiedAt, drops createdAt, refuses a missing revision", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      const driver = h.driver();
      await driver.create(release({ name, status: "pending-install" }));
      await driver.update(release({ name, status: "deployed" }));
      const { labels } = await h.stored(ns, storageKey(name, 1));
      expect(labels.status).toBe("deployed");
      expect(labels.modifiedAt).toBe(CLOCK_SECONDS);
      expect(labels.createdAt).toBeUndefined();
      expect((await driver.get(ns, name, 1)).info.status).toBe("deployed");
      const deployed = await driver.listRefs({ namespace: ns, status: "deployed" });
      expect(deployed.filter((r) => r.name === name).map((r) => r.key)).toEqual([
        storageKey(name, 1),
      ]);
      await expect(driver.update(release({ name, version: 5 }))).rejects.toBeInstanceOf(
        ReleaseNotFoundError,
      );
    });

    it("writes conditionally on a resourceVersion, refusing a record written since", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      const driver = h.driver();
      const created = release({ name, status: "pending-install" });
      await driver.create(created);
      const read = await driver.get(ns, name, 1);
      expect(read.resourceVersion).toBe(created.resourceVersion);
      await driver.update(release({ name, status: "deployed" }));
      read.info.status = "failed";
      await expect(driver.update(read, { ifVersion: read.resourceVersion })).rejects.toBeInstanceOf(
        RecordConflictError,
      );
      await expect(
        driver.delete(ns, name, 1, { ifVersion: read.resourceVersion }),
      ).rejects.toBeInstanceOf(RecordConflictError);
      const fresh = await driver.get(ns, name, 1);
      expect(fresh.info.status).toBe("deployed");
      fresh.info.status = "superseded";
      await driver.update(fresh, { ifVersion: fresh.resourceVersion });
      expect((await driver.get(ns, name, 1)).info.status).toBe("superseded");
      await driver.delete(ns, name, 1, { ifVersion: fresh.resourceVersion });
      expect(await driver.listRefs({ namespace: ns, name })).toEqual([]);
    });

    it("keeps the resourceVersion for a write that changes nothing, but not for a new annotation", async () => {
      // Why a claim carries a fresh annotation: an unchanged rewrite would move nothing, and two
      // clients could both "win" the same resourceVersion
      // (docs/release-storage.md#claiming-the-latest-revision).
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      const driver = h.driver();
      await driver.create(release({ name }));
      const read = await driver.get(ns, name, 1);
      await driver.update(read, { ifVersion: read.resourceVersion });
      const before = read.resourceVersion;
      await driver.update(read, { ifVersion: before });
      expect(read.resourceVersion).toBe(before);
      await driver.update(read, {
        ifVersion: before,
        annotations: { "wheelhouse.dev/claim": "x" },
      });
      expect(read.resourceVersion).not.toBe(before);
      expect((await driver.get(ns, name, 1)).resourceVersion).toBe(read.resourceVersion);
    });

    it("lists references from labels by name and status, in one namespace or all", async () => {
      const h = harness();
      const [n1, n2] = h.namespaces;
      const a = unique();
      const b = unique();
      const driver = h.driver();
      await driver.create(release({ name: a, namespace: n1, version: 1, status: "superseded" }));
      await driver.create(release({ name: a, namespace: n1, version: 2 }));
      await driver.create(release({ name: b, namespace: n2, version: 1 }));

      const refs = await driver.listRefs({ name: a, namespace: n1 });
      expect(refs.map((r) => [r.key, r.status]).sort()).toEqual([
        [storageKey(a, 1), "superseded"],
        [storageKey(a, 2), "deployed"],
      ]);
      expect(refs.every((r) => r.name === a && r.namespace === n1)).toBe(true);

      const everywhere = await driver.listRefs({ name: a });
      expect(everywhere).toHaveLength(2);
      expect(everywhere.every((r) => r.namespace === n1)).toBe(true);

      const deployed = await driver.listRefs({ status: "deployed" });
      const ours = deployed.filter((r) => r.name === a || r.name === b);
      expect(ours.map((r) => `${r.namespace}/${r.name}/${r.version}`).sort()).toEqual(
        [`${n1}/${a}/2`, `${n2}/${b}/1`].sort(),
      );
      expect(await driver.listRefs({ namespace: n2, name: a })).toEqual([]);
    });

    it("queries decoded revisions by name and status", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      const driver = h.driver();
      await driver.create(release({ name, version: 1, status: "superseded" }));
      await driver.create(release({ name, version: 2, status: "failed" }));
      const all = await driver.query({ namespace: ns, name });
      expect(all.filter((r) => !isUnreadable(r))).toHaveLength(2);
      const failed = await driver.query({ namespace: ns, name, status: "failed" });
      expect(
        failed.map((r) => [r.version, isUnreadable(r) ? "unreadable" : r.info.status]),
      ).toEqual([[2, "failed"]]);
    });

    it("returns undecodable records from query as unreadable instead of failing", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      await h.driver().create(release({ name, version: 1 }));
      const labels = (version: number) => ({
        name,
        owner: "helm",
        status: "failed",
        version: String(version),
      });
      await h.putRaw(ns, storageKey(name, 2), labels(2), "H4sIgarbage");
      await h.putRaw(ns, storageKey(name, 3), labels(3), "not a release");
      const revisions = await h.driver().query({ namespace: ns, name });
      expect(revisions).toHaveLength(3);
      const bad = revisions.filter(isUnreadable).sort((x, y) => x.version - y.version);
      expect(bad.map((r) => r.version)).toEqual([2, 3]);
      expect(bad[0]).toMatchObject({ version: 2, status: "failed" });
      expect(bad[0]?.unreadable).toMatch(/not base64/);
    });

    it("ignores objects that are not helm's release records", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      await h.putRaw(
        ns,
        storageKey(name, 1),
        { name, owner: "someone-else", status: "deployed", version: "1" },
        "eA==",
      );
      expect(await h.driver().listRefs({ namespace: ns, name })).toEqual([]);
      expect(await h.driver().query({ namespace: ns, name })).toEqual([]);
    });

    it("deletes, ignoring a record that is already gone", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      const driver = h.driver();
      await driver.create(release({ name, version: 1 }));
      await driver.delete(ns, name, 1);
      await driver.delete(ns, name, 1);
      await expect(driver.get(ns, name, 1)).rejects.toBeInstanceOf(ReleaseNotFoundError);
      expect(await driver.listRefs({ namespace: ns, name })).toEqual([]);
    });

    it("gives helm's history order, latest and deployed revisions, and history-max pruning", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      const storage = new ReleaseStorage(h.driver());
      const statuses = ["superseded", "deployed", "pending-upgrade", "failed"] as const;
      for (const [i, status] of statuses.entries()) {
        await storage.create(release({ name, version: i + 1, status }));
      }
      expect((await storage.history(ns, name)).map((r) => r.version)).toEqual([1, 2, 3, 4]);
      expect((await storage.latest(ns, name))?.version).toBe(4);
      expect((await storage.deployed(ns, name))?.version).toBe(2);
      await storage.create(release({ name, version: 5, status: "pending-upgrade" }));
      expect(await storage.prune(ns, name, 3, 5)).toEqual([1, 3]);
      expect((await storage.refs(ns, name)).map((r) => r.version)).toEqual([2, 4, 5]);
    });
  });

  describe(`storage driver contract under server faults: ${label}`, () => {
    /**
     * Writes revisions 1..n with `statuses`, then runs `act` while the server
     * refuses `operation` on revision `version`. The error must say what failed
     * and on which record; the caller checks that nothing changed.
     */
    const refusal = async (
      operation: MutatingOperation,
      version: number,
      statuses: ReleaseStatus[],
      act: (driver: StorageDriver, name: string) => Promise<unknown>,
    ) => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      const driver = h.driver();
      for (const [i, status] of statuses.entries()) {
        await driver.create(release({ name, version: i + 1, status }));
      }
      const lift = h.refuse!(operation, ns, storageKey(name, version));
      let err: unknown;
      try {
        await act(driver, name);
      } catch (e) {
        err = e;
      } finally {
        lift();
      }
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toMatch(new RegExp(`failed to ${operation}`));
      expect((err as Error).message).toContain(storageKey(name, version));
      const refs = async () =>
        (await driver.listRefs({ namespace: ns, name }))
          .map((r) => `${r.version}:${r.status}`)
          .sort();
      return { driver, ns, name, err, refs };
    };

    it.skipIf(!serverFaults)(
      "a refused create adds no revision and says which record failed",
      async () => {
        const { driver, name, err, refs } = await refusal("create", 2, ["deployed"], (d, n) =>
          d.create(release({ name: n, version: 2, status: "pending-upgrade" })),
        );
        expect(err).not.toBeInstanceOf(RevisionExistsError);
        expect(await refs()).toEqual(["1:deployed"]);
        await driver.create(release({ name, version: 2, status: "pending-upgrade" }));
        expect(await refs()).toEqual(["1:deployed", "2:pending-upgrade"]);
      },
    );

    it.skipIf(!serverFaults)(
      "a refused update leaves the history unchanged and names the record",
      async () => {
        const { driver, ns, name, err, refs } = await refusal(
          "update",
          2,
          ["superseded", "pending-upgrade"],
          (d, n) => d.update(release({ name: n, version: 2, status: "deployed" })),
        );
        expect(err).not.toBeInstanceOf(ReleaseNotFoundError);
        expect(await refs()).toEqual(["1:superseded", "2:pending-upgrade"]);
        expect((await driver.get(ns, name, 2)).info.status).toBe("pending-upgrade");
      },
    );

    it.skipIf(!serverFaults)(
      "a refused delete keeps the record and is not mistaken for one already gone",
      async () => {
        const { refs } = await refusal("delete", 1, ["deployed"], (d, n) =>
          d.delete(harness().namespaces[0], n, 1),
        );
        expect(await refs()).toEqual(["1:deployed"]);
      },
    );
  });
}
