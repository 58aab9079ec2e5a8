import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { KEY, renderWithWebOpen, standardBackend } from "./harness.js";

afterEach(() => cleanup());

// The fake cluster's context is kind-dev.
const protectedDev = { safety: { protectedContexts: ["kind-*"], readonlyContexts: [] } };
const readonlyDev = { safety: { protectedContexts: [], readonlyContexts: ["*-dev"] } };

describe("safety per context from the config file", () => {
  it("a protected context shows a banner and takes the release name, typed, as the confirmation", async () => {
    const app = await renderWithWebOpen(standardBackend(), protectedDev);
    expect(app.frame().split("\n")[0]).toContain("PROTECTED CONTEXT");
    await app.press("g", "r");
    await app.waitFor("this writes revision 4");
    await app.press(KEY.enter);
    await app.waitFor("type the release name (web) to confirm");
    await app.press("y", KEY.enter); // y is a letter of the name here, not Yes
    await app.waitFor("› y");
    await app.press(KEY.backspace, "w", "e", "x", KEY.enter);
    await app.waitFor("› wex");
    expect(app.backend.count("executeRollback")).toBe(0);
    await app.press(KEY.backspace, "b", KEY.enter);
    await app.waitFor("Rolled back");
    expect(app.backend.count("executeRollback")).toBe(1);
  });

  it("a protected context's recover asks for the name too; Esc goes back without a change", async () => {
    const backend = standardBackend();
    backend.release({ name: "web", namespace: "prod" })!.revisions[2]!.status = "pending-upgrade";
    const app = await renderWithWebOpen(backend, protectedDev);
    await app.press(":");
    await app.press(..."recover".split(""), KEY.enter);
    await app.waitFor("type the release name (web) to confirm");
    await app.press("y");
    expect(app.backend.count("recover")).toBe(0);
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes("type the release name"));
    expect(app.backend.count("recover")).toBe(0);
  });

  it("a read-only context hides and refuses changes, as --readonly", async () => {
    const app = await renderWithWebOpen(standardBackend(), readonlyDev);
    expect(app.frame().split("\n")[0]).toContain("READ-ONLY CONTEXT");
    expect(app.frame().split("\n").at(-1)).not.toContain("rollback");
    await app.press("g", "r", "u");
    expect(app.frame()).not.toContain("Roll back prod/web");
    expect(app.backend.count("planRollback")).toBe(0);
  });

  it("other contexts are as before", async () => {
    const app = await renderWithWebOpen(standardBackend(), {
      safety: { protectedContexts: ["prod-*"], readonlyContexts: [] },
    });
    expect(app.frame()).not.toMatch(/PROTECTED|READ-ONLY/);
    await app.press("g", "r");
    await app.waitFor("this writes revision 4");
    await app.press(KEY.enter);
    await app.waitFor("[ No ]");
  });
});
