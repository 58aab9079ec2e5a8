import { getShortestPaths, getStateNodes } from "@xstate/graph";
import { describe, expect, it } from "vitest";
import type { StateValue } from "xstate";
import { appMachine, type MachineEvent } from "../../../src/state/appMachine.js";
import type { AppContext } from "../../../src/state/appTypes.js";
import type { OperationResult, RollbackPlan, UpgradePlan } from "../../../src/state/backend.js";
import { FakeBackend } from "../../support/fakeBackend.js";

const web = { name: "web", namespace: "prod" };
const emptyDiff = {
  masked: { resources: [], summary: { added: 0, changed: 0, removed: 0, unchanged: 0 } },
  revealed: { resources: [], summary: { added: 0, changed: 0, removed: 0, unchanged: 0 } },
};
const rollbackPlan: RollbackPlan = { release: web, target: 1, revision: 3, diff: emptyDiff };
const upgradePlan: UpgradePlan = {
  request: { release: web, chart: "./web", values: { mode: "reuse" } },
  revision: 3,
  chart: "web-2.0.0",
  diff: emptyDiff,
  notes: "",
};
const result: OperationResult = { revision: 3, status: "deployed", notes: "" };
const failure = (id: string) => ({ type: `xstate.error.actor.${id}`, error: new Error(id) });
const done = (id: string, output: unknown) => ({ type: `xstate.done.actor.${id}`, output });

/** Every event the machine can take, with payloads that let guards pass; actor results included. */
const events = [
  done("loadCluster", {
    cluster: {
      context: "dev",
      server: "https://x",
      namespace: "prod",
      contexts: ["dev", "staging"],
    },
    namespaces: { namespaces: [{ name: "prod", releases: 1 }], forbidden: false },
  }),
  failure("loadCluster"),
  done("loadReleases", [
    {
      name: "web",
      namespace: "prod",
      revision: 2,
      status: "pending-upgrade", // so the recover flow is reachable too
      chart: "web-1.0.0",
      appVersion: "1",
      description: "",
    },
  ]),
  failure("loadReleases"),
  done("loadHistory", [
    { revision: 1, status: "superseded", chartVersion: "1.0.0", appVersion: "1", description: "" },
    { revision: 2, status: "deployed", chartVersion: "1.1.0", appVersion: "1", description: "" },
  ]),
  failure("loadHistory"),
  done("loadDetail", { view: "status", release: web, resources: [] }),
  failure("loadDetail"),
  done("planRollback", rollbackPlan),
  failure("planRollback"),
  done("executeRollback", result),
  failure("executeRollback"),
  done("editValues", "replicas: 2\n"),
  done("editValues", undefined),
  failure("editValues"),
  done("planUpgrade", upgradePlan),
  failure("planUpgrade"),
  done("executeUpgrade", result),
  failure("executeUpgrade"),
  done("uninstall", undefined),
  done("recover", undefined),
  failure("recover"),
  failure("uninstall"),
  { type: "CONTEXT.SWITCH", name: "staging" },
  done("switchContext", new FakeBackend()),
  failure("switchContext"),
  { type: "MOVE", delta: 1 },
  { type: "MOVE.TO", position: "first" },
  { type: "FOCUS.SET", pane: "history" },
  { type: "FILTER.SET", text: "" },
  { type: "SCOPE.SET", namespace: "prod" },
  { type: "VIEW.OPEN", view: "manifest" },
  { type: "UPGRADE.CHART", chart: "./web" },
  { type: "UPGRADE.VALUES", values: { mode: "reuse" } },
  { type: "UNINSTALL.TYPE", text: "web" },
  { type: "PROGRESS", progress: { step: "apply", resource: "ConfigMap prod/web", state: "done" } },
  ...[
    "RETRY",
    "REFRESH",
    "RELEASES.CHANGED",
    "FOCUS.NEXT",
    "FOCUS.PREV",
    "OPEN",
    "BACK",
    "MARK",
    "ROLLBACK.START",
    "UPGRADE.START",
    "UNINSTALL.START",
    "UNINSTALL.TOGGLE_KEEP_HISTORY",
    "NEXT",
    "CONFIRM",
    "DENY",
    "CANCEL",
    "DISMISS",
    "QUIT",
    "QUIT.CONFIRM",
    "QUIT.CANCEL",
    "UPGRADE.EDIT",
    "RECOVER.START",
  ].map((type) => ({ type })),
] as unknown as MachineEvent[];

function leafPaths(value: StateValue, prefix: string[] = []): string[] {
  if (typeof value === "string") return [[...prefix, value].join(".")];
  return Object.entries(value).flatMap(([k, v]) => (v ? leafPaths(v, [...prefix, k]) : []));
}

type Snap = { value: StateValue; context: AppContext };

function regions(value: StateValue, names: string[]): StateValue {
  if (typeof value === "string" || !("app" in value)) return value;
  const app = value.app as Record<string, StateValue>;
  return Object.fromEntries(names.map((n) => [n, app[n]!]));
}

/**
 * The regions run in parallel, so the product of their states is large; two
 * traversals each track some regions plus the bits of context guards read,
 * and between them must reach every state.
 */
const traversals = [
  {
    name: "flows",
    serialize: (s: Snap) =>
      JSON.stringify([
        regions(s.value, ["mode", "quit"]),
        s.context.selected !== undefined,
        s.context.revisions.length > 0,
        s.context.releases.length > 0,
        s.context.uninstall?.typed,
        s.context.upgrade?.chart,
      ]),
    exclude:
      /^(MOVE|FOCUS|FILTER|SCOPE|VIEW|MARK|BACK|PROGRESS|xstate\.(done|error)\.actor\.loadDetail)/,
  },
  {
    name: "data",
    serialize: (s: Snap) =>
      JSON.stringify([
        regions(s.value, ["list", "revisions", "detail"]),
        s.context.selected !== undefined,
        s.context.releases.length > 0,
        s.context.focus,
      ]),
    exclude:
      /^(ROLLBACK|UPGRADE|UNINSTALL|RECOVER|NEXT|CONFIRM|DENY|CANCEL|DISMISS|QUIT|PROGRESS|MARK|MOVE|FILTER|xstate\.(done|error)\.actor\.(plan|execute|uninstall|recover|editValues))/,
  },
];

function reachedLeaves(readonly: boolean): { leaves: Set<string>; done: boolean } {
  const leaves = new Set<string>();
  let done = false;
  for (const t of traversals) {
    const paths = getShortestPaths(appMachine, {
      input: { backend: new FakeBackend(), options: { readonly }, editor: async () => "" },
      events: events.filter((e) => !t.exclude.test(e.type)),
      serializeState: (s) => t.serialize(s as never),
    });
    for (const p of paths) {
      for (const leaf of leafPaths(p.state.value)) leaves.add(leaf);
      if (p.state.status === "done") done = true;
    }
  }
  return { leaves, done };
}

describe("app machine: generated paths", () => {
  it("reaches every state of the machine through some path of events", () => {
    const { leaves: reached, done } = reachedLeaves(false);
    const leaves = getStateNodes(appMachine.root)
      .filter((n) => n.type === "atomic" || n.type === "final")
      .map((n) => n.path.join("."));
    expect(leaves.length).toBeGreaterThan(30);
    expect(leaves.filter((l) => !reached.has(l))).toEqual([]);
    expect(done).toBe(true);
  });

  it("in read-only mode reaches no mutating flow", () => {
    const reached = [...reachedLeaves(true).leaves];
    expect(reached.filter((l) => /mode\.(rollback|upgrade|uninstall|recover)/.test(l))).toEqual([]);
    expect(reached).toContain("app.mode.browse");
  });
});
