import { describe, expect, it } from "vitest";
import { configMap, service, withHistory } from "../../../test/support/engine.js";
import { ReleaseLockedError } from "../release/lock.js";
import { OperationFailedError } from "./errors.js";
import { uninstall } from "./uninstall.js";

const keptSecret =
  "---\n# Source: web/templates/secret.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  annotations:\n    helm.sh/resource-policy: keep\n";

describe("uninstall", () => {
  it("deletes the release's objects and every revision record", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["deployed", configMap("two") + service],
    ]);
    const result = await uninstall(engine.ctx, { name: "demo", namespace: "default" });
    expect(result.deleted.map((r) => r.kind)).toEqual(["Service", "ConfigMap"]);
    expect(result.purged).toEqual([1, 2]);
    expect(await engine.statuses()).toEqual([]);
    expect(engine.cluster.objects.size).toBe(0);
  });

  it("keeps history marked uninstalled with --keep-history", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["deployed", configMap("two")],
    ]);
    const result = await uninstall(engine.ctx, {
      name: "demo",
      namespace: "default",
      keepHistory: true,
    });
    expect(result.release.info).toMatchObject({
      status: "uninstalled",
      description: "Uninstallation complete",
    });
    expect(result.release.info.deleted).toBe("2026-11-25T05:00:00Z");
    expect(await engine.statuses()).toEqual(["1:superseded", "2:uninstalled"]);
  });

  it("spares objects annotated helm.sh/resource-policy: keep", async () => {
    const engine = await withHistory([["deployed", configMap("one") + keptSecret]]);
    const result = await uninstall(engine.ctx, { name: "demo", namespace: "default" });
    expect(result.kept.map((r) => r.name)).toEqual(["db"]);
    expect(engine.cluster.find("Secret", "db")).toBeDefined();
  });

  it("purges the records of an uninstalled release, and refuses to uninstall it again keeping history", async () => {
    const engine = await withHistory([["uninstalled", configMap("one")]]);
    await expect(
      uninstall(engine.ctx, { name: "demo", namespace: "default", keepHistory: true }),
    ).rejects.toThrow('the release named "demo" is already deleted');
    await uninstall(engine.ctx, { name: "demo", namespace: "default" });
    expect(await engine.statuses()).toEqual([]);
  });

  it("marks the revision failed with the reason when a delete fails, keeping every record", async () => {
    const engine = await withHistory([
      ["superseded", configMap("one")],
      ["deployed", configMap("two") + service],
    ]);
    engine.cluster.failOn("delete", /ConfigMap/, new Error("forbidden"));
    await expect(uninstall(engine.ctx, { name: "demo", namespace: "default" })).rejects.toThrow(
      OperationFailedError,
    );
    expect(await engine.statuses()).toEqual(["1:superseded", "2:failed"]);
    const failed = await engine.ctx.storage.get("default", "demo", 2);
    expect(failed.info.description).toBe(
      'Uninstall "demo" failed: failed to delete ConfigMap default/settings: forbidden',
    );
  });

  it("refuses a locked release", async () => {
    const engine = await withHistory([
      ["deployed", configMap("one")],
      ["pending-install", configMap("two")],
    ]);
    await expect(uninstall(engine.ctx, { name: "demo", namespace: "default" })).rejects.toThrow(
      ReleaseLockedError,
    );
  });
});
