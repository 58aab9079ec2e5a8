import { describe, expect, it } from "vitest";
import type { AppContext } from "../../../src/state/appTypes.js";
import type { ReleaseRow } from "../../../src/state/backend.js";
import {
  countsByStatus,
  deployedRevision,
  namespaceItems,
  visibleReleases,
} from "../../../src/state/selectors.js";

function row(
  name: string,
  namespace: string,
  status: ReleaseRow["status"] = "deployed",
): ReleaseRow {
  return {
    name,
    namespace,
    revision: 1,
    status,
    chart: `${name}-1.0.0`,
    appVersion: "1",
    description: "",
  };
}

function ctx(fields: Partial<AppContext>): AppContext {
  return {
    scope: {},
    releases: [],
    releasesLoaded: true,
    filters: { namespaces: "", releases: "", history: "" },
    namespaces: {
      namespaces: [
        { name: "prod", releases: 2 },
        { name: "staging", releases: 1 },
      ],
      forbidden: false,
    },
    ...fields,
  } as AppContext;
}

describe("selectors", () => {
  it("counts namespaces from the live list when all namespaces are in scope", () => {
    const items = namespaceItems(
      ctx({ releases: [row("a", "prod"), row("b", "dev"), row("c", "dev")] }),
    );
    expect(items.map((i) => [i.name, i.releases])).toEqual([
      ["all", 3],
      ["dev", 2],
      ["prod", 1],
      ["staging", 0],
    ]);
  });

  it("updates only the scoped namespace's count when one namespace is in scope", () => {
    const items = namespaceItems(
      ctx({ scope: { namespace: "prod" }, releases: [row("a", "prod")] }),
    );
    expect(items.map((i) => [i.name, i.releases])).toEqual([
      ["all", 2],
      ["prod", 1],
      ["staging", 1],
    ]);
  });

  it("filters namespaces but always keeps the all row", () => {
    const items = namespaceItems(
      ctx({ filters: { namespaces: "stag", releases: "", history: "" } }),
    );
    expect(items.map((i) => i.name)).toEqual(["all", "staging"]);
  });

  it("filters releases by name, namespace, chart or status", () => {
    const releases = [row("web", "prod"), row("db", "staging", "failed")];
    const by = (f: string) =>
      visibleReleases(ctx({ releases, filters: { namespaces: "", releases: f, history: "" } })).map(
        (r) => r.name,
      );
    expect(by("WE")).toEqual(["web"]);
    expect(by("stag")).toEqual(["db"]);
    expect(by("failed")).toEqual(["db"]);
    expect(by("")).toEqual(["web", "db"]);
  });

  it("counts releases by status", () => {
    expect(countsByStatus([row("a", "x"), row("b", "x", "failed"), row("c", "x")])).toEqual({
      deployed: 2,
      failed: 1,
    });
  });

  it("finds the latest deployed revision", () => {
    const revisions = [1, 2, 3].map((revision) => ({
      revision,
      status: (revision === 2 ? "deployed" : "superseded") as ReleaseRow["status"],
      chartVersion: "1",
      appVersion: "1",
      description: "",
    }));
    expect(deployedRevision({ revisions })?.revision).toBe(2);
    expect(deployedRevision({ revisions: [] })).toBeUndefined();
  });
});
