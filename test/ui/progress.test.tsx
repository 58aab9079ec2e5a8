import { cleanup, render } from "ink-testing-library";
import React from "react";
import { afterEach, describe, expect, it } from "vitest";
import { latestPerResource, Progress } from "../../src/ui/components/Progress.js";

afterEach(() => cleanup());

const step = (resource: string, state: "started" | "done" | "failed" | "waiting") => ({
  step: "apply" as const,
  resource,
  state,
});

describe("operation progress", () => {
  it("keeps one line per resource with its latest state", () => {
    const lines = latestPerResource([
      step("Deployment prod/web", "started"),
      step("Service prod/web", "started"),
      step("Deployment prod/web", "done"),
    ]);
    expect(lines.map((l) => `${l.resource} ${l.state}`)).toEqual([
      "Service prod/web started",
      "Deployment prod/web done",
    ]);
  });

  it("shows a spinner with how many resources are done", () => {
    const { lastFrame } = render(
      <Progress
        label="Upgrading…"
        height={10}
        progress={[
          step("Deployment prod/web", "started"),
          step("Service prod/web", "done"),
          { ...step("Deployment prod/web", "waiting"), message: "1/2 replicas ready" },
        ]}
      />,
    );
    const frame = lastFrame() ?? "";
    expect(frame).toContain("Upgrading… 1/2");
    expect(frame).toMatch(/done\s+apply\s+Service prod\/web/);
    expect(frame).toMatch(/waiting\s+apply\s+Deployment prod\/web {2}1\/2 replicas ready/);
    expect(frame).not.toMatch(/started/);
  });
});
