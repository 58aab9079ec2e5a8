import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { KEY, renderApp, standardBackend } from "./harness.js";

afterEach(() => cleanup());

function stuckBackend() {
  const backend = standardBackend();
  backend.release({ name: "api", namespace: "prod" })!.revisions[0]!.status = "pending-upgrade";
  return backend;
}

describe("recover flow", () => {
  it("asks with No highlighted, then marks the pending revision failed on y", async () => {
    const app = await renderApp(stuckBackend());
    await app.waitFor(/api\s+1\s+pending-upgrade/);
    await app.press(":");
    await app.type("recover");
    await app.press(KEY.enter);
    const dialog = await app.waitFor("Mark the pending-upgrade revision of prod/api failed?");
    expect(dialog).toContain("[ No ]");
    await app.press("y");
    await app.waitFor("Recovered prod/api");
    await app.waitFor(/api\s+1\s+failed/);
    expect(app.backend.lastCall("recover")).toEqual([{ name: "api", namespace: "prod" }]);
  });

  it("refuses u, r and D on a locked release at once, naming :recover", async () => {
    const app = await renderApp(stuckBackend());
    await app.waitFor(/api\s+1\s+pending-upgrade/);
    await app.press("k");
    for (const key of ["u", "D"]) {
      await app.press(key);
      const frame = await app.waitFor(
        "prod/api is locked (revision 1 pending-upgrade): :recover it if no operation is still running",
      );
      expect(frame).not.toMatch(/Upgrade prod\/api|Uninstall prod\/api/);
    }
    await app.press(KEY.enter);
    await app.waitFor("History prod/api");
    await app.press("r");
    await app.waitFor("prod/api is locked");
    expect(app.backend.count("planRollback")).toBe(0);
  });

  it("does nothing on Enter alone, which answers no", async () => {
    const app = await renderApp(stuckBackend());
    await app.waitFor("pending-upgrade");
    await app.press(":", ..."recover".split(""), KEY.enter);
    await app.waitFor("[ No ]");
    await app.press(KEY.enter);
    await app.waitFor((f) => !f.includes("Recover prod/api"));
    expect(app.backend.count("recover")).toBe(0);
  });

  it("explains that only a pending release needs recovering", async () => {
    const app = await renderApp();
    await app.waitFor("web-1.2.0");
    await app.press(":", ..."recover".split(""), KEY.enter);
    await app.waitFor("Only a release stuck in pending");
  });

  it("is refused in read-only mode", async () => {
    const app = await renderApp(stuckBackend(), { readonly: true });
    await app.waitFor("pending-upgrade");
    await app.press(":", ..."recover".split(""), KEY.enter);
    await app.waitFor("Read-only mode");
    expect(app.backend.count("recover")).toBe(0);
  });
});
