import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { KEY, renderApp, renderWithWebOpen } from "./harness.js";

afterEach(() => cleanup());

async function applyingRollback() {
  const app = await renderWithWebOpen();
  app.backend.hold("executeRollback");
  await app.press("g", "r");
  await app.waitFor("this writes revision 4");
  await app.press(KEY.enter, "y");
  await app.waitFor("Rolling back…");
  return app;
}

describe("quitting", () => {
  it("quits with q when nothing is running", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press("q");
    expect(app.quit.called).toBe(true);
  });

  it("quits with :q", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press(":", "q");
    expect(app.quit.called).toBe(false);
    await app.press(KEY.enter);
    expect(app.quit.called).toBe(true);
  });

  it("asks before quitting while an operation runs, and stays on n", async () => {
    const app = await applyingRollback();
    await app.press("q");
    const frame = await app.waitFor("An operation is running. Quit anyway?");
    expect(frame).toContain("[ No ]");
    await app.press("n");
    await app.waitFor((f) => !f.includes("Quit anyway?") && f.includes("Rolling back…"));
    expect(app.quit.called).toBe(false);
    app.backend.resolve("executeRollback");
    await app.waitFor("Rolled back");
  });

  it("Enter on the quit question keeps running (defaults to no); y quits", async () => {
    const app = await applyingRollback();
    await app.press("q");
    await app.waitFor("Quit anyway?");
    await app.press(KEY.enter);
    await app.waitFor((f) => !f.includes("Quit anyway?"));
    expect(app.quit.called).toBe(false);
    await app.press("q");
    await app.waitFor("Quit anyway?");
    await app.press("y");
    expect(app.quit.called).toBe(true);
    app.backend.resolve("executeRollback");
  });
});

describe("Ctrl-C", () => {
  it("quits at once when nothing is running", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press(KEY.ctrlC);
    expect(app.quit.called).toBe(true);
  });

  it("asks while an operation runs, and a second Ctrl-C quits", async () => {
    const app = await applyingRollback();
    await app.press(KEY.ctrlC);
    await app.waitFor("Quit anyway?");
    expect(app.quit.called).toBe(false);
    await app.press(KEY.ctrlC);
    expect(app.quit.called).toBe(true);
    app.backend.resolve("executeRollback");
  });

  it("quits from a text input too", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press("/", KEY.ctrlC);
    expect(app.quit.called).toBe(true);
  });
});

describe("the quit question", () => {
  it("is withdrawn when the operation it is about finishes", async () => {
    const app = await applyingRollback();
    await app.press("q");
    await app.waitFor("An operation is running. Quit anyway?");
    app.backend.resolve("executeRollback");
    const frame = await app.waitFor("Rolled back");
    expect(frame).not.toContain("An operation is running");
    expect(app.quit.called).toBe(false);
    await app.press(KEY.escape, "q");
    expect(app.quit.called).toBe(true);
  });
});

describe("quitting during an operation", () => {
  it("lets the operation's last progress reports go quietly once the flow has stopped", async () => {
    const warnings: string[] = [];
    const spies = (["warn", "error"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        warnings.push(args.map(String).join(" "));
      }),
    );
    try {
      const app = await applyingRollback();
      await app.press("q");
      await app.waitFor("Quit anyway?");
      await app.press("y");
      expect(app.quit.called).toBe(true);
      app.backend.resolve("executeRollback"); // the engine finishes and reports its last steps
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(warnings).toEqual([]);
  });
});
