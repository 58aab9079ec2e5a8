import { describe, expect, it } from "vitest";
import { diffManifests } from "../../engine/diff/diffManifests.js";
import { formatDiff } from "./diffText.js";

const subject = (kind: string, name: string, text: string, apiVersion = "v1") => ({
  apiVersion,
  kind,
  namespace: "prod",
  name,
  text,
});

describe("formatDiff", () => {
  const diff = diffManifests(
    [
      subject("Deployment", "web", "replicas: 1\nimage: web:1\n", "apps/v1"),
      subject("ConfigMap", "old", "a: 1\n"),
    ],
    [
      subject("Deployment", "web", "replicas: 1\nimage: web:2\n", "apps/v1"),
      subject("Service", "web", "port: 80\n"),
    ],
  );

  it("prints a helm-diff heading and a unified hunk per changed resource, then a summary", () => {
    expect(formatDiff(diff, { context: 3, color: false })).toBe(
      [
        "prod, web, Deployment (apps) has changed:",
        "@@ -1,2 +1,2 @@",
        "  replicas: 1",
        "- image: web:1",
        "+ image: web:2",
        "",
        "prod, web, Service (v1) has been added:",
        "@@ -0,0 +1 @@",
        "+ port: 80",
        "",
        "prod, old, ConfigMap (v1) has been removed:",
        "@@ -1 +0,0 @@",
        "- a: 1",
        "",
        "1 added, 1 changed, 1 removed",
        "",
      ].join("\n"),
    );
  });

  it("honours the context size", () => {
    expect(formatDiff(diff, { context: 0, color: false })).not.toContain("  replicas: 1");
  });

  it("colours only when asked", () => {
    expect(formatDiff(diff, { context: 3, color: true })).toContain("\u001b[");
    expect(formatDiff(diff, { context: 3, color: false })).not.toContain("\u001b[");
  });
});
