/**
 * A pending revision whose record cannot be read, of every kind, met by each command through the
 * CLI against the sandbox, with both storage drivers (docs/release-storage.md#records-that-cannot-be-read).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import {
  CORRUPT_PAYLOADS,
  helloChart,
  pendingLabels,
  recordStore,
  type RecordDriver,
} from "../support/plantedRecords.js";
import { withSandbox, type SandboxFixture } from "../support/sandbox.js";

let fx: SandboxFixture;
beforeAll(async () => {
  fx = await withSandbox();
});
afterAll(() => fx.close());

describe.each<RecordDriver>(["secret", "configmap"])("with the %s driver", (driver) => {
  let store: ReturnType<typeof recordStore>;
  const env = () => ({
    PATH: process.env.PATH,
    HOME: fx.dir,
    KUBECONFIG: fx.kubeconfigPath,
    HELM_DRIVER: driver,
  });
  const wh = (...args: string[]) => runCli(args, { env: env() });
  beforeAll(() => {
    store = recordStore(fx.kubeconfigPath, driver);
  });
  afterAll(() => store.close());

  describe.each(CORRUPT_PAYLOADS.map((c, i) => ({ ...c, name: `${driver}-bad${i}` })))(
    "a pending revision whose payload is $kind",
    ({ name, payload, reason }) => {
      const key = `sh.helm.release.v1.${name}.v2`;
      /** What every message about it must say: release, revision, record, and the reason. */
      const namesIt = (text: string) => {
        expect(text).toContain(`release "${name}" in namespace "default"`);
        expect(text).toMatch(/revision 2 (of|is)/);
        expect(text).toContain(`${store.kind} default/${key}`);
        expect(text).toMatch(reason);
        expect(text).not.toMatch(/bug in wheelhouse|\n\s+at /);
      };
      const recoverCommand = `wheelhouse recover ${name} -n default`;

      beforeAll(async () => {
        expect((await wh("install", name, helloChart)).code).toBe(0);
        await store.plant("default", key, pendingLabels(name, 2), payload(name));
      });

      it("history shows it and warns, naming the record and `recover`", async () => {
        const { code, stdout, stderr } = await wh("history", name);
        expect(code).toBe(0);
        expect(stdout).toMatch(/^2\s+.*pending-upgrade\s+UNREADABLE/m);
        namesIt(stderr);
        expect(stderr).toContain(recoverCommand);
      });

      it("list shows it, in JSON too, and warns the same way", async () => {
        const { code, stdout, stderr } = await wh("list", "-o", "json", "--filter", `^${name}$`);
        expect(code).toBe(0);
        expect(JSON.parse(stdout)).toEqual([
          expect.objectContaining({ name, revision: "2", status: "pending-upgrade" }),
        ]);
        namesIt(stderr);
        expect(stderr).toContain(recoverCommand);
      });

      it("status fails with one clear error naming it and `recover`", async () => {
        const { code, stderr } = await wh("status", name);
        expect(code).toBe(1);
        expect(stderr).toMatch(/^Error: revision 2 of release/);
        namesIt(stderr);
        expect(stderr).toContain(recoverCommand);
      });

      it("upgrade and rollback are refused by the lock, named, and write nothing", async () => {
        for (const args of [
          ["upgrade", name, helloChart],
          ["rollback", name, "1"],
        ]) {
          const { code, stderr } = await wh(...args);
          expect(code).toBe(1);
          expect(stderr).toContain("is locked: revision 2 is labelled pending-upgrade");
          namesIt(stderr);
          expect(stderr).toContain(recoverCommand);
        }
        expect((await wh("history", name, "-o", "json")).stdout).not.toContain('"revision":3');
      });

      it("recover shows its labels, size and reason, and changes nothing without --yes", async () => {
        const before = await store.raw("default", key);
        const { code, stdout } = await wh("recover", name);
        expect(code).toBe(0);
        expect(stdout).toContain(`is labelled pending-upgrade`);
        expect(stdout).toMatch(reason);
        expect(stdout).toMatch(new RegExp(`${store.kind} default/${key}: \\d+ bytes, created `));
        expect(stdout).toContain("status=pending-upgrade, version=2");
        expect(await store.raw("default", key)).toMatchObject({ labels: before.labels });
      });

      it("recover --yes marks it failed by its label alone, after which upgrade works", async () => {
        const before = await store.raw("default", key);
        const recovered = await wh("recover", name, "--yes");
        expect(recovered.code).toBe(0);
        expect(recovered.stdout).toContain("Revision 2 marked failed");
        const after = await store.raw("default", key);
        expect(after.labels.status).toBe("failed");
        expect(after.data).toBe(before.data); // the payload, byte for byte
        expect(after.annotations["wheelhouse.dev/relabelled"]).toMatch(
          /marked failed by wheelhouse recover after pending-upgrade/,
        );

        const upgraded = await wh("upgrade", name, helloChart);
        expect(upgraded.code).toBe(0);
        expect(upgraded.stdout).toMatch(/REVISION: 3/);
        expect(upgraded.stderr).toContain("upgrading from revision 1");
        const history = await wh("history", name);
        expect(history.stdout).toMatch(/^2\s+.*failed\s+UNREADABLE/m);
        expect(history.stdout).toMatch(/^3\s+.*deployed/m);
      });
    },
  );
});
