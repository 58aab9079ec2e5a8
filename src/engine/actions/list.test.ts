import { describe, expect, it } from "vitest";
import { fakeEngine } from "../../../test/support/engine.js";
import { makeRelease } from "../../../test/support/releases.js";
import type { ReleaseStatus } from "../release/types.js";
import { history } from "./history.js";
import { list } from "./list.js";

async function populated() {
  const engine = fakeEngine();
  const add = (name: string, namespace: string, statuses: ReleaseStatus[], day: number) =>
    Promise.all(
      statuses.map((status, i) =>
        engine.driver.create(
          makeRelease({
            name,
            namespace,
            version: i + 1,
            status,
            info: {
              first_deployed: "",
              last_deployed: `2026-11-${day}T00:00:0${i}Z`,
              description: "",
              status,
            },
          }),
        ),
      ),
    );
  await add("web", "prod", ["superseded", "deployed"], 20);
  await add("api", "prod", ["deployed", "failed"], 22);
  await add("worker", "staging", ["uninstalled"], 21);
  await add("cache", "staging", ["deployed", "pending-upgrade"], 19);
  return engine;
}

describe("list", () => {
  it("shows the latest revision of every release in every namespace, by name", async () => {
    const { ctx } = await populated();
    const { releases } = await list(ctx);
    expect(releases.map((r) => `${r.name}@${r.version}`)).toEqual([
      "api@2",
      "cache@2",
      "web@2",
      "worker@1",
    ]);
  });

  it("limits to one namespace", async () => {
    const { ctx } = await populated();
    expect((await list(ctx, { namespace: "staging" })).releases.map((r) => r.name)).toEqual([
      "cache",
      "worker",
    ]);
  });

  it("filters by status and by a name regex", async () => {
    const { ctx } = await populated();
    expect(
      (await list(ctx, { statuses: ["failed", "pending-upgrade"] })).releases.map((r) => r.name),
    ).toEqual(["api", "cache"]);
    expect((await list(ctx, { filter: "^w" })).releases.map((r) => r.name)).toEqual([
      "web",
      "worker",
    ]);
  });

  it("sorts by date and reverses", async () => {
    const { ctx } = await populated();
    expect(
      (await list(ctx, { sortBy: "date", reverse: true })).releases.map((r) => r.name),
    ).toEqual(["api", "worker", "web", "cache"]);
  });

  it("pages with offset and max, reporting the total", async () => {
    const { ctx } = await populated();
    const page = await list(ctx, { offset: 1, max: 2 });
    expect(page.releases.map((r) => r.name)).toEqual(["cache", "web"]);
    expect(page.total).toBe(4);
    expect((await list(ctx, { max: 0 })).releases).toHaveLength(4);
  });

  it("rejects an invalid filter with the reason", async () => {
    const { ctx } = await populated();
    await expect(list(ctx, { filter: "(" })).rejects.toThrow(
      /invalid --filter regular expression "\("/,
    );
  });
});

describe("history", () => {
  it("returns revisions oldest first, keeping the newest max", async () => {
    const { ctx } = await populated();
    expect((await history(ctx, "web", "prod")).map((r) => r.version)).toEqual([1, 2]);
    expect((await history(ctx, "web", "prod", 1)).map((r) => r.version)).toEqual([2]);
  });
});
