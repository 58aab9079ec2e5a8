import { describe, expect, it } from "vitest";
import { revisionUnderCursor } from "../../../src/state/selectors.js";
import { flowContext, inFlow, standardBackend, startApp, startWithWebOpen } from "./harness.js";

const web = { name: "web", namespace: "prod" };

describe("app machine: rollback flow", () => {
  it("plans, reviews, confirms and applies a rollback, then selects the new revision", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    actor.send({ type: "MOVE.TO", position: "first" });
    actor.send({ type: "ROLLBACK.START" });
    await until((s) => inFlow(s, "rollback", "review"));
    expect(backend.lastCall("planRollback")).toEqual([web, 1]);
    expect(flowContext(actor.getSnapshot(), "rollback")?.plan?.revision).toBe(4);
    actor.send({ type: "NEXT" });
    expect(inFlow(actor.getSnapshot(), "rollback", "confirm")).toBe(true);
    actor.send({ type: "CONFIRM" });
    await until((s) => inFlow(s, "rollback", "result"));
    expect(backend.count("executeRollback")).toBe(1);
    expect(flowContext(actor.getSnapshot(), "rollback")?.progress).toHaveLength(1);
    await until(
      (s) => s.matches({ app: { revisions: "ready" } }) && s.context.revisions.length === 4,
    );
    expect(revisionUnderCursor(actor.getSnapshot().context)?.revision).toBe(4);
    actor.send({ type: "DISMISS" });
    expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
    expect(flowContext(actor.getSnapshot(), "rollback")).toBeUndefined();
  });

  it("cancels with Esc while planning, reviewing and confirming without applying", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    backend.hold("planRollback");
    actor.send({ type: "ROLLBACK.START" });
    expect(inFlow(actor.getSnapshot(), "rollback", "planning")).toBe(true);
    actor.send({ type: "CANCEL" });
    expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
    backend.resolve("planRollback");
    for (const steps of [[], ["NEXT"]] as const) {
      actor.send({ type: "ROLLBACK.START" });
      await until((s) => inFlow(s, "rollback", "review"));
      for (const step of steps) actor.send({ type: step });
      actor.send({ type: "CANCEL" });
      expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
    }
    expect(backend.count("executeRollback")).toBe(0);
  });

  it("goes back to the review when the confirmation is answered no", async () => {
    const { actor, until } = await startWithWebOpen();
    actor.send({ type: "ROLLBACK.START" });
    await until((s) => inFlow(s, "rollback", "review"));
    actor.send({ type: "NEXT" });
    actor.send({ type: "DENY" });
    expect(inFlow(actor.getSnapshot(), "rollback", "review")).toBe(true);
  });

  it("shows a planning failure and retries it", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    backend.fail("planRollback", new Error("revision 1 is unreadable"));
    actor.send({ type: "ROLLBACK.START" });
    await until((s) => inFlow(s, "rollback", "failed"));
    expect(flowContext(actor.getSnapshot(), "rollback")?.error?.message).toBe(
      "revision 1 is unreadable",
    );
    backend.succeed("planRollback");
    actor.send({ type: "RETRY" });
    await until((s) => inFlow(s, "rollback", "review"));
  });

  it("shows an apply failure and refreshes what changed", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    backend.fail("executeRollback", new Error("timed out waiting for Deployment prod/web"));
    actor.send({ type: "ROLLBACK.START" });
    await until((s) => inFlow(s, "rollback", "review"));
    actor.send({ type: "CONFIRM" });
    actor.send({ type: "CONFIRM" });
    await until((s) => inFlow(s, "rollback", "failed"));
    expect(flowContext(actor.getSnapshot(), "rollback")?.error?.message).toMatch(/timed out/);
    expect(backend.count("history")).toBe(2);
    actor.send({ type: "CANCEL" });
    expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
  });

  it("ignores Esc while applying and asks before quitting", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    backend.hold("executeRollback");
    actor.send({ type: "ROLLBACK.START" });
    await until((s) => inFlow(s, "rollback", "review"));
    actor.send({ type: "NEXT" });
    actor.send({ type: "CONFIRM" });
    actor.send({ type: "CANCEL" });
    expect(inFlow(actor.getSnapshot(), "rollback", "applying")).toBe(true);
    actor.send({ type: "QUIT" });
    expect(actor.getSnapshot().matches({ app: { quit: "asking" } })).toBe(true);
    actor.send({ type: "QUIT.CANCEL" });
    expect(actor.getSnapshot().matches({ app: { quit: "idle" } })).toBe(true);
    actor.send({ type: "QUIT" });
    actor.send({ type: "QUIT.CONFIRM" });
    expect(actor.getSnapshot().status).toBe("done");
  });

  it("refuses to start in read-only mode and says why", async () => {
    const { actor, backend } = await startWithWebOpen(standardBackend(), { readonly: true });
    for (const type of ["ROLLBACK.START", "UPGRADE.START", "UNINSTALL.START"] as const) {
      actor.send({ type });
      expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
      expect(actor.getSnapshot().context.notice).toMatch(/read-only/i);
    }
    expect(backend.count("planRollback")).toBe(0);
  });

  it("refuses a locked release at the first key, with the reason and :recover", async () => {
    const backend = standardBackend();
    backend.release({ name: "web", namespace: "prod" })!.revisions[2]!.status = "pending-upgrade";
    const { actor } = await startWithWebOpen(backend);
    actor.send({ type: "MOVE", delta: -1 });
    for (const type of ["ROLLBACK.START", "UPGRADE.START", "UNINSTALL.START"] as const) {
      actor.send({ type });
      expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
      expect(actor.getSnapshot().context.notice).toBe(
        "prod/web is locked (revision 3 pending-upgrade): :recover it if no operation is still running",
      );
    }
    expect(backend.count("planRollback")).toBe(0);
    actor.send({ type: "RECOVER.START" });
    expect(actor.getSnapshot().matches({ app: { mode: "recover" } })).toBe(true);
  });

  it("asks for a revision before rolling back when no history is open", async () => {
    const { actor, until } = await startApp();
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "ROLLBACK.START" });
    expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
    expect(actor.getSnapshot().context.notice).toMatch(/history/);
  });
});

describe("app machine: uninstall flow", () => {
  it("uninstalls only once the release name is typed, honouring keep-history", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    actor.send({ type: "UNINSTALL.START" });
    expect(inFlow(actor.getSnapshot(), "uninstall", "confirm")).toBe(true);
    actor.send({ type: "UNINSTALL.TYPE", text: "we" });
    actor.send({ type: "CONFIRM" });
    expect(inFlow(actor.getSnapshot(), "uninstall", "confirm")).toBe(true);
    actor.send({ type: "UNINSTALL.TYPE", text: "web" });
    actor.send({ type: "UNINSTALL.TOGGLE_KEEP_HISTORY" });
    actor.send({ type: "CONFIRM" });
    await until((s) => s.matches({ app: { mode: "browse" } }));
    expect(backend.lastCall("uninstall")).toEqual([web, { keepHistory: true }]);
    expect(actor.getSnapshot().context.notice).toMatch(/Uninstalled prod\/web \(history kept\)/);
  });

  it("forgets the selection of a release uninstalled without history", async () => {
    const { actor, until } = await startWithWebOpen();
    actor.send({ type: "UNINSTALL.START" });
    actor.send({ type: "UNINSTALL.TYPE", text: "web" });
    actor.send({ type: "CONFIRM" });
    await until(
      (s) =>
        s.matches({ app: { mode: "browse", list: "ready" } }) && s.context.releases.length === 1,
    );
    const ctx = actor.getSnapshot().context;
    expect(ctx.selected).toBeUndefined();
    expect(ctx.detail).toBeUndefined();
  });

  it("cancels with Esc or n without uninstalling", async () => {
    const { actor, backend } = await startWithWebOpen();
    for (const type of ["CANCEL", "DENY"] as const) {
      actor.send({ type: "UNINSTALL.START" });
      actor.send({ type: "UNINSTALL.TYPE", text: "web" });
      actor.send({ type });
      expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
    }
    expect(backend.count("uninstall")).toBe(0);
  });

  it("shows an uninstall failure", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    backend.fail("uninstall", new Error("forbidden: delete deployments"));
    actor.send({ type: "UNINSTALL.START" });
    actor.send({ type: "UNINSTALL.TYPE", text: "web" });
    actor.send({ type: "CONFIRM" });
    await until((s) => inFlow(s, "uninstall", "failed"));
    expect(flowContext(actor.getSnapshot(), "uninstall")?.error?.message).toMatch(/forbidden/);
    actor.send({ type: "RETRY" });
    expect(inFlow(actor.getSnapshot(), "uninstall", "confirm")).toBe(true);
    expect(flowContext(actor.getSnapshot(), "uninstall")?.typed).toBe("");
    actor.send({ type: "UNINSTALL.TYPE", text: "web" });
    actor.send({ type: "CONFIRM" });
    await until((s) => inFlow(s, "uninstall", "failed"));
    actor.send({ type: "DISMISS" });
    expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
  });

  it("uninstalls the release under the cursor in the releases pane", async () => {
    const { actor, backend, until } = await startApp();
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "UNINSTALL.START" });
    expect(flowContext(actor.getSnapshot(), "uninstall")?.release).toEqual({
      name: "api",
      namespace: "prod",
    });
    actor.send({ type: "UNINSTALL.TYPE", text: "api" });
    actor.send({ type: "CONFIRM" });
    await until((s) => s.matches({ app: { mode: "browse" } }) && backend.count("uninstall") === 1);
  });
});

describe("app machine: upgrade flow", () => {
  async function toReview(values: "reuse" | "reset" = "reuse") {
    const app = await startWithWebOpen();
    app.actor.send({ type: "UPGRADE.START" });
    app.actor.send({ type: "UPGRADE.CHART", chart: " ./charts/web " });
    app.actor.send({ type: "NEXT" });
    app.actor.send({ type: "UPGRADE.VALUES", values: { mode: values } });
    await app.until((s) => inFlow(s, "upgrade", "review"));
    return app;
  }

  it("plans with the chosen chart and values, confirms, applies and shows the NOTES", async () => {
    const { actor, backend, until } = await toReview("reset");
    expect(backend.lastCall("planUpgrade")).toEqual([
      { release: web, chart: "./charts/web", values: { mode: "reset" } },
    ]);
    actor.send({ type: "NEXT" });
    actor.send({ type: "CONFIRM" });
    await until((s) => inFlow(s, "upgrade", "result"));
    expect(flowContext(actor.getSnapshot(), "upgrade")?.result?.notes).toBe(
      "upgraded to ./charts/web",
    );
    await until((s) => s.context.revisions.length === 4);
    expect(revisionUnderCursor(actor.getSnapshot().context)?.revision).toBe(4);
  });

  it("does not leave the chart step without a chart", async () => {
    const { actor } = await startWithWebOpen();
    actor.send({ type: "UPGRADE.START" });
    actor.send({ type: "NEXT" });
    expect(inFlow(actor.getSnapshot(), "upgrade", "chart")).toBe(true);
  });

  it.each(["chart", "values", "review", "confirm"] as const)(
    "cancels with Esc at the %s step without upgrading",
    async (step) => {
      const { actor, backend, until } = await startWithWebOpen();
      actor.send({ type: "UPGRADE.START" });
      actor.send({ type: "UPGRADE.CHART", chart: "./web" });
      if (step !== "chart") actor.send({ type: "NEXT" });
      if (step === "review" || step === "confirm") {
        actor.send({ type: "UPGRADE.VALUES", values: { mode: "reuse" } });
        await until((s) => inFlow(s, "upgrade", "review"));
      }
      if (step === "confirm") actor.send({ type: "NEXT" });
      expect(inFlow(actor.getSnapshot(), "upgrade", step)).toBe(true);
      actor.send({ type: "CANCEL" });
      expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
      expect(backend.count("executeUpgrade")).toBe(0);
    },
  );

  it("shows a render failure and retries it", async () => {
    const { actor, backend, until } = await startWithWebOpen();
    backend.fail("planUpgrade", new Error("templates/deploy.yaml:3: unknown function"));
    actor.send({ type: "UPGRADE.START" });
    actor.send({ type: "UPGRADE.CHART", chart: "./web" });
    actor.send({ type: "NEXT" });
    actor.send({ type: "UPGRADE.VALUES", values: { mode: "reuse" } });
    await until((s) => inFlow(s, "upgrade", "failed"));
    expect(flowContext(actor.getSnapshot(), "upgrade")?.error?.message).toMatch(/unknown function/);
    backend.succeed("planUpgrade");
    actor.send({ type: "RETRY" });
    await until((s) => inFlow(s, "upgrade", "review"));
  });

  it("shows an apply failure", async () => {
    const { actor, backend, until } = await toReview();
    backend.fail("executeUpgrade");
    actor.send({ type: "CONFIRM" });
    actor.send({ type: "CONFIRM" });
    await until((s) => inFlow(s, "upgrade", "failed"));
    actor.send({ type: "DISMISS" });
    expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
  });

  it("cancels the planning step with Esc", async () => {
    const { actor, backend } = await startWithWebOpen();
    backend.hold("planUpgrade");
    actor.send({ type: "UPGRADE.START" });
    actor.send({ type: "UPGRADE.CHART", chart: "./web" });
    actor.send({ type: "NEXT" });
    actor.send({ type: "UPGRADE.VALUES", values: { mode: "reuse" } });
    actor.send({ type: "CANCEL" });
    expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
    backend.resolve("planUpgrade");
  });
});

describe("app machine: upgrade with edited values", () => {
  async function toValuesWith(editor?: (initial: string) => Promise<string | undefined>) {
    const backend = standardBackend();
    backend.clusterInfo.namespace = "prod";
    const { createActor, waitFor } = await import("xstate");
    const { appMachine } = await import("../../../src/state/appMachine.js");
    const actor = createActor(appMachine, {
      input: { backend, options: { readonly: false }, ...(editor ? { editor } : {}) },
    }).start();
    const until = (p: (s: ReturnType<typeof actor.getSnapshot>) => boolean) =>
      waitFor(actor, p, { timeout: 2000 });
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "UPGRADE.START" });
    actor.send({ type: "UPGRADE.CHART", chart: "./web" });
    actor.send({ type: "NEXT" });
    return { actor, backend, until };
  }

  it("opens the current values in the editor and plans with what was saved", async () => {
    const seen: string[] = [];
    const { actor, backend, until } = await toValuesWith(async (initial) => {
      seen.push(initial);
      return "replicas: 5\n";
    });
    actor.send({ type: "UPGRADE.EDIT" });
    await until((s) => inFlow(s, "upgrade", "review"));
    expect(seen).toEqual(["replicas: 1\n"]);
    expect(backend.lastCall("planUpgrade")?.[0]).toMatchObject({
      values: { mode: "edited", yaml: "replicas: 5\n" },
    });
  });

  it("goes back to the values step when the saved file is empty", async () => {
    const { actor, until } = await toValuesWith(async () => "  \n");
    actor.send({ type: "UPGRADE.EDIT" });
    await until((s) => inFlow(s, "upgrade", "values") && !!s.context.notice);
    expect(actor.getSnapshot().context.notice).toMatch(/cancelled/);
  });

  it("goes back to the values step with the reason when the editor fails", async () => {
    const { actor, until } = await toValuesWith(async () => {
      throw new Error("vim exited with 1");
    });
    actor.send({ type: "UPGRADE.EDIT" });
    await until((s) => inFlow(s, "upgrade", "values") && !!s.context.notice);
    expect(actor.getSnapshot().context.notice).toMatch(/vim exited with 1/);
  });

  it("says so when there is no editor", async () => {
    const { actor } = await toValuesWith();
    actor.send({ type: "UPGRADE.EDIT" });
    expect(inFlow(actor.getSnapshot(), "upgrade", "values")).toBe(true);
    expect(actor.getSnapshot().context.notice).toMatch(/\$EDITOR/);
  });
});

describe("app machine: recover flow", () => {
  function stuckBackend() {
    const backend = standardBackend();
    backend.release({ name: "api", namespace: "prod" })!.revisions[0]!.status = "pending-upgrade";
    return backend;
  }

  it("marks a stuck pending release failed after confirmation and refreshes", async () => {
    const { actor, backend, until } = await startApp(stuckBackend());
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "RECOVER.START" });
    expect(inFlow(actor.getSnapshot(), "recover", "confirm")).toBe(true);
    actor.send({ type: "CONFIRM" });
    await until((s) => s.matches({ app: { mode: "browse" } }));
    expect(backend.lastCall("recover")).toEqual([{ name: "api", namespace: "prod" }]);
    expect(actor.getSnapshot().context.notice).toMatch(/pending-upgrade revision is now failed/);
    await until((s) => s.context.releases.find((r) => r.name === "api")?.status === "failed");
  });

  it("refuses a release that is not pending", async () => {
    const { actor, until } = await startApp();
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "RECOVER.START" });
    expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
    expect(actor.getSnapshot().context.notice).toMatch(/pending/);
  });

  it("cancels on no, and shows a failure that can be retried", async () => {
    const backend = stuckBackend();
    const { actor, until } = await startApp(backend);
    await until((s) => s.matches({ app: { list: "ready" } }));
    actor.send({ type: "RECOVER.START" });
    actor.send({ type: "DENY" });
    expect(actor.getSnapshot().matches({ app: { mode: "browse" } })).toBe(true);
    backend.fail("recover", new Error("release is locked by a running operation"));
    actor.send({ type: "RECOVER.START" });
    actor.send({ type: "CONFIRM" });
    await until((s) => inFlow(s, "recover", "failed"));
    expect(flowContext(actor.getSnapshot(), "recover")?.error?.message).toMatch(/locked/);
    actor.send({ type: "RETRY" });
    expect(inFlow(actor.getSnapshot(), "recover", "confirm")).toBe(true);
  });
});
