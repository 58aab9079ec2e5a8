import { describe, expect, it } from "vitest";
import { FLOOR_WINDOW_MS, ReadFloor } from "./readFloor.js";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("ReadFloor", () => {
  it("reads any cached state until this client writes the resource", () => {
    const floor = new ReadFloor();
    expect(floor.cachedQuery("secrets", "list")).toEqual({ resourceVersion: "0" });
    expect(floor.cachedQuery("secrets", "get")).toEqual({ resourceVersion: "0" });
    expect(floor.changed).toBe(false);
  });

  it("after a write, asks for a state not older than it, per resource", () => {
    const floor = new ReadFloor();
    floor.wrote("secrets", "120", floor.writing("secrets"));
    expect(floor.cachedQuery("secrets", "list")).toEqual({
      resourceVersion: "120",
      resourceVersionMatch: "NotOlderThan",
    });
    expect(floor.cachedQuery("secrets", "get")).toEqual({ resourceVersion: "120" });
    // another resource's cache never sees the Secret write: its floor is untouched
    expect(floor.cachedQuery("configmaps", "list")).toEqual({ resourceVersion: "0" });
    expect(floor.changed).toBe(true);
  });

  it("keeps the newest of writes that finish out of order", () => {
    const floor = new ReadFloor();
    floor.wrote("secrets", "130");
    floor.wrote("secrets", "125");
    expect(floor.cachedQuery("secrets", "get")).toEqual({ resourceVersion: "130" });
    floor.wrote("secrets", "1000");
    expect(floor.cachedQuery("secrets", "get")).toEqual({ resourceVersion: "1000" });
  });

  it("reads etcd for a while after a delete, whose answer carries no resourceVersion", () => {
    const c = clock();
    const floor = new ReadFloor(c.now);
    floor.wrote("secrets", "10");
    floor.deleted("secrets");
    expect(floor.cachedQuery("secrets", "list")).toBeUndefined();
    c.advance(FLOOR_WINDOW_MS + 1);
    expect(floor.cachedQuery("secrets", "list")).toEqual({
      resourceVersion: "10",
      resourceVersionMatch: "NotOlderThan",
    });
  });

  it("a write begun after the deletes finished covers them; one that overlapped a delete does not", () => {
    const floor = new ReadFloor();
    floor.deleted("secrets");
    const after = floor.writing("secrets");
    floor.wrote("secrets", "50", after);
    expect(floor.cachedQuery("secrets", "list")).toMatchObject({ resourceVersion: "50" });

    const overlapping = floor.writing("secrets");
    floor.deleted("secrets"); // finished while the write was under way
    floor.wrote("secrets", "60", overlapping);
    expect(floor.cachedQuery("secrets", "list")).toBeUndefined();
  });

  it("a write answered without a resourceVersion makes reads consistent", () => {
    const floor = new ReadFloor();
    floor.wrote("secrets", undefined);
    expect(floor.cachedQuery("secrets", "list")).toBeUndefined();
  });

  it("forgets a floor the server refused", () => {
    const floor = new ReadFloor();
    floor.wrote("secrets", "99999999");
    floor.refused("secrets");
    expect(floor.cachedQuery("secrets", "list")).toEqual({ resourceVersion: "0" });
  });

  it("carries floors to the next process for a limited time, never over its own", () => {
    const c = clock();
    const first = new ReadFloor(c.now);
    first.wrote("secrets", "77");
    first.deleted("configmaps");
    const saved = JSON.parse(JSON.stringify(first.entries())) as unknown;

    c.advance(1_000);
    const next = new ReadFloor(c.now);
    next.restore(saved);
    expect(next.changed).toBe(false);
    expect(next.cachedQuery("secrets", "list")).toMatchObject({ resourceVersion: "77" });
    expect(next.cachedQuery("configmaps", "list")).toBeUndefined();

    const own = new ReadFloor(c.now);
    own.wrote("secrets", "80");
    own.restore(saved);
    expect(own.cachedQuery("secrets", "get")).toEqual({ resourceVersion: "80" });

    c.advance(FLOOR_WINDOW_MS);
    const late = new ReadFloor(c.now);
    late.restore(saved);
    expect(late.cachedQuery("secrets", "list")).toEqual({ resourceVersion: "0" });
  });

  it("restores nothing from malformed data", () => {
    const floor = new ReadFloor();
    floor.restore({ resource: "secrets" });
    floor.restore([null, { resource: "secrets", at: Date.now(), resourceVersion: "0 OR 1" }]);
    expect(floor.cachedQuery("secrets", "list")).toEqual({ resourceVersion: "0" });
  });
});
