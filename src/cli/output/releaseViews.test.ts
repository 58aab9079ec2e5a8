import { describe, expect, it } from "vitest";
import { makeRelease } from "../../../test/support/releases.js";
import { ansic, goTimeString, goTimeStringOf } from "./goTime.js";
import { historyElement, listElement } from "./releaseViews.js";

describe("helm's time formats", () => {
  it("prints time.Time.String() for list", () => {
    expect(goTimeString(new Date("2026-11-25T04:06:21.408Z"))).toBe(
      "2026-11-25 04:06:21.408 +0000 UTC",
    );
    expect(goTimeString(new Date("2026-11-25T04:06:21Z"))).toBe("2026-11-25 04:06:21 +0000 UTC");
  });

  it("keeps the nanoseconds helm stores, and prints an offset as Go prints a nameless zone", () => {
    expect(goTimeStringOf("2026-12-03T01:55:12.478348530Z")).toBe(
      "2026-12-03 01:55:12.47834853 +0000 UTC",
    );
    expect(goTimeStringOf("2026-12-03T01:55:12+00:00")).toBe("2026-12-03 01:55:12 +0000 UTC");
    expect(goTimeStringOf("2026-12-03T02:55:12.5+01:00")).toBe("2026-12-03 02:55:12.5 +0100 +0100");
    expect(goTimeStringOf("yesterday")).toBeUndefined();
    const helmWritten = makeRelease({
      info: { last_deployed: "2026-12-03T01:55:13.07848093Z" } as never,
    });
    expect(listElement(helmWritten).updated).toBe("2026-12-03 01:55:13.07848093 +0000 UTC");
  });

  it("prints ANSIC for history, padding the day with a space", () => {
    expect(ansic(new Date("2026-11-05T04:06:21Z"))).toBe("Thu Nov  5 04:06:21 2026");
  });
});

describe("list and history elements", () => {
  it("carry helm's field names, with the revision as a string in list", () => {
    const r = makeRelease({ version: 3 });
    expect(listElement(r)).toEqual({
      name: "demo",
      namespace: "default",
      revision: "3",
      updated: "2026-11-25 04:00:00 +0000 UTC",
      status: "deployed",
      chart: "web-1.0.0",
      app_version: "1.0",
    });
    expect(historyElement(r)).toMatchObject({
      revision: 3,
      chart: "web-1.0.0",
      description: "Install complete",
    });
  });

  it("say MISSING for a record without a chart and explain unreadable ones", () => {
    expect(listElement(makeRelease({ chart: null })).chart).toBe("MISSING");
    const bad = {
      name: "x",
      namespace: "default",
      version: 2,
      status: "deployed" as const,
      key: "k",
      unreadable: "not valid gzip",
    };
    expect(listElement(bad)).toMatchObject({
      chart: "UNREADABLE",
      unreadable: "not valid gzip",
      updated: "-",
    });
    expect(historyElement(bad).description).toBe("unreadable: not valid gzip");
  });
});
