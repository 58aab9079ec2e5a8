import { describe, expect, it } from "vitest";
import type { DiffLine, ManifestDiff, ResourceDiff } from "../../src/engine/diff/types.js";
import { diffRows } from "../../src/ui/diffRows.js";

function resource(
  name: string,
  lines: DiffLine[],
  change: ResourceDiff["change"] = "changed",
): ResourceDiff {
  return {
    id: `v1/ConfigMap/prod/${name}`,
    apiVersion: "v1",
    kind: "ConfigMap",
    namespace: "prod",
    name,
    change,
    lines,
    added: lines.filter((l) => l.op === "add").length,
    removed: lines.filter((l) => l.op === "remove").length,
  };
}

const ctx = (n: number): DiffLine => ({ op: "context", text: `line${n}`, oldLine: n, newLine: n });

function manifest(...resources: ResourceDiff[]): ManifestDiff {
  return { resources, summary: { added: 0, changed: resources.length, removed: 0, unchanged: 0 } };
}

describe("diff rows", () => {
  const lines: DiffLine[] = [
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(ctx),
    { op: "remove", text: "old", oldLine: 11 },
    { op: "add", text: "new", newLine: 11 },
    ...[12, 13, 14, 15, 16, 17, 18, 19, 20].map(ctx),
    { op: "add", text: "tail", newLine: 21 },
  ];

  it("cuts hunks with the chosen context and merges hunks that overlap", () => {
    const { rows } = diffRows(manifest(resource("a", lines)), { context: 2, sideBySide: false });
    const hunks = rows.filter((r) => r.kind === "hunk");
    expect(hunks).toHaveLength(2);
    const shown = rows.flatMap((r) => (r.kind === "line" ? [r.line.text] : []));
    expect(shown).toEqual([
      "line9",
      "line10",
      "old",
      "new",
      "line12",
      "line13",
      "line19",
      "line20",
      "tail",
    ]);
    const wide = diffRows(manifest(resource("a", lines)), { context: 5, sideBySide: false });
    expect(wide.rows.filter((r) => r.kind === "hunk")).toHaveLength(1);
  });

  it("leaves unchanged resources out and records where each resource starts", () => {
    const { rows, resourceStarts } = diffRows(
      manifest(resource("a", lines), resource("same", [ctx(1)], "unchanged"), resource("b", lines)),
      { context: 0, sideBySide: false },
    );
    expect(resourceStarts).toHaveLength(2);
    expect(resourceStarts.map((i) => rows[i]!.kind)).toEqual(["resource", "resource"]);
    expect(rows.some((r) => r.kind === "resource" && r.title.includes("same"))).toBe(false);
  });

  it("pairs removals with the additions that replace them side by side", () => {
    const { rows } = diffRows(manifest(resource("a", lines)), { context: 1, sideBySide: true });
    const pairs = rows.flatMap((r) => (r.kind === "pair" ? [[r.left?.text, r.right?.text]] : []));
    expect(pairs).toContainEqual(["old", "new"]);
    expect(pairs).toContainEqual([undefined, "tail"]);
    expect(pairs).toContainEqual(["line10", "line10"]);
  });
});
