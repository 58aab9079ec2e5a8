import { describe, expect, it } from "vitest";
import { makeRelease } from "../../../test/support/releases.js";
import { ansic, goTimeString } from "./goTime.js";
import { historyElement, listElement } from "./releaseViews.js";

describe("helm's time formats", () => {
  it("prints time.Time.String() for list", () => {
    expect(goTimeString(new Date("2026-11-25T04:06:21.408Z"))).toBe(
      "2026-11-25 04:06:21.408 +0000 UTC",
    );
    expect(goTimeString(new Date("2026-11-25T04:06:21Z"))).toBe("2026-11-25 04:06:21 +0000 UTC");
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
