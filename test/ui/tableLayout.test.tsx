import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { FakeBackend, fakeRelease, fakeRevision } from "../support/fakeBackend.js";
import { KEY, renderApp } from "./harness.js";

afterEach(() => cleanup());

const FAILURE =
  'Upgrade "web" failed: failed to apply Deployment prod/web: admission webhook ' +
  '"policy.example.com" denied the request: spec.template.spec.containers[0].image ' +
  "registry.example.com/web:2.0.0-rc.1 is not signed by a trusted key";

/** prod/web with a failed upgrade between two good revisions, and two short-named neighbours. */
function backend(): FakeBackend {
  const chart = { chartVersion: "webapp-1.2.0", appVersion: "2.4.1" };
  const web = {
    name: "web",
    namespace: "prod",
    revisions: [
      fakeRevision(1, "superseded", chart),
      fakeRevision(2, "failed", { ...chart, description: FAILURE }),
      fakeRevision(3, "deployed", chart),
    ],
  };
  const db = fakeRelease("db", "staging", 1);
  db.revisions[0]!.status = "pending-upgrade";
  return new FakeBackend([fakeRelease("api", "prod", 1), web, db]);
}

/** Every namespace in view, prod/web's history open, its cursor on the failed revision. */
async function renderAt(columns: number, rows: number) {
  const app = await renderApp(backend(), { allNamespaces: true }, { columns, rows });
  await app.waitFor("api");
  await app.press("j", KEY.enter);
  await app.waitFor("History prod/web");
  await app.waitFor((f) => /●\s+3/.test(f));
  await app.press("k");
  return app;
}

/** The text of the pane whose left border is at `from`, up to `to`, one string per row. */
function paneText(frame: string, from: number, to: number): string[] {
  return frame.split("\n").map((l) => [...l].slice(from + 1, to - 1).join(""));
}

const SIZES = [
  [50, 14],
  [80, 24],
  [120, 40],
  [200, 50],
] as const;

describe("table panes lay out their columns from content and width", () => {
  for (const [columns, rows] of SIZES) {
    it(`fit ${columns}×${rows} on one row each, columns apart, nothing cut twice`, async () => {
      const app = await renderAt(columns, rows);
      const frame = await app.waitFor(
        (f) => /Status prod\/web/.test(f) && f.includes("◆") === false,
      );
      const lines = frame.split("\n");
      expect(lines.length).toBeLessThanOrEqual(rows);
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
      // The header and the key hints are where they belong: nothing wrapped onto a second row.
      expect(lines[0]).toMatch(/^wheelhouse /);
      expect(lines.at(-1)).toMatch(/q quit$/);
      // An ellipsis ends a cell: a space or a border follows it, never the next column's text.
      for (const line of lines) expect(line).not.toMatch(/…[^\s│║]/);
      expect(frame).not.toContain("……");
    });
  }

  for (const [columns, rows] of SIZES) {
    it(`keeps the help's columns apart at ${columns}×${rows}`, async () => {
      const app = await renderAt(columns, rows);
      await app.press("?");
      const frame = await app.waitFor("Keys — browse");
      const lines = frame.split("\n");
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
      for (const line of lines) expect(line).not.toMatch(/…[^\s│║]/);
      expect(frame).toMatch(/j ↓ +Down/);
    });
  }

  it("sizes NAME from the names, not the width, on a wide terminal", async () => {
    const app = await renderAt(200, 50);
    const frame = await app.waitFor("APP VER");
    expect(frame).toMatch(/NAME {2}NAMESPACE {2}REV {2}STATUS {11}CHART/);
    expect(frame).toMatch(/web {3}prod {9}3 {2}deployed {9}web-webapp-1\.2\.0 {2}2\.4\.1/);
  });

  it("widens History on a wide terminal: chart, app version and descriptions whole", async () => {
    const app = await renderAt(200, 50);
    const frame = await app.waitFor("History prod/web");
    expect(frame).toMatch(/ 1 superseded webapp-1\.2\.0 +2\.4\.1 +\S+ +Install complete/);
    expect(frame).toMatch(/● +3 deployed +webapp-1\.2\.0 +2\.4\.1 +\S+ +Upgrade complete/);
  });

  for (const [columns, rows] of [
    [200, 50],
    [120, 40],
  ] as const) {
    it(`shows the selected revision's whole failure, wrapped, in History at ${columns}×${rows}`, async () => {
      const app = await renderAt(columns, rows);
      const frame = await app.waitFor("2: Upgrade");
      const history = paneText(frame, 0, Math.floor(columns / 2));
      // Wrapping breaks at spaces, and inside a word longer than the pane.
      const text = history.join("").replace(/\s+/g, "");
      expect(text).toContain(`2: ${FAILURE}`.replace(/\s+/g, ""));
      expect(history.filter((l) => l.startsWith("2: Upgrade")).length).toBe(1);
    });
  }

  it("gives the failure all of History but the selected row at 80×24", async () => {
    const app = await renderAt(80, 24);
    const frame = await app.waitFor("2: Upgrade");
    const pane = paneText(frame, 0, 36);
    const top = pane.findIndex((l) => l.startsWith("History prod/web"));
    const history = pane.slice(top + 1, top + 10);
    expect(history[0]).toMatch(/REV +STATUS/);
    expect(history[1]).toMatch(/^ +2 +failed +webapp-1\.2\.0/);
    expect(history[2]).toMatch(/^2: Upgrade "web" failed: failed to/);
    // Cut where the pane ends: the last row says there is more.
    expect(history[8]).toMatch(/…\s*$/);
  });

  it("drops the least needed columns first on a 50×14 terminal", async () => {
    const app = await renderAt(50, 14);
    const frame = await app.waitFor("History prod/web");
    const releasesHeader = frame.split("\n").find((l) => l.includes("NAME"))!;
    expect(releasesHeader).toMatch(/NAME +NAMESPACE +STATUS/);
    expect(releasesHeader).not.toContain("APP VER");
    expect(releasesHeader).not.toContain("AGE");
    expect(frame).toMatch(/REV +STATUS/);
  });
});
