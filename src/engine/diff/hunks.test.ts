import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffManifests } from "./diffManifests.js";
import { hunkHeader, toHunks } from "./hunks.js";

const lines = (...xs: string[]) => xs.map((x) => `${x}\n`).join("");
const numbered = (n: number) => Array.from({ length: n }, (_, i) => `line${i + 1}`);

/** Text pairs whose shortest diff is unambiguous, so GNU diff and ours cut the same hunks. */
const PAIRS: Record<string, [string, string]> = {
  "one line changed": [
    lines(...numbered(20)),
    lines(...numbered(13), "X", ...numbered(20).slice(14)),
  ],
  "two changes 3 lines apart": [
    lines(...numbered(12)),
    lines("line1", "A", "line3", "line4", "line5", "B", ...numbered(12).slice(6)),
  ],
  "a line added at the end": [lines(...numbered(10)), lines(...numbered(10), "tail")],
  "a line removed in the middle": [
    lines(...numbered(9)),
    lines(...numbered(9).filter((l) => l !== "line5")),
  ],
  "two lines inserted at the top": [lines(...numbered(6)), lines("new1", "new2", ...numbered(6))],
  "everything added": ["", lines("a", "b", "c")],
  "one line added to nothing": ["", lines("a")],
  "everything removed": [lines("a", "b", "c"), ""],
};

const dir = mkdtempSync(join(tmpdir(), "wh-hunks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gnuHeaders(before: string, after: string, context: number): string[] {
  writeFileSync(join(dir, "a"), before);
  writeFileSync(join(dir, "b"), after);
  const run = spawnSync("diff", [`-U${context}`, join(dir, "a"), join(dir, "b")], {
    encoding: "utf8",
  });
  return run.stdout.split("\n").filter((l) => l.startsWith("@@"));
}

function ourHeaders(before: string, after: string, context: number): string[] {
  const subject = (text: string) => ({ apiVersion: "v1", kind: "ConfigMap", name: "c", text });
  const diff = diffManifests(before ? [subject(before)] : [], after ? [subject(after)] : []);
  return toHunks(diff.resources[0]!.lines, context).map(hunkHeader);
}

const hasDiff = spawnSync("diff", ["--version"]).status === 0;

describe.skipIf(!hasDiff)("hunk headers", () => {
  for (const [name, [before, after]] of Object.entries(PAIRS)) {
    it(`prints what GNU diff -U0/-U1/-U3/-U5 prints: ${name}`, () => {
      for (const context of [0, 1, 3, 5]) {
        expect(ourHeaders(before, after, context), `-U${context}`).toEqual(
          gnuHeaders(before, after, context),
        );
      }
    });
  }
});
