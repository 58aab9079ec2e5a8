import { describe, expect, it } from "vitest";
import { WheelhouseError } from "../../../src/errors.js";
import { releaseUnderCursor, revisionUnderCursor } from "../../../src/state/selectors.js";
import { FakeBackend, standardBackend, startApp, startWithWebOpen } from "./harness.js";

describe("app machine: loading and browsing", () => {
  it("loads cluster, namespaces and the context namespace's releases, then watches them", async () => {
    const { backend, until, actor } = await startApp();
    await until((s) => s.matches({ app: { list: "ready" } }));
    const ctx = actor.getSnapshot().context;
    expect(ctx.cluster?.context).toBe("kind-dev");
    expect(ctx.scope).toEqual({ namespace: "prod" });
    expect(ctx.releases.map((r) => r.name)).toEqual(["api", "web"]);
    expect(backend.lastCall("watchReleases")).toEqual([{ namespace: "prod" }]);
    expect(backend.watcherCount()).toBe(1);
  });

  it("opens on all namespaces with -A and on the given namespace with -n", async () => {
    const all = await startApp(standardBackend(), { allNamespaces: true });
    await all.until((s) => s.matches({ app: { list: "ready" } }));
    expect(all.actor.getSnapshot().context.releases).toHaveLength(3);
    const one = await startApp(standardBackend(), { namespace: "staging" });
    await one.until((s) => s.matches({ app: { list: "ready" } }));
    expect(one.actor.getSnapshot().context.releases.map((r) => r.name)).toEqual(["db"]);
  });

  it("shows a failed start with the error and retries it", async () => {
    const backend = standardBackend().fail(
      "cluster",
      new WheelhouseError("kube", "cannot reach the API server", { hint: "check --context" }),
    );
    const { actor, until } = await startApp(backend);
    await until((s) => s.matches("bootFailed"));
    expect(actor.getSnapshot().context.bootError).toMatchObject({
      message: "cannot reach the API server",
      hint: "check --context",
    });
    backend.succeed("cluster");
    actor.send({ type: "RETRY" });
    await until((s) => s.matches({ app: { list: "ready" } }));
  });

  it("keeps a failed release list as an error and retries it", async () => {
    const backend = standardBackend().fail("releases", new Error("forbidden: secrets"));
    const { actor, until } = await startApp(backend);
    await until((s) => s.matches({ app: { list: "failed" } }));
    expect(actor.getSnapshot().context.listError?.message).toBe("forbidden: secrets");
    backend.succeed("releases");
    actor.send({ type: "RETRY" });
    await until((s) => s.matches({ app: { list: "ready" } }));
    expect(actor.getSnapshot().context.releases).toHaveLength(2);
  });

  it("reloads the list when the watch reports a change", async () => {
    const { backend, until } = await startApp();
    await until((s) => s.matches({ app: { list: "ready" } }));
    backend.releasesByKey.set("prod/new", { name: "new", namespace: "prod", revisions: [] });
    backend
      .release({ name: "new", namespace: "prod" })!
      .revisions.push(...standardBackend().release({ name: "api", namespace: "prod" })!.revisions);
    backend.emitChange();
    await until((s) => s.context.releases.length === 3 && s.matches({ app: { list: "ready" } }));
    expect(backend.count("releases")).toBe(2);
  });

  it("refreshes again when a change arrives during a refresh", async () => {
    const { actor, backend, until } = await startApp();
    await until((s) => s.matches({ app: { list: "ready" } }));
    backend.hold("releases");
    actor.send({ type: "REFRESH" });
    backend.emitChange();
    backend.resolve("releases");
    await until((s) => s.matches({ app: { list: "ready" } }) && backend.count("releases") === 3);
  });

  it("switches scope, stops the old watch and starts one for the new scope", async () => {
    const { actor, backend, until } = await startApp();
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "SCOPE.SET", namespace: "staging" });
    await until((s) => s.matches({ app: { list: "ready" } }) && s.context.releases.length === 1);
    expect(backend.watcherCount()).toBe(1);
    expect(backend.lastCall("watchReleases")).toEqual([{ namespace: "staging" }]);
    actor.send({ type: "SCOPE.SET" });
    await until((s) => s.matches({ app: { list: "ready" } }) && s.context.releases.length === 3);
    expect(actor.getSnapshot().context.scope).toEqual({});
  });

  it("scopes to the namespace picked in the namespaces pane", async () => {
    const { actor, until } = await startApp();
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "FOCUS.SET", pane: "namespaces" });
    actor.send({ type: "MOVE.TO", position: "last" });
    actor.send({ type: "OPEN" });
    await until(
      (s) => s.matches({ app: { list: "ready" } }) && s.context.scope.namespace === "staging",
    );
    expect(actor.getSnapshot().context.focus).toBe("releases");
  });

  it("moves the cursor within bounds and filters the focused list", async () => {
    const { actor, until } = await startApp(standardBackend(), { allNamespaces: true });
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "MOVE", delta: 10 });
    expect(releaseUnderCursor(actor.getSnapshot().context)?.name).toBe("db");
    actor.send({ type: "MOVE", delta: -10 });
    expect(releaseUnderCursor(actor.getSnapshot().context)?.name).toBe("api");
    actor.send({ type: "FILTER.SET", text: "stag" });
    expect(releaseUnderCursor(actor.getSnapshot().context)?.name).toBe("db");
  });

  it("opens a release: loads its history with the deployed revision under the cursor and its status", async () => {
    const { actor, backend } = await startWithWebOpen();
    const ctx = actor.getSnapshot().context;
    expect(ctx.selected).toEqual({ name: "web", namespace: "prod" });
    expect(ctx.focus).toBe("history");
    expect(revisionUnderCursor(ctx)?.revision).toBe(3);
    expect(ctx.detail?.view).toBe("status");
    expect(backend.lastCall("resources")).toEqual([{ name: "web", namespace: "prod" }]);
  });

  it("reloads the open release's history when the watch reports a change", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    const web = backend.release({ name: "web", namespace: "prod" })!;
    web.revisions.push({ ...web.revisions[2]!, revision: 4, status: "failed" });
    backend.emitChange();
    await until((s) => s.context.revisions.length === 4);
    expect(revisionUnderCursor(actor.getSnapshot().context)?.revision).toBe(3);
  });

  it("shows a history failure and retries it", async () => {
    const backend = standardBackend().fail("history");
    const { actor, until } = await startApp(backend);
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "MOVE", delta: 1 });
    actor.send({ type: "OPEN" });
    await until((s) => s.matches({ app: { revisions: "failed" } }));
    backend.succeed("history");
    actor.send({ type: "RETRY" });
    await until((s) => s.matches({ app: { revisions: "ready" } }));
  });

  it.each([
    ["manifest", "revision"],
    ["values", "revision"],
    ["notes", "revision"],
    ["status", "resources"],
  ] as const)("opens the %s view of the revision under the cursor", async (view, method) => {
    const { actor, backend, until } = await startWithWebOpen();
    actor.send({ type: "MOVE", delta: -1 });
    actor.send({ type: "VIEW.OPEN", view });
    await until((s) => s.matches({ app: { detail: "shown" } }) && s.context.detail?.view === view);
    if (method === "revision") {
      expect(backend.lastCall("revision")).toEqual([{ name: "web", namespace: "prod" }, 2]);
    } else {
      expect(backend.count("resources")).toBe(2);
    }
  });

  it("reloads live status on refresh but not a revision's manifest", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    actor.send({ type: "REFRESH" });
    await until(() => backend.count("resources") === 2);
    actor.send({ type: "VIEW.OPEN", view: "manifest" });
    await until((s) => s.context.detail?.view === "manifest");
    actor.send({ type: "REFRESH" });
    await until((s) => s.matches({ app: { list: "ready", revisions: "ready" } }));
    expect(backend.count("revision")).toBe(1);
  });

  it("shows a detail failure and retries it", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    backend.fail("revision");
    actor.send({ type: "VIEW.OPEN", view: "manifest" });
    await until((s) => s.matches({ app: { detail: "failed" } }));
    expect(actor.getSnapshot().context.detailError?.message).toBe("revision failed");
    backend.succeed("revision");
    actor.send({ type: "RETRY" });
    await until((s) => s.matches({ app: { detail: "shown" } }));
  });

  it("diffs the two marked revisions in ascending order", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    actor.send({ type: "MARK" });
    actor.send({ type: "MOVE.TO", position: "first" });
    actor.send({ type: "VIEW.OPEN", view: "diff" });
    await until((s) => s.context.detail?.view === "diff");
    expect(backend.lastCall("diffRevisions")).toEqual([{ name: "web", namespace: "prod" }, 1, 3]);
  });

  it("diffs the deployed revision against the one under the cursor", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    actor.send({ type: "MOVE", delta: -1 });
    actor.send({ type: "VIEW.OPEN", view: "diff" });
    await until((s) => s.context.detail?.view === "diff");
    expect(backend.lastCall("diffRevisions")).toEqual([{ name: "web", namespace: "prod" }, 3, 2]);
  });

  it("explains instead of diffing the deployed revision against itself", async () => {
    const { actor, backend } = await startWithWebOpen();
    actor.send({ type: "VIEW.OPEN", view: "diff" });
    expect(actor.getSnapshot().context.notice).toMatch(/deployed revision/);
    expect(backend.count("diffRevisions")).toBe(0);
  });

  it("clears a mark with Esc, then walks focus back", async () => {
    const { actor } = await startWithWebOpen();
    actor.send({ type: "MARK" });
    expect(actor.getSnapshot().context.marked).toBe(3);
    actor.send({ type: "BACK" });
    expect(actor.getSnapshot().context.marked).toBeUndefined();
    actor.send({ type: "BACK" });
    expect(actor.getSnapshot().context.focus).toBe("releases");
  });

  it("focuses a diff when it opens, and steps back to the history with cursor and mark kept", async () => {
    const { actor, until } = await startWithWebOpen();
    actor.send({ type: "MOVE.TO", position: "first" });
    actor.send({ type: "MARK" });
    actor.send({ type: "MOVE", delta: 1 });
    actor.send({ type: "VIEW.OPEN", view: "diff" });
    await until((s) => s.context.detail?.view === "diff");
    expect(actor.getSnapshot().context.focus).toBe("detail");
    actor.send({ type: "BACK" });
    const { focus, marked, cursors } = actor.getSnapshot().context;
    expect({ focus, marked, history: cursors.history }).toEqual({
      focus: "history",
      marked: 1,
      history: 1,
    });
  });

  it("ignores Enter in an empty history instead of loading nothing", async () => {
    const { actor, backend, until } = await startApp();
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "FOCUS.SET", pane: "history" });
    actor.send({ type: "OPEN" });
    expect(actor.getSnapshot().matches({ app: { detail: "closed" } })).toBe(true);
    expect(backend.count("revision")).toBe(0);
  });

  it("opens the manifest of the revision under the cursor with Enter in the history", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    actor.send({ type: "MOVE", delta: -1 });
    actor.send({ type: "OPEN" });
    await until((s) => s.context.detail?.view === "manifest");
    expect(backend.lastCall("revision")).toEqual([{ name: "web", namespace: "prod" }, 2]);
    expect(actor.getSnapshot().context.focus).toBe("detail");
  });

  it("cycles focus through the panes", async () => {
    const { actor, until } = await startApp();
    await until((s) => s.matches("app"));
    const seen = [];
    for (let i = 0; i < 4; i++) {
      actor.send({ type: "FOCUS.NEXT" });
      seen.push(actor.getSnapshot().context.focus);
    }
    expect(seen).toEqual(["history", "detail", "namespaces", "releases"]);
    actor.send({ type: "FOCUS.PREV" });
    expect(actor.getSnapshot().context.focus).toBe("namespaces");
  });

  it("quits at once when nothing is running", async () => {
    const { actor, until } = await startApp();
    await until((s) => s.matches("app"));
    actor.send({ type: "QUIT" });
    expect(actor.getSnapshot().status).toBe("done");
  });

  it("marks namespaces forbidden instead of listing none", async () => {
    const backend = new FakeBackend([]);
    backend.forbiddenNamespaces = true;
    const { actor, until } = await startApp(backend);
    await until((s) => s.matches({ app: { list: "ready" } }));
    expect(actor.getSnapshot().context.namespaces?.forbidden).toBe(true);
  });
});
