import { cleanup, render } from "ink-testing-library";
import React from "react";
import { RevisionTimeline } from "../../src/ui/components/RevisionTimeline.js";
import { afterEach, describe, expect, it } from "vitest";
import { KEY, renderApp, standardBackend } from "./harness.js";

/** The fake backend's clock. */
const NOW = new Date("2026-11-28T05:00:00Z");

afterEach(() => cleanup());

describe("who and why in the History pane", () => {
  it("shows who acted in its own column and the reason before what happened", () => {
    const rows = [1, 2, 3].map((revision) => ({
      revision,
      status: revision === 3 ? ("deployed" as const) : ("superseded" as const),
      chartVersion: `1.${revision - 1}.0`,
      appVersion: "2.0",
      updated: new Date(NOW.getTime() - (10 - revision) * 3_600_000),
      description: ["Install complete", "Upgrade complete", "Rollback to 1"][revision - 1]!,
    }));
    const who = [{}, { by: "alice", reason: "rotate certs" }, { by: "bob" }];
    const { lastFrame } = render(
      <RevisionTimeline
        release={{ name: "web", namespace: "prod" }}
        revisions={rows.map((r, i) => ({ ...r, ...who[i] }))}
        cursor={0}
        focused={false}
        height={8}
        width={120}
        loading={false}
        now={NOW}
      />,
    );
    const frame = lastFrame()!;
    expect(frame).toMatch(/AGE\s+BY\s+DESCRIPTION/);
    expect(frame).toMatch(/1\s+superseded .* 9h\s{9}Install complete/);
    expect(frame).toMatch(/2\s+superseded .* 8h\s+alice\s+"rotate certs" Upgrade complete/);
    expect(frame).toMatch(/3\s+deployed .* 7h\s+bob\s+Rollback to 1/);
  });

  it("shows who and why in the app's History pane too", async () => {
    const backend = standardBackend();
    const web = backend.release({ name: "web", namespace: "prod" })!;
    web.revisions[2]!.description = 'Rollback to 1 · by bob · "bad"';
    const app = await renderApp(backend, {}, { columns: 160, rows: 40 });
    await app.waitFor("web-1.2.0");
    await app.press(KEY.down, KEY.enter);
    const frame = await app.waitFor("History prod/web");
    expect(frame).toMatch(/AGE\s+BY\s+DESCRIPTION/);
    expect(frame).toMatch(/3\s+deployed .* 7h\s+bob\s+"bad" Rollback to 1/);
    expect(frame).not.toContain("· by");
  });
});
