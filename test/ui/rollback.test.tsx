import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { KEY, renderWithWebOpen, standardBackend } from "./harness.js";

afterEach(() => cleanup());

const web = { name: "web", namespace: "prod" };

/** Opens prod/web, moves to revision 1 and presses r; waits for the diff review. */
async function toReview() {
  const app = await renderWithWebOpen();
  await app.press("g", "r");
  await app.waitFor("Roll back prod/web to revision 1");
  await app.waitFor("this writes revision 4");
  return app;
}

describe("rollback flow", () => {
  it("shows the diff from the deployed revision to the target before anything changes", async () => {
    const app = await toReview();
    const frame = app.frame();
    expect(frame).toContain("-   replicas: 3");
    expect(frame).toContain("+   replicas: 1");
    expect(app.backend.lastCall("planRollback")).toEqual([web, 1]);
    expect(app.backend.count("executeRollback")).toBe(0);
  });

  it("asks for confirmation defaulting to No: Enter alone goes back to the review", async () => {
    const app = await toReview();
    await app.press(KEY.enter);
    const dialog = await app.waitFor("Roll back prod/web to revision 1 with server-side apply?");
    expect(dialog).toContain("[ No ]");
    await app.press(KEY.enter);
    await app.waitFor((f) => !f.includes("[ No ]"));
    expect(app.backend.count("executeRollback")).toBe(0);
  });

  it("names the apply method in the question: client-side for a release helm 3 applied", async () => {
    const backend = standardBackend();
    backend.releasesByKey.get("prod/web")!.applyMethod = "csa";
    const app = await renderWithWebOpen(backend);
    await app.press("g", "r");
    await app.waitFor("this writes revision 4");
    await app.press(KEY.enter);
    await app.waitFor("Roll back prod/web to revision 1 with client-side apply, as helm 3?");
  });

  it("rolls back on y, shows the result, then selects the new revision", async () => {
    const app = await toReview();
    await app.press(KEY.enter, "y");
    await app.waitFor("Rolled back: revision 4 is deployed");
    expect(app.backend.lastCall("executeRollback")?.[0]).toMatchObject({ release: web, target: 1 });
    await app.press(KEY.enter);
    const frame = await app.waitFor(/●\s+4 deployed/);
    expect(frame).toMatch(/3 superseded/);
  });

  it("rolls back when the highlighted answer is moved to Yes and Enter is pressed", async () => {
    const app = await toReview();
    await app.press(KEY.enter, KEY.right);
    await app.waitFor("[ Yes ]");
    await app.press(KEY.enter);
    await app.waitFor("Rolled back: revision 4 is deployed");
  });

  it("shows progress and a spinner while applying, and keeps the keyboard", async () => {
    const app = await toReview();
    app.backend.hold("executeRollback");
    await app.press(KEY.enter, "y");
    await app.waitFor("Rolling back…");
    await app.press(KEY.escape);
    expect(app.frame()).toContain("Rolling back…");
    app.backend.resolve("executeRollback");
    await app.waitFor("Rolled back");
  });

  it("cancels with Esc from the review; Esc on the confirmation answers no", async () => {
    const app = await toReview();
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes("Roll back prod/web") && f.includes("History prod/web"));
    await app.press("r");
    await app.waitFor("this writes revision 4");
    await app.press(KEY.enter);
    await app.waitFor("[ No ]");
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes("[ No ]") && f.includes("this writes revision 4"));
    await app.press(KEY.escape);
    await app.waitFor((f) => !f.includes("Roll back prod/web"));
    expect(app.backend.count("executeRollback")).toBe(0);
  });

  it("shows a failed rollback with its message and retries with R", async () => {
    const app = await renderWithWebOpen();
    app.backend.fail("planRollback", new Error("revision 1 is unreadable: bad gzip"));
    await app.press("g", "r");
    const frame = await app.waitFor("Rollback failed");
    expect(frame).toContain("revision 1 is unreadable: bad gzip");
    app.backend.succeed("planRollback");
    await app.press("R");
    await app.waitFor("this writes revision 4");
  });
});
