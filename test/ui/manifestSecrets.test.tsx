import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { KEY, renderWithWebOpen } from "./harness.js";

afterEach(() => cleanup());

/** Opens the manifest of prod/web revision 3 (its Secret holds "correct-horse") and focuses it. */
async function openManifest() {
  const app = await renderWithWebOpen();
  app.resize(120, 60);
  await app.press("m");
  await app.waitFor("Manifest prod/web revision 3");
  await app.press(KEY.tab);
  await app.waitFor(/║Manifest prod\/web revision 3/);
  return app;
}

describe("the manifest view", () => {
  it("masks Secret values until x, and masks them again on a second x", async () => {
    const app = await openManifest();
    const masked = app.frame();
    expect(masked).toContain("kind: Secret");
    expect(masked).toContain('password: "REDACTED # (13 bytes)"');
    expect(masked).toContain("secrets masked (x)");
    expect(masked).not.toContain("correct-horse");
    expect(app.frames.some((f) => f.includes("correct-horse"))).toBe(false);

    await app.press("x");
    const shown = await app.waitFor("correct-horse");
    expect(shown).toContain("SECRETS SHOWN (x)");
    await app.press("x");
    await app.waitFor((f) => f.includes("secrets masked (x)") && !f.includes("correct-horse"));
  });

  it("masks Secret values again when another revision's manifest opens", async () => {
    const app = await openManifest();
    await app.press("x");
    await app.waitFor("correct-horse");
    await app.press("h", "k", "k", "m");
    await app.waitFor("Manifest prod/web revision 1");
    expect(app.frames.filter((f) => f.includes("hunter2"))).toEqual([]);
    expect(app.frame()).toContain("secrets masked (x)");
  });

  it("lists x in the help of the manifest view", async () => {
    const app = await openManifest();
    await app.press("?");
    await app.waitFor("Show or mask Secret values");
  });
});
