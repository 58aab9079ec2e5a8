import { cleanup, render } from "ink-testing-library";
import React from "react";
import { afterEach, describe, expect, it } from "vitest";
import { App } from "../../src/ui/App.js";
import { computeLayout } from "../../src/ui/hooks/useLayout.js";
import { makeTheme, noColorRequested } from "../../src/ui/theme.js";
import { FakeBackend, manyReleases } from "../support/fakeBackend.js";
import { KEY, renderApp, renderWithWebOpen, standardBackend } from "./harness.js";

afterEach(() => cleanup());

function assertFits(frame: string, columns: number, rows: number) {
  const lines = frame.split("\n");
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
}

describe("layout", () => {
  it("fits an 80×24 terminal with every pane visible", async () => {
    const app = await renderWithWebOpen(standardBackend());
    app.resize(80, 24);
    const frame = await app.waitFor((f) => f.split("\n")[1]!.length <= 80);
    assertFits(frame, 80, 24);
    for (const pane of ["Namespaces", "Releases", "History prod/web", "Status prod/web"]) {
      expect(frame).toContain(pane);
    }
    expect(frame.split("\n").at(-1)).toMatch(/\? help {2}q quit$/);
  });

  it("reflows on resize: narrow drops the app version column, wide brings it back", async () => {
    const app = await renderApp(standardBackend(), {}, { columns: 50, rows: 24 });
    const narrow = await app.waitFor("web-1.2.0");
    expect(narrow).not.toContain("APP VER");
    app.resize(140, 40);
    const wide = await app.waitFor("APP VER");
    assertFits(wide, 140, 40);
    expect(wide.split("\n").length).toBeGreaterThan(24);
  });

  it("gives lists at least a few rows even on a short terminal", () => {
    const l = computeLayout(80, 24);
    expect(l.bodyHeight).toBe(21);
    expect(l.topHeight + l.bottomHeight).toBe(21);
    expect(l.wide).toBe(false);
    expect(computeLayout(160, 50).wide).toBe(true);
  });

  it("renders only the visible rows of 10,000 releases and scrolls to the end", async () => {
    const backend = new FakeBackend(manyReleases(10_000));
    const app = await renderApp(backend, { allNamespaces: true }, { columns: 100, rows: 24 });
    const first = await app.waitFor("app-00000");
    assertFits(first, 100, 24);
    expect(first).toContain("1/10000");
    expect(first).not.toContain("app-00050");
    await app.press("G");
    const last = await app.waitFor("10000/10000");
    // Sorted by namespace, then name: the last row is the last release of ns-6.
    expect(last).toContain("app-09995");
    expect(last).not.toContain("app-00000");
    await app.press(KEY.pageUp);
    await app.waitFor((f) => !f.includes("10000/10000"));
  });

  it("keeps the cursor in view while moving down past the window", async () => {
    const backend = new FakeBackend(manyReleases(100));
    const app = await renderApp(backend, { allNamespaces: true }, { columns: 100, rows: 24 });
    await app.waitFor("app-00000");
    for (let i = 0; i < 20; i++) await app.press("j");
    const frame = await app.waitFor("21/100");
    const rows = await backend.releases({});
    expect(frame).toContain(rows[20]!.name);
    expect(frame).not.toContain(rows[0]!.name);
  });
});

describe("colour", () => {
  it("honours NO_COLOR", () => {
    expect(noColorRequested({ NO_COLOR: "1" })).toBe(true);
    expect(noColorRequested({ NO_COLOR: "" })).toBe(false);
    expect(noColorRequested({})).toBe(false);
    expect(makeTheme(true).color("bad")).toBeUndefined();
    expect(makeTheme(false).color("bad")).toBe("red");
  });

  it("prints no escape sequences and marks focus with a double border without colour", async () => {
    const app = await renderApp();
    const frame = await app.waitFor("web-1.2.0");
    expect(frame).not.toContain("\u001b[");
    expect(frame).toContain("╔");
  });

  it("reads NO_COLOR from the environment when not told", async () => {
    const previous = process.env.NO_COLOR;
    process.env.NO_COLOR = "1";
    try {
      const r = render(<App backend={standardBackend()} options={{ readonly: false }} />);
      await new Promise((res) => setTimeout(res, 50));
      expect(r.lastFrame()).toContain("╔");
    } finally {
      if (previous === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = previous;
    }
  });
});
