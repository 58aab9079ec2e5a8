import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { configMap, withHistory } from "../../../test/support/engine.js";
import { loadChart } from "../chart/loadChart.js";
import type { ReleaseStatus } from "../release/types.js";
import { ReleaseStorage } from "../storage/releaseStorage.js";
import { UnreadableRecordError } from "../storage/unreadable.js";
import { install } from "./install.js";
import { rollback } from "./rollback.js";
import { uninstall } from "./uninstall.js";
import { upgrade } from "./upgrade.js";

const helloGo = () => loadChart(resolve("demo/charts/hello-go"));

/**
 * Revisions 1 (superseded) and 2 (deployed), then revision 3 whose record cannot be read,
 * labelled `status`; warnings are collected (docs/release-storage.md#records-that-cannot-be-read).
 */
async function pastUnreadable(status: ReleaseStatus) {
  const engine = await withHistory([
    ["superseded", configMap("one")],
    ["deployed", configMap("two")],
  ]);
  const warnings: string[] = [];
  engine.ctx.storage = new ReleaseStorage(engine.driver, { warn: (m) => warnings.push(m) });
  const labels = { name: "demo", owner: "helm", status, version: "3" };
  engine.driver.putRaw("default", "sh.helm.release.v1.demo.v3", labels, "garbage!");
  return { ...engine, warnings };
}

describe("operations past a revision whose record cannot be read", () => {
  it("upgrade goes on from the deployed revision, numbered past it, and warns", async () => {
    const engine = await pastUnreadable("failed");
    const { release } = await upgrade(engine.ctx, {
      name: "demo",
      namespace: "default",
      chart: await helloGo(),
      userValues: {},
    });
    expect(release.version).toBe(4);
    expect(await engine.statuses()).toEqual([
      "1:superseded",
      "2:superseded",
      "3:failed",
      "4:deployed",
    ]);
    expect(engine.warnings).toEqual([
      expect.stringMatching(
        /revision 3 of release "demo" .* cannot be read: .*upgrading from revision 2$/,
      ),
    ]);
  });

  it("rollback goes on, and an unreadable record labelled deployed is superseded by its label alone", async () => {
    const engine = await pastUnreadable("deployed");
    const release = await rollback(engine.ctx, { name: "demo", namespace: "default", revision: 1 });
    expect(release.version).toBe(4);
    expect(await engine.statuses()).toEqual([
      "1:superseded",
      "2:superseded",
      "3:superseded",
      "4:deployed",
    ]);
    expect(engine.driver.getRaw("default", "sh.helm.release.v1.demo.v3")?.payload).toBe("garbage!");
    expect(engine.warnings.join("\n")).toMatch(/objects only revision 3 created are left in place/);
    expect(engine.warnings.join("\n")).toMatch(/it is now labelled superseded/);
  });

  it("upgrade refuses when the revision labelled deployed is the unreadable one, and says to roll back", async () => {
    const engine = await pastUnreadable("deployed");
    const err = await upgrade(engine.ctx, {
      name: "demo",
      namespace: "default",
      chart: await helloGo(),
      userValues: {},
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadableRecordError);
    expect((err as UnreadableRecordError).hint).toMatch(
      /wheelhouse rollback demo REVISION -n default/,
    );
    expect(await engine.statuses()).toEqual(["1:superseded", "2:deployed", "3:deployed"]);
  });

  it("install --replace over an unreadable failed latest revision writes the next one, leaving it as it is", async () => {
    const engine = await pastUnreadable("failed");
    const { release } = await install(engine.ctx, {
      name: "demo",
      namespace: "default",
      chart: await helloGo(),
      userValues: {},
      replace: true,
    });
    expect(release.version).toBe(4);
    expect(engine.driver.getRaw("default", "sh.helm.release.v1.demo.v3")?.labels.status).toBe(
      "failed",
    );
  });

  it("uninstall refuses, naming the record and the way past it", async () => {
    const engine = await pastUnreadable("failed");
    const err = await uninstall(engine.ctx, { name: "demo", namespace: "default" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnreadableRecordError);
    expect((err as Error).message).toContain("record default/sh.helm.release.v1.demo.v3");
    expect((err as UnreadableRecordError).hint).toMatch(
      /the next upgrade or rollback is written past it/,
    );
    expect(await engine.statuses()).toEqual(["1:superseded", "2:deployed", "3:failed"]);
  });
});
