import { getShortestPaths, getStateNodes } from "@xstate/graph";
import { describe, expect, it } from "vitest";
import type { AnyStateMachine, StateValue } from "xstate";
import { appMachine, type MachineEvent } from "../../../src/state/appMachine.js";
import type { AppContext } from "../../../src/state/appTypes.js";
import type { OperationResult, RollbackPlan, UpgradePlan } from "../../../src/state/backend.js";
import { contextSwitchFlow } from "../../../src/state/machine/flows/contextSwitch.js";
import { recoverFlow } from "../../../src/state/machine/flows/recover.js";
import { rollbackFlow } from "../../../src/state/machine/flows/rollback.js";
import { uninstallFlow } from "../../../src/state/machine/flows/uninstall.js";
import { upgradeFlow } from "../../../src/state/machine/flows/upgrade.js";
import { FakeBackend } from "../../support/fakeBackend.js";

const web = { name: "web", namespace: "prod" };
const emptyDiff = {
  masked: { resources: [], summary: { added: 0, changed: 0, removed: 0, unchanged: 0 } },
  revealed: { resources: [], summary: { added: 0, changed: 0, removed: 0, unchanged: 0 } },
};
const rollbackPlan: RollbackPlan = {
  release: web,
  target: 1,
  revision: 3,
  diff: emptyDiff,
  applyMethod: "ssa",
};
const upgradePlan: UpgradePlan = {
  request: { release: web, chart: "./web", values: { mode: "reuse" } },
  revision: 3,
  chart: "web-2.0.0",
  diff: emptyDiff,
  notes: "",
  applyMethod: "csa",
};
const result: OperationResult = { revision: 3, status: "deployed", notes: "" };
const failure = (id: string) => ({ type: `xstate.error.actor.${id}`, error: new Error(id) });
const done = (id: string, output: unknown) => ({ type: `xstate.done.actor.${id}`, output });
const flowIds = ["rollback", "upgrade", "uninstall", "recover"] as const;
/** A flow's snapshot as the app reads it: applying something. */
const busy = { hasTag: (tag: string) => tag === "busy" };

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
  // Namespaces that may not be listed: `:ns NAME` asks the cluster about the one named.
  done("loadCluster", {
    cluster: { context: "dev", server: "https://x", namespace: "prod", contexts: ["dev"] },
    namespaces: { namespaces: [{ name: "prod", releases: 1 }], forbidden: true },
  }),
  { type: "SCOPE.SET", namespace: "elsewhere" },
  done("checkNamespace", { name: "elsewhere", exists: false }),
  done("checkNamespace", { name: "elsewhere", exists: true }),
  failure("checkNamespace"),
  // Locked, so the recover flow is reachable; deployed, so the flows a lock refuses are too.
  ...(["pending-upgrade", "deployed"] as const).map((status) =>
    done("loadReleases", [
      {
        name: "web",
        namespace: "prod",
        revision: 2,
        status,
        chart: "web-1.0.0",
        appVersion: "1",
        description: "",
      },
    ]),
  ),
  failure("loadReleases"),
  done("loadHistory", [
    { revision: 1, status: "superseded", chartVersion: "1.0.0", appVersion: "1", description: "" },
    { revision: 2, status: "deployed", chartVersion: "1.1.0", appVersion: "1", description: "" },
  ]),
  failure("loadHistory"),
  done("loadDetail", { view: "status", release: web, resources: [] }),
  failure("loadDetail"),
  // The flows' own actors are theirs (walked below); the app sees their reports and ends.
  ...flowIds.map((id) => ({ type: `xstate.snapshot.${id}`, snapshot: busy })),
  ...flowIds.map((id) => done(id, undefined)),
  { type: "FLOW.NOTICE", notice: "Empty values file: edit cancelled" },
  { type: "FLOW.APPLIED", revision: 3 },
  { type: "FLOW.UNINSTALLED", release: web, keepHistory: false },
  { type: "CONTEXT.SWITCH", name: "staging" },
  { type: "CONTEXT.SWITCHED", backend: new FakeBackend() },
  { type: "CONTEXT.SWITCH_FAILED", notice: "no", error: { message: "no" } },
  { type: "MOVE", delta: 1 },
  { type: "MOVE.TO", position: "first" },
  { type: "FOCUS.SET", pane: "history" },
  { type: "FILTER.SET", text: "" },
  { type: "SCOPE.SET", namespace: "prod" },
  { type: "VIEW.OPEN", view: "manifest" },
  { type: "UPGRADE.CHART", chart: "./web" },
  { type: "UPGRADE.VALUES", values: { mode: "reuse" } },
  { type: "UNINSTALL.TYPE", text: "web" },
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
        s.context.releases[0]?.status,
        s.context.busy,
        s.context.namespaces?.forbidden,
      ]),
    // `:ns NAME` is kept for the namespace check, a mode of its own.
    exclude: /^(MOVE|FOCUS|FILTER|VIEW|MARK|BACK|xstate\.(done|error)\.actor\.loadDetail)/,
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
      /^(ROLLBACK|UPGRADE|UNINSTALL|RECOVER|NEXT|CONFIRM|DENY|CANCEL|DISMISS|QUIT|MARK|MOVE|FILTER|FLOW|CONTEXT\.SWITCH(ED|_FAILED)|xstate\.(done\.actor|snapshot)\.(rollback|upgrade|uninstall|recover))/,
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

/** The flows, each walked on its own: the app only starts them and hears their reports. */
const backend = new FakeBackend();
const flows: Array<{ flow: AnyStateMachine; input: unknown; plan?: unknown }> = [
  { flow: rollbackFlow, input: { backend, release: web, target: 1 }, plan: rollbackPlan },
  {
    flow: upgradeFlow,
    input: { backend, release: web, editor: async () => "" },
    plan: upgradePlan,
  },
  { flow: uninstallFlow, input: { backend, release: web } },
  { flow: recoverFlow, input: { backend, release: web, status: "pending-upgrade" } },
  { flow: contextSwitchFlow, input: { backend, name: "staging" } },
];

/** Every event a flow takes, with payloads that let guards pass; its actors' results included. */
function flowEvents(plan: unknown) {
  return [
    ...[
      "NEXT",
      "CONFIRM",
      "DENY",
      "CANCEL",
      "DISMISS",
      "RETRY",
      "UPGRADE.EDIT",
      "UNINSTALL.TOGGLE_KEEP_HISTORY",
    ].map((type) => ({ type })),
    { type: "UPGRADE.CHART", chart: "./web" },
    { type: "UPGRADE.VALUES", values: { mode: "reuse" } },
    { type: "UNINSTALL.TYPE", text: "web" },
    { type: "CONFIRM.TYPE", text: "web" },
    {
      type: "PROGRESS",
      progress: { step: "apply", resource: "ConfigMap prod/web", state: "done" },
    },
    done("plan", plan),
    failure("plan"),
    done("execute", result),
    failure("execute"),
    done("checkChart", "web-9.0.0"),
    failure("checkChart"),
    done("edit", "replicas: 2\n"),
    done("edit", undefined),
    failure("edit"),
    done("uninstall", undefined),
    failure("uninstall"),
    done("recover", undefined),
    failure("recover"),
    done("connect", new FakeBackend()),
    failure("connect"),
  ];
}

/** Walks a flow; what it tells the app is left out (there is no app here). */
function walk({ flow, input, plan }: (typeof flows)[number]) {
  const c = (s: { context: Record<string, unknown> }) => s.context;
  return getShortestPaths(flow.provide({ actions: { report: () => {} } }), {
    input,
    events: flowEvents(plan) as never,
    // Progress is left out of the state: it grows with each report.
    serializeState: (s) =>
      JSON.stringify([s.value, c(s).chart, c(s).typed, c(s).keepHistory, s.status]),
  });
}

function leavesOf(machine: AnyStateMachine): string[] {
  return getStateNodes(machine.root)
    .filter((n) => n.type === "atomic" || n.type === "final")
    .map((n) => n.path.join("."));
}

describe("app machine: generated paths", () => {
  it("reaches every state of the machine through some path of events", () => {
    const { leaves: reached, done } = reachedLeaves(false);
    const leaves = leavesOf(appMachine);
    // The app and its flows together: a flow's steps are states of its own machine.
    const all = leaves.length + flows.reduce((n, f) => n + leavesOf(f.flow).length, 0);
    expect(all).toBeGreaterThan(30);
    expect(leaves.filter((l) => !reached.has(l))).toEqual([]);
    expect(done).toBe(true);
  });

  it("in read-only mode reaches no mutating flow", () => {
    const reached = [...reachedLeaves(true).leaves];
    expect(reached.filter((l) => /mode\.(rollback|upgrade|uninstall|recover)/.test(l))).toEqual([]);
    expect(reached).toContain("app.mode.browse");
  });
});

describe("flow machines: generated paths", () => {
  it.each(flows.map((f) => [f.flow.id, f] as const))(
    "%s reaches every state and its end through some path of events",
    (_, f) => {
      // On a protected context the confirmation is typed: a state of its own.
      const paths = [
        ...walk(f),
        ...walk({ ...f, input: { ...(f.input as object), protect: true } }),
      ];
      const reached = new Set(paths.flatMap((p) => leafPaths(p.state.value)));
      expect(leavesOf(f.flow).filter((l) => !reached.has(l))).toEqual([]);
      expect(paths.some((p) => p.state.status === "done")).toBe(true);
    },
  );

  it.each(flows.map((f) => [f.flow.id, f] as const))(
    "%s names the screen of each of its steps by one tag",
    (_, f) => {
      const screens = getStateNodes(f.flow.root)
        .filter((n) => n.type === "atomic")
        .map((n) => ({ state: n.key, screens: n.tags.filter((t) => t !== "busy") }));
      expect(screens.filter((s) => s.screens.length !== 1)).toEqual([]);
    },
  );
});
