import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { FakeBackend, fakeRelease } from "../support/fakeBackend.js";
import { KEY, renderApp, renderWithWebOpen } from "./harness.js";

afterEach(() => cleanup());

/** Marks revision 3, moves to revision 1 and presses d, which focuses the diff. */
async function openDiff(app: Awaited<ReturnType<typeof renderWithWebOpen>>) {
  await app.press(KEY.space, "g", "d");
  await app.waitFor("Diff prod/web revision 1 → 3");
}

/** prod/big: a ConfigMap with 40 changed keys, then a Secret, so the diff scrolls. */
async function renderBigDiff() {
  const big = fakeRelease("big", "prod", 2);
  const keys = (v: number) =>
    Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`key${i}`, `v${v}`]));
  big.revisions[0]!.data = keys(1);
  big.revisions[1]!.data = keys(2);
  big.revisions[0]!.secret = { token: "old-token" };
  big.revisions[1]!.secret = { token: "new-token" };
  const backend = new FakeBackend([big]);
  backend.clusterInfo.namespace = "prod";
  const app = await renderApp(backend);
  await app.waitFor("web-1.1.0");
  await app.press(KEY.enter);
  await app.waitFor("History prod/big");
  await app.press("k", "d");
  await app.waitFor("Diff prod/big revision 2 → 1");
  return app;
}

describe("diff viewer", () => {
  it("diffs the two marked revisions, grouped by resource with counts", async () => {
    const app = await renderWithWebOpen();
    await openDiff(app);
    const frame = app.frame();
    expect(frame).toContain("+0 ~1 -0 · ctx 3 · unified");
    expect(frame).toContain("▸ ConfigMap prod/web-config  changed +1 -1");
    expect(frame).toContain("-   replicas: 1");
    expect(frame).toContain("+   replicas: 3");
    expect(app.backend.lastCall("diffRevisions")).toEqual([
      { name: "web", namespace: "prod" },
      1,
      3,
    ]);
  });

  it("takes the keys it shows once d opens it, and Esc returns to the history as it was", async () => {
    const app = await renderWithWebOpen();
    await openDiff(app);
    expect(app.frame()).toContain("║Diff prod/web revision 1 → 3");
    expect(app.frame().split("\n").at(-1)).toMatch(/^n next res {2}N prev res {2}x secrets/);
    await app.press("x");
    await app.waitFor("SECRETS SHOWN");
    await app.press("n");
    await app.waitFor("resource 2/2: Secret prod/web-secret");
    expect(app.frame()).not.toContain("Notes prod/web");
    await app.press(KEY.escape);
    const back = await app.waitFor("║History prod/web");
    // The cursor is still on revision 1, and 3 is still marked.
    expect(back).toMatch(/◆\s+3 deployed/);
    await app.press("r");
    await app.waitFor("Roll back prod/web to revision 1");
  });

  it("takes n while the diff is still loading, instead of opening the notes", async () => {
    const app = await renderWithWebOpen();
    app.backend.hold("diffRevisions");
    await app.press(KEY.space, "g", "d");
    await app.waitFor("Diff prod/web revision 1 → 3");
    await app.press("n");
    app.backend.resolve("diffRevisions");
    await app.waitFor("resource 1/1: ConfigMap prod/web-config");
    expect(app.frame()).not.toContain("Notes prod/web");
    expect(app.backend.count("revision")).toBe(0);
  });

  it("diffs the revision under the cursor against the deployed one", async () => {
    const app = await renderWithWebOpen();
    await app.press("k", "d");
    await app.waitFor("Diff prod/web revision 3 → 2");
    expect(app.backend.lastCall("diffRevisions")).toEqual([
      { name: "web", namespace: "prod" },
      3,
      2,
    ]);
  });

  it("keeps Secret values masked until x, and masks them again on a second x", async () => {
    const app = await renderWithWebOpen();
    await openDiff(app);
    expect(app.frame()).toContain("secrets masked (x)");
    expect(app.frame()).not.toContain("correct-horse");
    await app.press("x");
    await app.waitFor("SECRETS SHOWN");
    await app.press("G");
    await app.waitFor("correct-horse");
    await app.press("x");
    await app.waitFor((f) => f.includes("secrets masked") && !f.includes("correct-horse"));
  });

  it("masks Secret values again when another diff opens", async () => {
    const app = await renderWithWebOpen();
    await openDiff(app);
    await app.press("x");
    await app.waitFor("SECRETS SHOWN");
    await app.press("h", "j", "d");
    await app.waitFor("Diff prod/web revision 2 → 3");
    await app.waitFor((f) => f.includes("2 → 3") && f.includes("resource 1/2"));
    // No frame of the new diff ever showed the revealed value.
    expect(app.frames.filter((f) => f.includes("2 → 3") && f.includes("SECRETS SHOWN"))).toEqual(
      [],
    );
    expect(app.frame()).toContain("secrets masked (x)");
  });

  it("jumps to the next and previous resource with n and N", async () => {
    const app = await renderBigDiff();
    expect(app.frame()).toContain("▸ ConfigMap prod/big-config");
    // Masked, the two tokens look alike: only the ConfigMap differs.
    expect(app.frame()).toContain("resource 1/1: ConfigMap prod/big-config");
    await app.press("x");
    await app.waitFor("resource 1/2: ConfigMap prod/big-config");
    await app.press("n");
    const next = await app.waitFor((f) => !f.includes("▸ ConfigMap"));
    expect(next).toContain("▸ Secret prod/big-secret");
    expect(next).toContain("resource 2/2: Secret prod/big-secret");
    await app.press("N");
    await app.waitFor("▸ ConfigMap prod/big-config");
  });

  it("moves n/N and the counter through a diff that fits on one screen", async () => {
    const app = await renderWithWebOpen();
    await openDiff(app);
    await app.press("x", "[", "[", "[");
    const fits = await app.waitFor("ctx 0");
    expect(fits).toContain("▸ Secret prod/web-secret");
    expect(fits).toContain("resource 1/2: ConfigMap prod/web-config");
    await app.press("n");
    await app.waitFor("resource 2/2: Secret prod/web-secret");
    await app.press("n");
    expect(app.frame()).toContain("resource 2/2: Secret prod/web-secret");
    await app.press("N");
    await app.waitFor("resource 1/2: ConfigMap prod/web-config");
  });

  it("heads hunks as GNU diff -U0 does: the count left out when it is 1", async () => {
    const app = await renderWithWebOpen();
    await openDiff(app);
    expect(app.frame()).toContain("@@ -4,4 +4,4 @@");
    await app.press("[", "[", "[");
    const frame = await app.waitFor("ctx 0");
    expect(frame).toMatch(/@@ -7 \+7 @@\s*║\n.*║- {3}replicas: 1/);
  });

  it("scrolls with j, PgDn, PgUp, G and g", async () => {
    const app = await renderBigDiff();
    expect(app.frame()).toContain("key0: v2");
    await app.press(KEY.pageDown);
    await app.waitFor((f) => !f.includes("key0: v2"));
    await app.press(KEY.pageUp);
    await app.waitFor("key0: v2");
    await app.press("G");
    await app.waitFor((f) => f.includes("key39: v1") && !f.includes("key0: v2"));
    await app.press("g");
    await app.waitFor("▸ ConfigMap prod/big-config");
  });

  it("changes the context lines with [ and ]", async () => {
    const app = await renderWithWebOpen();
    await openDiff(app);
    expect(app.frame()).toContain("name: web-config");
    await app.press("]");
    await app.waitFor("ctx 4");
    await app.press("[", "[", "[", "[");
    const frame = await app.waitFor("ctx 0");
    expect(frame).not.toContain("name: web-config");
    expect(frame).toContain("+   replicas: 3");
  });

  it("shows side by side at 160 columns or more and toggles to unified with t", async () => {
    const app = await renderWithWebOpen();
    app.resize(170, 30);
    await openDiff(app);
    const sbs = await app.waitFor("side-by-side");
    expect(sbs).toMatch(/- {3}replicas: 1\s+│ \+ {3}replicas: 3/);
    await app.press("t");
    await app.waitFor("unified");
  });

  it("offers no side-by-side below 160 columns", async () => {
    const app = await renderWithWebOpen();
    await openDiff(app);
    await app.press("t");
    expect(app.frame()).toContain("unified");
    expect(app.frame().split("\n").at(-1)).not.toContain("side-by-side");
  });
});
