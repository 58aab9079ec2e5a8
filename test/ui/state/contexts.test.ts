import { describe, expect, it } from "vitest";
import {
  FakeBackend,
  fakeRelease,
  standardBackend,
  startApp,
  startWithWebOpen,
} from "./harness.js";

/** A kubeconfig with kind-dev (the standard backend) and staging-eu, whose cluster holds eu/shop. */
function twoContexts() {
  const dev = standardBackend();
  const staging = new FakeBackend([fakeRelease("shop", "eu", 2), fakeRelease("cart", "us", 1)]);
  staging.clusterInfo = {
    context: "staging-eu",
    server: "https://staging.example:6443",
    namespace: "eu",
    contexts: ["kind-dev", "staging-eu"],
  };
  dev.clusterInfo.contexts = ["kind-dev", "staging-eu"];
  dev.otherContexts.set("staging-eu", staging);
  return { dev, staging };
}

describe("app machine: switching kube context (:ctx)", () => {
  it("moves to the other context's cluster and namespace, leaving nothing of the old one", async () => {
    const { dev, staging } = twoContexts();
    const { actor, until } = await startWithWebOpen(dev);
    expect(dev.watcherCount()).toBe(1);

    actor.send({ type: "CONTEXT.SWITCH", name: "staging-eu" });
    await until((s) => s.matches({ app: { list: "ready" } }) && s.context.backend === staging);
    const ctx = actor.getSnapshot().context;
    expect(ctx.cluster?.context).toBe("staging-eu");
    expect(ctx.scope).toEqual({ namespace: "eu" });
    expect(ctx.releases.map((r) => r.name)).toEqual(["shop"]);
    expect(ctx.selected).toBeUndefined();
    expect(ctx.revisions).toEqual([]);
    expect(ctx.detail).toBeUndefined();
    expect(dev.watcherCount()).toBe(0);
    expect(staging.watcherCount()).toBe(1);
  });

  it("keeps showing every namespace after a switch when started with -A", async () => {
    const { dev } = twoContexts();
    const { actor, until } = await startApp(dev, { allNamespaces: true });
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "CONTEXT.SWITCH", name: "staging-eu" });
    await until(
      (s) => s.matches({ app: { list: "ready" } }) && s.context.cluster?.context === "staging-eu",
    );
    expect(
      actor
        .getSnapshot()
        .context.releases.map((r) => r.name)
        .sort(),
    ).toEqual(["cart", "shop"]);
  });

  it("refuses a context the kubeconfig does not have, without leaving the current one", async () => {
    const { dev } = twoContexts();
    const { actor, until } = await startWithWebOpen(dev);
    actor.send({ type: "CONTEXT.SWITCH", name: "prod-us" });
    const s = actor.getSnapshot();
    expect(s.context.notice).toBe(
      'No context "prod-us" in the kubeconfig (contexts: kind-dev, staging-eu)',
    );
    expect(dev.count("switchContext")).toBe(0);
    expect(s.context.selected).toEqual({ name: "web", namespace: "prod" });
    actor.send({ type: "CONTEXT.SWITCH", name: "kind-dev" });
    expect(actor.getSnapshot().context.notice).toBe("Already on that context");
    await until((s) => s.matches({ app: { list: "ready" } }));
  });

  it("stays on the current context and says why when the switch fails", async () => {
    const { dev } = twoContexts();
    dev.fail("switchContext", new Error('cannot read the credentials of context "staging-eu"'));
    const { actor, until } = await startApp(dev);
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "CONTEXT.SWITCH", name: "staging-eu" });
    await until((s) => s.matches({ app: { list: "ready" } }) && s.context.notice !== undefined);
    const ctx = actor.getSnapshot().context;
    expect(ctx.notice).toBe(
      'Cannot switch to context "staging-eu": cannot read the credentials of context "staging-eu"',
    );
    expect(ctx.backend).toBe(dev);
    expect(ctx.cluster?.context).toBe("kind-dev");
    expect(ctx.releases.map((r) => r.name)).toEqual(["api", "web"]);
  });

  it("switches away from a cluster that could not be reached at start", async () => {
    const { dev, staging } = twoContexts();
    dev.fail("cluster", new Error("cannot reach https://127.0.0.1:6443"));
    const { actor, until } = await startApp(dev);
    await until((s) => s.matches("bootFailed"));
    actor.send({ type: "CONTEXT.SWITCH", name: "staging-eu" });
    await until((s) => s.matches({ app: { list: "ready" } }));
    expect(actor.getSnapshot().context.backend).toBe(staging);
    expect(actor.getSnapshot().context.bootError).toBeUndefined();
  });

  it("goes back to the start error when switching from it fails too", async () => {
    const { dev } = twoContexts();
    dev.fail("cluster", new Error("cannot reach https://127.0.0.1:6443"));
    const { actor, until } = await startApp(dev);
    await until((s) => s.matches("bootFailed"));
    actor.send({ type: "CONTEXT.SWITCH", name: "nowhere" });
    await until((s) => s.matches("bootFailed") && s.context.notice !== undefined);
    expect(actor.getSnapshot().context.bootError?.message).toMatch(/context "nowhere" not found/);
  });
});
