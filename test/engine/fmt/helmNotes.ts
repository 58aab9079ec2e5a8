/** Asks the real helm what template expressions print: the oracle for the fmt/strconv/convert tests. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { helmBinary, helmEnv } from "../../support/helm.js";

/** helm 4.1.4, or undefined when its package is absent (tests then skip). */
export const helm4 = helmBinary(4);

/** The values.yaml every oracle chart gets (`.Values.m` and `.Values.f` in expressions). */
export const ORACLE_VALUES = "f: 1.5\nm:\n  a: 1\n  b: x\n  l: [1, z]\n";
/** A file `.Files.GetBytes "hi.txt"` reads. */
export const ORACLE_FILE = "hi";

const END = "⟪end⟫";

/**
 * Renders each expression as `{{ EXPR }}` in one chart's NOTES.txt (helm prints NOTES verbatim
 * after `install --dry-run=client`) and returns what helm printed for each.
 */
export function helmPrints(exprs: string[]): string[] {
  if (!helm4) throw new Error("helm 4 is not available");
  const dir = mkdtempSync(join(tmpdir(), "fmt-oracle-"));
  try {
    mkdirSync(join(dir, "chart", "templates"), { recursive: true });
    const chart = join(dir, "chart");
    writeFileSync(join(chart, "Chart.yaml"), "apiVersion: v2\nname: fmtoracle\nversion: 0.1.0\n");
    writeFileSync(join(chart, "values.yaml"), ORACLE_VALUES);
    writeFileSync(join(chart, "hi.txt"), ORACLE_FILE);
    writeFileSync(
      join(chart, "templates", "NOTES.txt"),
      exprs.map((e) => `{{ ${e} }}${END}\n`).join(""),
    );
    const out = execFileSync(helm4, ["install", "r", chart, "--dry-run=client"], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
      env: helmEnv(dir, join(dir, "no-kubeconfig")),
    });
    const notes = out.slice(out.indexOf("NOTES:\n") + "NOTES:\n".length);
    return notes.split(`${END}\n`).slice(0, exprs.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs every case through helm and ours; returns a readable list of the ones that differ. */
export function differences(cases: Array<{ tpl: string; run: () => string }>): string[] {
  const want = helmPrints(cases.map((c) => c.tpl));
  const wrong: string[] = [];
  cases.forEach((c, i) => {
    let got: string;
    try {
      got = c.run();
    } catch (e) {
      got = `threw ${(e as Error).message}`;
    }
    if (got !== want[i])
      wrong.push(`${c.tpl}\n   helm: ${JSON.stringify(want[i])}\n   ours: ${JSON.stringify(got)}`);
  });
  return wrong;
}
