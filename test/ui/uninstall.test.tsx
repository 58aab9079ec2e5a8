import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { KEY, renderApp, renderWithWebOpen } from "./harness.js";

afterEach(() => cleanup());

describe("uninstall flow", () => {
  it("uninstalls only after the release name is typed, then drops it from the list", async () => {
    const app = await renderWithWebOpen();
    await app.press("D");
    await app.waitFor("Type the release name to confirm");
    await app.type("we");
    await app.press(KEY.enter);
    expect(app.backend.count("uninstall")).toBe(0);
    await app.type("b");
    await app.press(KEY.enter);
    await app.waitFor("Uninstalled prod/web");
    expect(app.backend.lastCall("uninstall")).toEqual([
      { name: "web", namespace: "prod" },
      { keepHistory: false },
    ]);
    await app.waitFor((f) => !/web\s+3\s+deployed/.test(f));
  });

  it("toggles --keep-history with Tab", async () => {
    const app = await renderWithWebOpen();
    await app.press("D");
    await app.waitFor("[ ] keep history");
    await app.press(KEY.tab);
    await app.waitFor("[x] keep history");
    await app.type("web");
    await app.press(KEY.enter);
    await app.waitFor("Uninstalled prod/web (history kept)");
    expect(app.backend.lastCall("uninstall")?.[1]).toEqual({ keepHistory: true });
  });

  it("cancels with Esc", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press("D");
    await app.waitFor("Uninstall prod/api");
    await app.type("api");
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes("Uninstall prod/api"));
    expect(app.backend.count("uninstall")).toBe(0);
  });

  it("shows a failed uninstall", async () => {
    const app = await renderWithWebOpen();
    app.backend.fail("uninstall", new Error("deployments.apps is forbidden"));
    await app.press("D");
    await app.type("web");
    await app.press(KEY.enter);
    const frame = await app.waitFor("Uninstall failed");
    expect(frame).toContain("deployments.apps is forbidden");
  });
});
