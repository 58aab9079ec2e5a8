import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isUnreadable, type RecordProblem } from "../../src/engine/storage/driver.js";
import { RecordChangedError, RecordInTheWayError } from "../../src/engine/storage/errors.js";
import { storageKey } from "../../src/engine/storage/records.js";
import { UnreadableRecordError } from "../../src/engine/storage/unreadable.js";
import { encodeRelease } from "../../src/engine/release/codec.js";
import { makeRelease } from "../support/releases.js";
import type { StorageHarness } from "./storageContract.js";

/**
 * What every driver does with records that are not quite what helm writes
 * (docs/release-storage.md#records-that-cannot-be-read): numbered by their object name and
 * reported when a label is wrong, strays left out and reported, unreadable ones named, and
 * relabelled without their payload being touched.
 */
export function describeRecordProblemsContract(label: string, harness: () => StorageHarness): void {
  const suffix = randomBytes(3).toString("hex");
  let counter = 0;
  const unique = (): string => `p${++counter}-${suffix}`;
  const labels = (name: string, version: string, status = "deployed") => ({
    name,
    owner: "helm",
    status,
    version,
  });
  /** A driver whose reports are collected. */
  const watched = () => {
    const driver = harness().driver();
    const problems: RecordProblem[] = [];
    driver.onProblem = (p) => problems.push(p);
    return { driver, problems };
  };

  describe(`storage driver contract, records with problems: ${label}`, () => {
    it.each([
      ["missing", undefined],
      ["not a number", "abc"],
      ["another number", "9"],
    ])(
      "reads a record whose version label is %s as the revision its name says, and reports it",
      async (_what, version) => {
        const h = harness();
        const [ns] = h.namespaces;
        const name = unique();
        const { version: _, ...rest } = labels(name, "1");
        const planted = version === undefined ? rest : { ...rest, version };
        await h.putRaw(
          ns,
          storageKey(name, 3),
          planted,
          encodeRelease(makeRelease({ name, namespace: ns, version: 3 })),
        );
        const { driver, problems } = watched();
        expect((await driver.listRefs({ namespace: ns, name })).map((r) => r.version)).toEqual([3]);
        const [stored] = await driver.query({ namespace: ns, name });
        expect(stored && !isUnreadable(stored) && stored.version).toBe(3);
        expect(problems[0]).toMatchObject({ key: storageKey(name, 3), release: name, version: 3 });
        expect(problems[0]?.problem).toMatch(/version label/);
      },
    );

    it("leaves a record labelled for another release than its name out, and reports it", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const [foo, bar] = [unique(), unique()];
      const payload = encodeRelease(makeRelease({ name: foo, namespace: ns }));
      await h.putRaw(ns, storageKey(foo, 1), labels(bar, "1"), payload);
      const { driver, problems } = watched();
      expect(await driver.listRefs({ namespace: ns, name: bar })).toEqual([]);
      expect(await driver.query({ namespace: ns, name: bar })).toEqual([]);
      expect(problems[0]).toMatchObject({ key: storageKey(foo, 1), release: bar });
      expect(problems[0]?.version).toBeUndefined();
      // Creating the revision it is in the way of names it.
      await expect(driver.create(makeRelease({ name: foo, namespace: ns }))).rejects.toBeInstanceOf(
        RecordInTheWayError,
      );
    });

    it("names an object that is not helm's when a create collides with it", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      const foreign = { ...labels(name, "1"), owner: "someone-else" };
      await h.putRaw(ns, storageKey(name, 1), foreign, "eA==");
      const err = await h
        .driver()
        .create(makeRelease({ name, namespace: ns }))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RecordInTheWayError);
      expect((err as Error).message).toMatch(/is in the way: it is not labelled owner=helm/);
      expect((await h.stored(ns, storageKey(name, 1))).labels.owner).toBe("someone-else");
    });

    it("names release, revision and record when a record cannot be read", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      await h.putRaw(ns, storageKey(name, 2), labels(name, "2", "pending-upgrade"), "garbage!");
      const err = await harness()
        .driver()
        .get(ns, name, 2)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnreadableRecordError);
      expect((err as Error).message).toContain(`revision 2 of release "${name}"`);
      expect((err as Error).message).toContain(`${ns}/${storageKey(name, 2)}`);
      expect((err as UnreadableRecordError).hint).toContain(`wheelhouse recover ${name} -n ${ns}`);
    });

    it("relabels a record's status without touching its payload, refusing one that changed", async () => {
      const h = harness();
      const [ns] = h.namespaces;
      const name = unique();
      const key = storageKey(name, 2);
      await h.putRaw(ns, key, labels(name, "2", "pending-upgrade"), "garbage!");
      const driver = h.driver();
      const seen = await driver.inspect(ns, name, 2);
      expect(seen).toMatchObject({ key, bytes: 8, labels: { status: "pending-upgrade" } });
      const changed = await driver.inspect(ns, name, 2);
      await driver.relabel(seen, "failed", "test");
      const after = await h.stored(ns, key);
      expect(after.labels.status).toBe("failed");
      expect(after.payload).toBe("garbage!");
      // `changed` was taken before that write: acting on it is refused, and nothing is written.
      await expect(driver.relabel(changed, "superseded", "stale")).rejects.toBeInstanceOf(
        RecordChangedError,
      );
      expect((await h.stored(ns, key)).labels.status).toBe("failed");
    });
  });
}
