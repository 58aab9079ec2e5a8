import { cleanup, render } from "ink-testing-library";
import React from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { ReleaseRef } from "../../src/state/backend.js";
import { RevisionTimeline } from "../../src/ui/components/RevisionTimeline.js";
import { KEY, renderWithWebOpen, standardBackend } from "./harness.js";

afterEach(() => cleanup());

const NOW = new Date("2026-11-28T05:00:00Z");

describe("release size in the UI", () => {
  it("History shows each revision's stored size where the pane has room", () => {
    const rows = [900, 40_960, 1_300_000].map((storedBytes, i) => ({
      revision: i + 1,
      status: "superseded" as const,
      chartVersion: "1.0.0",
      appVersion: "1",
      updated: NOW,
      description: "Upgrade complete",
      storedBytes,
    }));
    const { lastFrame } = render(
      <RevisionTimeline
        release={{ name: "web", namespace: "prod" }}
        revisions={rows}
        cursor={0}
        focused={false}
        height={8}
        width={120}
        loading={false}
        now={NOW}
      />,
    );
    const frame = lastFrame()!;
    expect(frame).toMatch(/APP\s+SIZE\s+AGE/);
    expect(frame).toMatch(/1\s+superseded .*\s900B\s+0s\s+Upgrade/);
    expect(frame).toMatch(/2\s+superseded .*\s40K\s+0s\s+Upgrade/);
    expect(frame).toMatch(/3\s+superseded .*\s1\.2M\s+0s\s+Upgrade/);
  });

  it("the review and confirmation warn when the record would pass the limit", async () => {
    const backend = standardBackend();
    const plan = backend.planRollback.bind(backend);
    backend.planRollback = async (ref: ReleaseRef, revision: number) => ({
      ...(await plan(ref, revision)),
      sizeWarning: "the new revision's record would be 1.3 MiB, over the 1.0 MiB a Secret holds",
    });
    const app = await renderWithWebOpen(backend);
    await app.press("g", "r");
    await app.waitFor("⚠ the new revision's record would be 1.3 MiB");
    await app.press(KEY.enter);
    const dialog = await app.waitFor("[ No ]");
    expect(dialog).toContain("⚠ the new revision's record would be 1.3 MiB");
    await app.press("n");
    expect(app.backend.count("executeRollback")).toBe(0);
  });
});
