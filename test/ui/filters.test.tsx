import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { KEY, renderApp, renderWithWebOpen, standardBackend } from "./harness.js";

afterEach(() => cleanup());

describe("an applied filter", () => {
  it("is cleared by Esc, the cursor staying on its row", async () => {
    const app = await renderApp(standardBackend(), { allNamespaces: true });
    await app.waitFor("web-1.2.0");
    await app.press("/");
    await app.type("stag");
    await app.press(KEY.enter); // applied: the filter line closes, the filter stays
    const applied = await app.waitFor((f) => f.includes("Releases /stag") && !/web\s+prod/.test(f));
    expect(applied).toMatch(/db\s+staging/);
    await app.press(KEY.escape);
    const cleared = await app.waitFor((f) => /web\s+prod/.test(f) && !f.includes("/stag"));
    expect(cleared).toMatch(/Releases/);
    await app.press("s"); // status of the row under the cursor: still db
    await app.waitFor("Status staging/db");
  });
});

describe("/ in History", () => {
  it("filters the revisions, and Esc brings them all back", async () => {
    const app = await renderWithWebOpen();
    await app.waitFor(/1\s+superseded/);
    await app.press("/");
    await app.type("deployed");
    await app.press(KEY.enter);
    const filtered = await app.waitFor("History prod/web /deployed");
    expect(filtered).toMatch(/3\s+deployed/);
    expect(filtered).not.toMatch(/\d\s+superseded/);
    await app.press("m"); // the views act on the rows shown
    await app.waitFor("Manifest prod/web revision 3");
    await app.press(KEY.tab, KEY.escape, KEY.escape); // back to History, then clear
    const all = await app.waitFor((f) => /1\s+superseded/.test(f) && !f.includes("/deployed"));
    expect(all).toMatch(/3\s+deployed/);
  });
});
